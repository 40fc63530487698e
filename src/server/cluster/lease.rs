//! Who leads: a lease row in PostgreSQL. The node that holds it runs the
//! engine; it renews the lease well before it expires, and a node that
//! cannot is no longer the leader (it stops: it may not write). Every commit
//! of the leader's store checks, in its own transaction, that the lease is
//! still its own and its epoch unchanged, so a leader that lost it without
//! knowing (a long pause, a cut network) cannot write after another took over.

use std::time::Duration;

use crate::error::{err, Result};

/// The name of the one lease (all groups are led together).
pub const ENGINE: &str = "engine";

/// The lease this node holds, as of its epoch.
pub struct Lease {
    client: tokio_postgres::Client,
    url: String,
    pub holder: String,
    pub epoch: i64,
    ttl: Duration,
}

async fn connect(url: &str) -> Result<tokio_postgres::Client> {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.map_err(|e| err!(IoOperationFailed, "cannot reach PostgreSQL: {}", e))?;
    tokio::spawn(connection);
    Ok(client)
}

impl Lease {
    /// Takes the lease if it is free or expired (or already ours).
    pub async fn try_take(url: &str, holder: &str, ttl: Duration) -> Result<Option<Lease>> {
        let client = connect(url).await?;
        let row = client
            .query_opt(
                "INSERT INTO huddle_lease (name, holder, epoch, expires_at)
                 VALUES ($1, $2, 1, now() + make_interval(secs => $3))
                 ON CONFLICT (name) DO UPDATE
                   SET holder = EXCLUDED.holder, epoch = huddle_lease.epoch + 1, expires_at = EXCLUDED.expires_at
                   WHERE huddle_lease.expires_at < now() OR huddle_lease.holder = EXCLUDED.holder
                 RETURNING epoch",
                &[&ENGINE, &holder, &ttl.as_secs_f64()],
            )
            .await
            .map_err(|e| err!(IoOperationFailed, "cannot take the lease: {}", e))?;
        Ok(row.map(|r| Lease { client, url: url.to_string(), holder: holder.to_string(), epoch: r.get(0), ttl }))
    }

    /// Renews the lease (connecting again if the database dropped the
    /// connection); false when it is no longer this node's.
    pub async fn renew(&mut self) -> Result<bool> {
        if self.client.is_closed() {
            self.client = connect(&self.url).await?;
        }
        let updated = self
            .client
            .execute(
                "UPDATE huddle_lease SET expires_at = now() + make_interval(secs => $4)
                 WHERE name = $1 AND holder = $2 AND epoch = $3 AND expires_at > now()",
                &[&ENGINE, &self.holder, &self.epoch, &self.ttl.as_secs_f64()],
            )
            .await
            .map_err(|e| err!(IoOperationFailed, "cannot renew the lease: {}", e))?;
        Ok(updated == 1)
    }
}
