//! Just enough XMPP for the bench, over raw TCP: open a stream, log in with
//! SASL ANONYMOUS, bind a resource, join a multi-user chat room, send
//! groupchat messages and pings. Nothing is parsed beyond looking for the
//! few bytes each step waits for: ejabberd writes its attributes in single
//! quotes, and the bench only talks to ejabberd.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The virtual host and the MUC service of benches/server/ejabberd.yml.
const DOMAIN: &str = "localhost";
const MUC: &str = "conference.localhost";

/// What the reader turns into a pong: the id of the bench's pings.
pub const PING_ID: &[u8] = b"id='hbping'";

/// What marks a stanza the server refused.
pub const ERROR: &[u8] = b"type='error'";

/// A stream during setup: the socket and what was read but not yet used.
pub struct Session {
    pub stream: TcpStream,
    pub pending: Vec<u8>,
}

impl Session {
    /// Connected, logged in anonymously, bound, with a session.
    pub async fn login(stream: TcpStream) -> Result<Session, String> {
        let mut s = Session { stream, pending: Vec::new() };
        s.open_stream().await?;
        s.send(b"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='ANONYMOUS'/>").await?;
        s.expect(b"<success", b"<failure", "SASL ANONYMOUS").await?;
        s.open_stream().await?;
        s.send(b"<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>").await?;
        s.expect(b"</jid>", ERROR, "resource binding").await?;
        s.send(b"<iq type='set' id='sess'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>").await?;
        s.expect(b"id='sess'", ERROR, "the session").await?;
        Ok(s)
    }

    /// Enters `room` as `nick`; whoever `creates` it also accepts the
    /// default configuration (XEP-0045's instant room), as a client must.
    pub async fn join(&mut self, room: &str, nick: &str, creates: bool) -> Result<(), String> {
        let presence = format!(
            "<presence to='{}@{}/{}'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>",
            room, MUC, nick
        );
        self.send(presence.as_bytes()).await?;
        // The room's presence of the joiner itself carries status 110.
        self.expect(b"code='110'", ERROR, "joining the room").await?;
        if creates {
            let instant = format!(
                "<iq type='set' to='{}@{}' id='cfg'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>",
                room, MUC
            );
            self.send(instant.as_bytes()).await?;
            self.expect(b"id='cfg'", ERROR, "the instant room").await?;
        }
        Ok(())
    }

    async fn open_stream(&mut self) -> Result<(), String> {
        let open = format!(
            "<?xml version='1.0'?><stream:stream to='{}' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>",
            DOMAIN
        );
        self.send(open.as_bytes()).await?;
        self.expect(b"</stream:features>", b"<stream:error", "the stream's features").await
    }

    async fn send(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.stream.write_all(bytes).await.map_err(|e| format!("xmpp write: {}", e))
    }

    /// Reads until `want` appears (and drops what came before it and it),
    /// failing if `refusal` comes first.
    async fn expect(&mut self, want: &[u8], refusal: &[u8], step: &str) -> Result<(), String> {
        loop {
            let found = find(&self.pending, want);
            if let Some(bad) = find(&self.pending, refusal) {
                if found.map_or(true, |at| bad < at) {
                    return Err(format!("ejabberd refused {}: {}", step, String::from_utf8_lossy(&self.pending)));
                }
            }
            if let Some(at) = found {
                self.pending.drain(..at + want.len());
                return Ok(());
            }
            let mut chunk = [0u8; 4096];
            match self.stream.read(&mut chunk).await {
                Ok(0) => return Err(format!("ejabberd closed the stream during {}", step)),
                Ok(n) => self.pending.extend_from_slice(&chunk[..n]),
                Err(e) => return Err(format!("xmpp read during {}: {}", step, e)),
            }
        }
    }
}

/// A groupchat message into `room` with `text` as its body.
pub fn message(room: &str, text: &str) -> String {
    format!("<message to='{}@{}' type='groupchat'><body>{}</body></message>", room, MUC, text)
}

/// A ping to the server (XEP-0199), answered with an iq result of PING_ID.
pub fn ping() -> String {
    format!("<iq type='get' {} to='{}'><ping xmlns='urn:xmpp:ping'/></iq>", std::str::from_utf8(PING_ID).expect("ASCII"), DOMAIN)
}

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

