//! UserSig: proof that the app's server let a user log in. Huddle's form is
//! `<expire unix seconds>.<hex HMAC-SHA256(secret, "<app id>\n<user>\n<expire>")>`.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::{err, Result};

fn mac(secret: &str, app_id: u64, user_id: &str, expire: u64) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(format!("{}\n{}\n{}", app_id, user_id, expire).as_bytes());
    mac
}

/// Makes a user_sig valid until `expire` (unix seconds). Belongs on the app's
/// server; the SDK exports it for tests and tools.
pub fn generate(secret: &str, app_id: u64, user_id: &str, expire: u64) -> String {
    let tag = mac(secret, app_id, user_id, expire).finalize().into_bytes();
    let hex: String = tag.iter().map(|b| format!("{:02x}", b)).collect();
    format!("{}.{}", expire, hex)
}

/// Checks a user_sig at time `now`: 70001 malformed, 70003 wrong, 6206 expired.
pub fn verify(secret: &str, app_id: u64, user_id: &str, sig: &str, now: u64) -> Result<()> {
    let malformed = || err!(UserSigMalformed, "the user_sig of {} is not <expire>.<hex hmac>", user_id);
    let (expire, hex) = sig.split_once('.').ok_or_else(malformed)?;
    let expire: u64 = expire.parse().map_err(|_| malformed())?;
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(malformed());
    }
    let tag: Vec<u8> = (0..32).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("checked hex")).collect();
    mac(secret, app_id, user_id, expire)
        .verify_slice(&tag)
        .map_err(|_| err!(UserSigMismatch, "the user_sig does not match user {} of app {}", user_id, app_id))?;
    if expire <= now {
        return Err(err!(UserSigExpired, "the user_sig of {} expired at {}", user_id, expire));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Code;

    #[test]
    fn signs_and_checks() {
        let sig = generate("k", 7, "alice", 100);
        assert!(verify("k", 7, "alice", &sig, 99).is_ok());
        assert_eq!(verify("k", 7, "alice", &sig, 100).unwrap_err().code, Code::UserSigExpired);
        assert_eq!(verify("k", 7, "bob", &sig, 99).unwrap_err().code, Code::UserSigMismatch);
        assert_eq!(verify("other", 7, "alice", &sig, 99).unwrap_err().code, Code::UserSigMismatch);
        assert_eq!(verify("k", 8, "alice", &sig, 99).unwrap_err().code, Code::UserSigMismatch);
        assert_eq!(verify("k", 7, "alice", "nonsense", 99).unwrap_err().code, Code::UserSigMalformed);
        assert_eq!(verify("k", 7, "alice", "1.zz", 99).unwrap_err().code, Code::UserSigMalformed);
    }
}
