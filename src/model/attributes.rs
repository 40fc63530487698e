//! A group's attributes and counters (Tencent's GroupAttributes and
//! TIMGroupCounter): shared state that every member reads and writes, such
//! as a match room's seats or a live stream's likes.

use serde::{Deserialize, Serialize};

/// One attribute as the C API carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupAttribute {
    #[serde(rename = "group_attribute_key")]
    pub key: String,
    #[serde(rename = "group_attribute_value", default)]
    pub value: String,
}

/// One counter as the C API carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupCounter {
    #[serde(rename = "group_counter_key")]
    pub key: String,
    #[serde(rename = "group_counter_value", default)]
    pub value: i64,
}
