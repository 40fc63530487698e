//! Message logs (Tencent's `open_msg_svc/get_history`, RC's historical
//! message logs): one hour's messages of one chat type, as a gzip file in
//! Tencent's format. Hours are UTC (Tencent's are Beijing time).

use std::io::Write;
use std::sync::Arc;

use serde::Deserialize;
use serde_json::{json, Value};

use crate::error::{err, Result};
use crate::model::{Message, Thread};
use crate::types::ConvType;

use super::wire::message_record;

/// `{"ChatType": "Group", "MsgTime": "2026112912"}`.
#[derive(Clone, Debug, Deserialize)]
pub struct Query {
    #[serde(rename = "ChatType")]
    pub chat_type: String,
    #[serde(rename = "MsgTime")]
    pub msg_time: String,
}

impl Query {
    pub fn parse(raw: &[u8]) -> Result<Query> {
        let v: serde_json::Value = serde_json::from_slice(raw).map_err(|e| err!(RestJsonInvalid, "the body is not JSON: {}", e))?;
        let q: Query = serde_json::from_value(v).map_err(|e| err!(HistoryBadRequest, "{}", e))?;
        q.conv_type()?;
        q.hour()?;
        Ok(q)
    }

    pub fn conv_type(&self) -> Result<ConvType> {
        match self.chat_type.as_str() {
            "C2C" => Ok(ConvType::C2C),
            "Group" => Ok(ConvType::Group),
            other => Err(err!(HistoryBadRequest, "ChatType is C2C or Group, not {:?}", other)),
        }
    }

    /// The hour's first second (UTC): `MsgTime` is `YYYYMMDDHH`.
    pub fn hour(&self) -> Result<u64> {
        let t = &self.msg_time;
        let bad = || err!(HistoryBadRequest, "MsgTime {:?} is not YYYYMMDDHH", t);
        if t.len() != 10 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let n = |r: std::ops::Range<usize>| t[r].parse::<i64>().map_err(|_| bad());
        let (y, m, d, h) = (n(0..4)?, n(4..6)?, n(6..8)?, n(8..10)?);
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) || h > 23 || y < 1970 {
            return Err(bad());
        }
        let days = days_from_civil(y, m, d);
        // 2026-02-31 and the like come back as another date: refuse them.
        if civil_from_days(days) != (y, m, d) {
            return Err(bad());
        }
        Ok((days * 86_400 + h * 3600) as u64)
    }

    /// The file's name: `<sdkappid>_<ChatType>_<MsgTime>.gz`.
    pub fn file_name(&self, sdk_app_id: u64) -> String {
        format!("{}_{}_{}.gz", sdk_app_id, self.chat_type, self.msg_time)
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + (m <= 2) as i64, m, d)
}

/// `YYYY-MM-DD HH:MM:SS` (UTC), as Tencent writes `ExpireTime`.
pub fn format_time(t: u64) -> String {
    let (y, m, d) = civil_from_days((t / 86_400) as i64);
    let s = t % 86_400;
    format!("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", y, m, d, s / 3600, s % 3600 / 60, s % 60)
}

/// The log file's text: a header line, one message per line, a closing line.
pub fn log_text(sdk_app_id: u64, q: &Query, messages: &[Arc<Message>]) -> String {
    let head = json!({ "SdkAppId": sdk_app_id, "ChatType": q.chat_type, "MsgTime": q.msg_time }).to_string();
    let mut text = format!("{},\"MsgList\":[\n", &head[..head.len() - 1]);
    for (i, m) in messages.iter().enumerate() {
        let mut record = message_record(m);
        // The files spell it with a small s (Tencent's format).
        if let Some(t) = record.remove("MsgTimeStamp") {
            record.insert("MsgTimestamp".into(), t);
        }
        match &m.thread {
            Thread::Group(g) => record.insert("GroupId".into(), json!(g)),
            Thread::C2C(..) => record.insert("To_Account".into(), json!(m.thread.peer(&m.sender))),
        };
        text.push_str(&Value::Object(record).to_string());
        text.push_str(if i + 1 < messages.len() { ",\n" } else { "\n" });
    }
    text.push_str("]}\n");
    text
}

/// `text` gzipped.
pub fn gzip(text: &str) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text.as_bytes()).expect("writing to memory cannot fail");
    gz.finish().expect("writing to memory cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(t: &str) -> Query {
        Query { chat_type: "Group".into(), msg_time: t.into() }
    }

    #[test]
    fn hours_are_utc_and_checked() {
        assert_eq!(q("1970010100").hour().unwrap(), 0);
        assert_eq!(q("2026112912").hour().unwrap(), 1_795_953_600);
        assert_eq!(format_time(1_795_953_600), "2026-11-29 12:00:00");
        assert_eq!(q("2024022923").hour().unwrap() % 86_400, 23 * 3600, "a leap day");
        for bad in ["2026023100", "2026113024", "202611291", "2026-11-29", "2026130100"] {
            assert!(q(bad).hour().is_err(), "{} is refused", bad);
        }
    }
}
