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

    /// A server's answer, made safe to hand to a host: a success carries no
    /// error text; its JSON is kept either way; a failure always has a positive code (a negative one would
    /// read as a synchronous result; a server newer than this SDK may send
    /// codes it does not know, which pass through) and a sentence (the code's
    /// own when the server sent none).
    pub fn from_server(code: i32, desc: String, json: String) -> Response {
        if code == 0 {
            return Response { code, desc: String::new(), json };
        }
        let known = crate::error::Code::from_i32(code);
        if code < 0 {
            tracing::warn!("the server answered with code {}, which no call can have", code);
            let e = crate::error::err!(InvalidJson, "the server answered with code {} ({})", code, desc);
            return Response::error(&e);
        }
        let desc = match (desc.is_empty(), known) {
            (true, Some(c)) => c.describe().to_string(),
            (true, None) => format!("the server refused the call with code {}", code),
            (false, _) => desc,
        };
        // A failure may carry results (an invitation into a full group: who got in).
        Response { code, desc, json }
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
