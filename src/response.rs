//! What a call answers, whichever transport carried it: a code (0 or a
//! Tencent number), a sentence, and a JSON document.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::Error;

/// What a callback receives: `code` 0 or a Tencent number, a sentence, and JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub code: i32,
    pub desc: String,
    pub json: String,
}

impl Response {
    pub fn ok(value: Value) -> Response {
        Response { code: 0, desc: String::new(), json: value.to_string() }
    }

    pub fn error(e: &Error) -> Response {
        Response { code: e.code.as_i32(), desc: e.desc.clone(), json: "{}".into() }
    }

    pub fn from_result(r: Result<Value, &Error>) -> Response {
        match r {
            Ok(v) => Response::ok(v),
            Err(e) => Response::error(e),
        }
    }
}

/// Receives the one response of a request, on whatever thread produced it.
/// It must only queue the response: engines call it with their locks held.
pub type Reply = Box<dyn FnOnce(Response) + Send>;
