//! The token every bench message carries, and the scanner that finds tokens
//! in what a receiver reads. One format for all three servers, so each
//! receiver does the same work whatever it talks to.
//!
//! A token is `hb:<sender>:<seq>:<sent_ns>.`: ASCII only, so it needs no
//! escaping in JSON or XML and survives any server unchanged.

use std::sync::OnceLock;
use std::time::Instant;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// The sender's slot in its room (senders are a room's first members).
    pub sender: u32,
    pub seq: u32,
    /// When it was sent, in nanoseconds of `now_ns`'s clock.
    pub sent_ns: u64,
}

impl Token {
    pub fn text(&self) -> String {
        format!("hb:{}:{}:{}.", self.sender, self.seq, self.sent_ns)
    }
}

/// Nanoseconds since the bench started: one clock for senders and receivers,
/// who share the bench process.
pub fn now_ns() -> u64 {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    EPOCH.get_or_init(Instant::now).elapsed().as_nanos() as u64
}

/// Finds tokens in a byte stream fed in pieces: a WebSocket frame is one
/// piece, a TCP read of an XMPP stream is any piece, so a token cut in two
/// by a read is kept until the rest arrives.
#[derive(Default)]
pub struct Scanner {
    carry: Vec<u8>,
}

const MARK: &[u8] = b"hb:";

impl Scanner {
    pub fn feed(&mut self, bytes: &[u8], mut found: impl FnMut(Token)) {
        if self.carry.is_empty() {
            let rest = scan(bytes, &mut found);
            self.carry.extend_from_slice(&bytes[rest..]);
        } else {
            self.carry.extend_from_slice(bytes);
            let carry = std::mem::take(&mut self.carry);
            let rest = scan(&carry, &mut found);
            self.carry.extend_from_slice(&carry[rest..]);
        }
    }
}

/// Calls `found` for every whole token; returns where an unfinished one
/// starts (or the end).
fn scan(bytes: &[u8], found: &mut impl FnMut(Token)) -> usize {
    let mut at = 0;
    while let Some(i) = bytes[at..].iter().position(|&b| b == b'h') {
        let start = at + i;
        let tail = &bytes[start..];
        if tail.len() < MARK.len() && MARK.starts_with(tail) {
            return start;
        }
        if !tail.starts_with(MARK) {
            at = start + 1;
            continue;
        }
        match parse(&tail[MARK.len()..]) {
            Parsed::Token(token, len) => {
                found(token);
                at = start + MARK.len() + len;
            }
            Parsed::Unfinished => return start,
            Parsed::NotAToken => at = start + MARK.len(),
        }
    }
    bytes.len()
}

enum Parsed {
    Token(Token, usize),
    Unfinished,
    NotAToken,
}

/// `<sender>:<seq>:<sent_ns>.` after the mark.
fn parse(bytes: &[u8]) -> Parsed {
    let mut fields = [0u64; 3];
    let mut field = 0;
    let mut digits = 0;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'0'..=b'9' if digits < 20 => {
                fields[field] = fields[field].wrapping_mul(10).wrapping_add((b - b'0') as u64);
                digits += 1;
            }
            b':' if digits > 0 && field < 2 => {
                field += 1;
                digits = 0;
            }
            b'.' if digits > 0 && field == 2 => {
                let token = Token { sender: fields[0] as u32, seq: fields[1] as u32, sent_ns: fields[2] };
                return Parsed::Token(token, i + 1);
            }
            _ => return Parsed::NotAToken,
        }
    }
    Parsed::Unfinished
}
