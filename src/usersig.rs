//! UserSig: proof that the app's server let a user log in, in Tencent's
//! TLSSigAPIv2 format, so apps keep the signing code they have.
//!
//! A sig is a JSON document (`TLS.ver` "2.0", `TLS.identifier`,
//! `TLS.sdkappid`, `TLS.time`, `TLS.expire`, `TLS.sig`), zlib-compressed and
//! base64-encoded with Tencent's URL-safe alphabet (`+` `/` `=` written as
//! `*` `-` `_`). `TLS.sig` is the base64 HMAC-SHA256, keyed by the app's
//! secret, of `TLS.identifier:<user>\nTLS.sdkappid:<app>\nTLS.time:<t>\n
//! TLS.expire:<seconds>\n` (and `TLS.userbuf:<b64>\n` when a user buffer is
//! signed too). The sig is valid until `TLS.time + TLS.expire`.

use std::io::{Read, Write};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use flate2::Compression;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

use crate::error::{err, Error, Result};

/// A decompressed sig larger than this is not one (nor a zip bomb's payload).
const MAX_DOCUMENT: u64 = 4096;

fn content(user_id: &str, app_id: u64, time: i64, expire: i64, userbuf: Option<&str>) -> String {
    let mut text = format!("TLS.identifier:{}\nTLS.sdkappid:{}\nTLS.time:{}\nTLS.expire:{}\n", user_id, app_id, time, expire);
    if let Some(buf) = userbuf {
        text.push_str(&format!("TLS.userbuf:{}\n", buf));
    }
    text
}

fn mac(secret: &str, content: &str) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(content.as_bytes());
    mac
}

fn to_url_safe(b64: String) -> String {
    b64.chars().map(|c| match c { '+' => '*', '/' => '-', '=' => '_', c => c }).collect()
}

fn from_url_safe(sig: &str) -> String {
    sig.chars().map(|c| match c { '*' => '+', '-' => '/', '_' => '=', c => c }).collect()
}

/// Makes a sig for `user_id` of app `app_id`, signed at `time` and valid
/// for `expire` seconds from then. Belongs on the app's server; the SDK
/// exports it for tests and tools.
pub fn generate(secret: &str, app_id: u64, user_id: &str, time: u64, expire: u64) -> String {
    let tag = mac(secret, &content(user_id, app_id, time as i64, expire as i64, None)).finalize().into_bytes();
    let doc = json!({
        "TLS.ver": "2.0",
        "TLS.identifier": user_id,
        "TLS.sdkappid": app_id,
        "TLS.expire": expire,
        "TLS.time": time,
        "TLS.sig": STANDARD.encode(tag),
    });
    let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
    z.write_all(doc.to_string().as_bytes()).expect("writing to memory");
    to_url_safe(STANDARD.encode(z.finish().expect("writing to memory")))
}

/// The sig's document, if it is one; says nothing of its signature.
fn document(sig: &str) -> Option<Value> {
    let compressed = STANDARD.decode(from_url_safe(sig.trim())).ok()?;
    let mut text = String::new();
    ZlibDecoder::new(&compressed[..]).take(MAX_DOCUMENT).read_to_string(&mut text).ok()?;
    serde_json::from_str(&text).ok()
}

/// An integer field, written as a number or as a string of digits.
fn int_field(doc: &Value, key: &str) -> Option<i64> {
    match &doc[key] {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// When a well-formed sig stops being valid (unix seconds), without checking
/// its signature: what a client can tell before it asks a server.
pub fn expires_at(sig: &str) -> Option<u64> {
    let doc = document(sig)?;
    Some(int_field(&doc, "TLS.time")?.saturating_add(int_field(&doc, "TLS.expire")?).max(0) as u64)
}

/// Checks a sig of `user_id` for app `app_id` at `now`; returns when it
/// expires. 70003 when it is malformed, forged, another user's or another
/// app's; 70001 when it has expired.
pub fn verify(secret: &str, app_id: u64, user_id: &str, sig: &str, now: u64) -> Result<u64> {
    let failed = |why: &str| -> Error { err!(UserSigCheckFailed, "the user_sig of {} {}", user_id, why) };
    let doc = document(sig).ok_or_else(|| failed("is not a TLSSigAPIv2 sig"))?;
    let (Some(time), Some(expire), Some(tag)) = (int_field(&doc, "TLS.time"), int_field(&doc, "TLS.expire"), doc["TLS.sig"].as_str()) else {
        return Err(failed("lacks TLS.time, TLS.expire or TLS.sig"));
    };
    if doc["TLS.identifier"].as_str() != Some(user_id) {
        return Err(failed("was made for another user"));
    }
    if int_field(&doc, "TLS.sdkappid").and_then(|id| u64::try_from(id).ok()) != Some(app_id) {
        return Err(failed(&format!("was made for another SDKAppID than {}", app_id)));
    }
    let tag = STANDARD.decode(tag).map_err(|_| failed("has a TLS.sig that is not base64"))?;
    mac(secret, &content(user_id, app_id, time, expire, doc["TLS.userbuf"].as_str()))
        .verify_slice(&tag)
        .map_err(|_| failed("does not match the app's secret key"))?;
    let until = time.saturating_add(expire).max(0) as u64;
    if until <= now {
        return Err(err!(SvrUserSigExpired, "the user_sig of {} expired at {}", user_id, until));
    }
    Ok(until)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Code;

    #[test]
    fn signs_and_checks() {
        let sig = generate("k", 7, "alice", 100, 50);
        assert_eq!(verify("k", 7, "alice", &sig, 149), Ok(150));
        assert_eq!(expires_at(&sig), Some(150));
        assert_eq!(verify("k", 7, "alice", &sig, 150).unwrap_err().code, Code::SvrUserSigExpired);
        for (secret, app, user, sig) in [("k", 7, "bob", &sig), ("other", 7, "alice", &sig), ("k", 8, "alice", &sig)] {
            assert_eq!(verify(secret, app, user, sig, 120).unwrap_err().code, Code::UserSigCheckFailed);
        }
        for junk in ["", "nonsense", "eJw_", &sig[..sig.len() / 2]] {
            assert_eq!(verify("k", 7, "alice", junk, 120).unwrap_err().code, Code::UserSigCheckFailed, "{:?}", junk);
        }
    }

    /// Sigs made by Tencent's published Python TLSSigAPIv2 (PyPI
    /// tls-sig-api-v2 1.1, `TLSSigAPIv2(1400000000, "secret")` with its clock
    /// at 1700000000: `gen_sig("alice", 86400)` and
    /// `gen_sig_with_userbuf("alice", 86400, b"room-7")`) pass our check.
    #[test]
    fn reads_tencents_own_sigs() {
        let plain = "eJyrVgrxCdYrSy1SslJQMtIzUNJRAItkpqTmlWSmZUIkEnMyk1NhUsUp2YkFBZkpQAlDEwMogMqlVhRkFqUCZSzMTOCCJZm5ICFDczTFxZnpIMOzKt3CExMtzQvyA7IL3NOTnHIzXdP9ctKr3LONshNNg9zzkjOL07RTcr0ibZVqAROEMu8_";
        let with_userbuf = "eJyrVgrxCdYrSy1SslJQMtIzUNJRAItkpqTmlWSmZUIkEnMyk1NhUsUp2YkFBZkpQAlDEwMogMqlVhRkFqUCZSzMTOCCJZm5ICFDczTFpcWpRUmlaSALknMty5KCDYzhdmSmg4TDTQM8Qsv9fQ1LM13D8nMtw8u8k4rCityzjNxzDSILPLwLw3zNS7yiSpwibZVqAZBoOgo_";
        for sig in [plain, with_userbuf] {
            assert_eq!(verify("secret", 1400000000, "alice", sig, 1700000001), Ok(1700086400));
            assert_eq!(verify("secret", 1400000000, "alice", sig, 1700086400).unwrap_err().code, Code::SvrUserSigExpired);
            assert_eq!(verify("wrong", 1400000000, "alice", sig, 1700000001).unwrap_err().code, Code::UserSigCheckFailed);
        }
        let ours = generate("secret", 1400000000, "alice", 1700000000, 86400);
        assert_eq!(document(&ours), document(plain), "the same document as Tencent's, byte order of keys aside");
    }
}
