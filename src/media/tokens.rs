//! huddle-server's upload tokens: a session gets one in its login's answer
//! and names it on every upload (`Authorization: Bearer <token>`), so that
//! only a logged-in user stores files, and the server knows whose they are.
//! A token is `<expiry>.<HMAC-SHA256 of the expiry and user ID>.<user ID>`,
//! signed with a key of the server's: it needs no table, and dies with the key.
//! The key is the app's `secret_key`; without one, on PostgreSQL a random key
//! kept in the database (so that every node of a cluster takes a token any
//! node issued), else a random key of the process's run.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How long a token is good for; a session's reconnect gets a new one.
pub const TOKEN_SECS: u64 = 24 * 3600;

pub struct Tokens {
    key: Vec<u8>,
}

impl Tokens {
    pub fn new(key: Vec<u8>) -> Tokens {
        Tokens { key }
    }

    fn mac(&self, expires: u64, user: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key");
        mac.update(format!("media\0{}\0{}", expires, user).as_bytes());
        mac.finalize().into_bytes().iter().map(|b| format!("{:02x}", b)).collect()
    }

    /// A token for `user`, good until `now + TOKEN_SECS`.
    pub fn issue(&self, user: &str, now: u64) -> String {
        let expires = now + TOKEN_SECS;
        format!("{}.{}.{}", expires, self.mac(expires, user), user)
    }

    /// The user a token names, if it is one of this key's and not expired.
    pub fn check<'a>(&self, token: &'a str, now: u64) -> Option<&'a str> {
        let mut parts = token.splitn(3, '.');
        let (expires, mac, user) = (parts.next()?, parts.next()?, parts.next()?);
        let expires: u64 = expires.parse().ok()?;
        (expires > now && mac == self.mac(expires, user)).then_some(user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_names_its_user_until_it_expires_and_only_under_its_key() {
        let tokens = Tokens::new(b"k".to_vec());
        let t = tokens.issue("al.ice", 100);
        assert_eq!(tokens.check(&t, 100), Some("al.ice"));
        assert_eq!(tokens.check(&t, 100 + TOKEN_SECS), None, "expired");
        assert_eq!(Tokens::new(b"other".to_vec()).check(&t, 100), None, "another server's key");
        assert_eq!(tokens.check(&t.replace("al.ice", "bob"), 100), None, "another user");
    }
}
