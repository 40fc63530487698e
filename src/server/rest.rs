//! The REST API over HTTP, on the WebSocket's port: Tencent's URL and
//! query (`POST /v4/<service>/<command>?sdkappid=&identifier=&usersig=
//! &random=&contenttype=json`), its checks of the caller, and its replies
//! (always HTTP 200, the outcome in `ErrorCode`). The commands themselves
//! are `service::rest`'s; message logs are files served from here.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response as HttpResponse};
use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use serde_json::json;
use sha2::Sha256;
use tokio::sync::oneshot;
use tracing::{debug, warn};

use crate::engine::{Engine, RateLimiter};
use crate::error::{err, Result};
use crate::response::Response;
use crate::service::rest::history::{self, Query as LogQuery};
use crate::service::rest::messages::SendGroupMsg;
use crate::service::rest::wire::elems_from_body;
use crate::service::rest::{envelope, refusal, Admin, Command};
use crate::service::Service;

use super::webhook::{command, Before, Verdict};
use crate::engine::Via;
use crate::model::Origin;
use super::Shared;

/// How long a message-log download link works.
const LINK_SECS: u64 = 3600;

/// What the REST API keeps beside the engine.
pub struct Rest {
    /// Messages sent through the REST API, per group (the seeds' 20 a second).
    sends: RateLimiter,
    pub exports: Exports,
}

impl Rest {
    pub fn new(exports: Exports) -> Rest {
        Rest { sends: RateLimiter::default(), exports }
    }
}

/// Where message logs are written, and how their download links are signed.
pub struct Exports {
    pub dir: PathBuf,
    pub key: Vec<u8>,
    pub base_url: String,
}

impl Exports {
    fn sig(&self, file: &str, expires: u64) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(format!("{}\n{}", file, expires).as_bytes());
        mac.finalize().into_bytes().iter().map(|b| format!("{:02x}", b)).collect()
    }

    fn link(&self, file: &str, expires: u64) -> String {
        format!("{}/export/{}?expires={}&sig={}", self.base_url, file, expires, self.sig(file, expires))
    }
}

fn reply(text: String) -> HttpResponse {
    ([(header::CONTENT_TYPE, "application/json; charset=utf-8")], text).into_response()
}

/// The app admin a request names, checked as Tencent checks it.
fn authenticate(shared: &Shared, engine: &Engine, q: &HashMap<String, String>) -> Result<String> {
    let config = &shared.config;
    let app = q.get("sdkappid").ok_or_else(|| err!(RestSdkAppIdMissing, "the URL names no sdkappid"))?;
    if app.parse::<u64>().ok() != Some(config.sdk_app_id) {
        return Err(err!(RestSdkAppIdInvalid, "sdkappid {:?} is not this server's", app));
    }
    let identifier = q.get("identifier").filter(|i| !i.is_empty()).ok_or_else(|| err!(RestAdminRequired, "the URL names no identifier"))?;
    if !engine.is_app_admin(identifier) {
        return Err(err!(RestAdminRequired, "{} is not an app admin", identifier));
    }
    if let Some(secret) = &config.secret_key {
        let sig = q.get("usersig").map_or("", String::as_str);
        crate::usersig::verify(secret, config.sdk_app_id, identifier, sig, engine.now())?;
    }
    Ok(identifier.clone())
}

/// `POST /v4/<service>/<command>` (GET too, with an empty body, as some
/// clients send): answered here by a leader (or a lone server), forwarded
/// to the leader by any other node of a cluster.
pub async fn handle(
    State(shared): State<Arc<Shared>>,
    Path(path): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: Bytes,
) -> HttpResponse {
    reply(match (shared.service(), &shared.cluster) {
        (Some(service), _) => answer(&shared, service, &path, &q, Some(peer.ip()), &body).await,
        (None, Some(cluster)) => cluster.forward_rest(&path, &q, peer.ip(), &body).await,
        (None, None) => refusal(&err!(StoreBusy, "the server is starting: try again shortly")),
    })
}

/// The reply text to a REST request.
pub async fn answer(shared: &Shared, service: &Service, path: &str, q: &HashMap<String, String>, ip: Option<IpAddr>, body: &[u8]) -> String {
    let engine = service.engine();
    let identifier = match authenticate(shared, engine, q) {
        Ok(id) => id,
        Err(e) => {
            debug!(?ip, path, "REST refused: {}", e.desc);
            return refusal(&e);
        }
    };
    let origin = Origin::rest(ip.map_or_else(String::new, |ip| ip.to_string()));
    let result = match path {
        "open_msg_svc/get_history" => get_history(shared, engine, &identifier, body).await,
        "open_msg_svc/delete_history" => delete_history(shared, body).await,
        _ => run(shared, engine, &identifier, path, body, origin).await,
    };
    match result {
        Ok(resp) => envelope(&resp),
        Err(e) => refusal(&e),
    }
}

/// Runs a command, after the "before" callback it has (if any) let it.
async fn run(shared: &Shared, engine: &Engine, identifier: &str, path: &str, body: &[u8], origin: Origin) -> Result<Response> {
    let via = Via { origin, operator: identifier.to_string(), quiet: false };
    let origin = &via.origin;
    let mut command = Command::parse(path, body)?;
    let now = engine.now();
    let hooks = &shared.hooks;
    match &mut command {
        Command::CreateGroup(c) => {
            let owner = c.owner.as_deref().unwrap_or_default();
            let members = c.member_list.iter().map(|m| m.account.as_str()).collect();
            let op = Before::CreateGroup { operator: identifier, owner, group_type: c.group_type.0, name: &c.name, members };
            if let Verdict::Refuse(resp) = hooks.before(origin, op, now).await {
                return Ok(resp);
            }
        }
        Command::SendGroupMsg(m) => {
            let per_second = shared.config.limits.rest_group_msgs_per_second;
            if per_second > 0 && !shared.rest.sends.take(&m.group_id, per_second) {
                return Err(err!(SendRateLimit, "the REST API may send {} messages a second to {}", per_second, m.group_id));
            }
            if !m.skips("ForbidBeforeSendMsgCallback") {
                let sender = m.sender(identifier).to_string();
                match before_send(shared, engine, m, &sender, identifier, origin, now).await {
                    Verdict::Allow => {}
                    Verdict::Refuse(resp) => return Ok(resp),
                    Verdict::Discard => return Ok(Response::ok(json!({ "MsgTime": now, "MsgSeq": 0, "MsgDropReason": "" }))),
                    Verdict::Rewrite { body, cloud_custom_data } => {
                        m.msg_body = body;
                        if let Some(data) = cloud_custom_data {
                            m.cloud_custom_data = data;
                        }
                    }
                }
            }
        }
        _ => {}
    }
    let (tx, rx) = oneshot::channel();
    let admin = Admin { engine, identifier, sdk_app_id: shared.config.sdk_app_id, via: &via };
    command.run(&admin, Box::new(move |resp| drop(tx.send(resp))));
    rx.await.map_err(|_| err!(InternalError, "the engine dropped the request"))
}

/// `Group.CallbackBeforeSendMsg` for a REST send.
async fn before_send(shared: &Shared, engine: &Engine, m: &SendGroupMsg, sender: &str, operator: &str, origin: &Origin, now: u64) -> Verdict {
    let Ok(group_type) = engine.read("", |s, _| Ok(s.group(&m.group_id)?.profile.group_type)) else {
        // The send itself reports the missing group.
        return Verdict::Allow;
    };
    let op = Before::SendMsg {
        group_id: &m.group_id,
        group_type,
        from: sender,
        operator,
        random: m.random,
        msg_id: "",
        body: m.msg_body.clone(),
        cloud_custom_data: &m.cloud_custom_data,
        at: m.group_at_info.clone(),
    };
    let verdict = shared.hooks.before(origin, op, now).await;
    // A rewrite must still be a body Huddle can store; if not, the original goes.
    match &verdict {
        Verdict::Rewrite { body, .. } if elems_from_body(body).is_err() => {
            warn!("{} rewrote a message into elements Huddle does not store: the original goes", command::BEFORE_SEND_MSG);
            Verdict::Allow
        }
        _ => verdict,
    }
}

/// `open_msg_svc/get_history`: a link to the gzip log of one closed hour.
async fn get_history(shared: &Shared, engine: &Engine, identifier: &str, body: &[u8]) -> Result<Response> {
    let q = LogQuery::parse(body)?;
    let (start, now) = (q.hour()?, engine.now());
    if now < start + 3600 {
        return Err(err!(HistoryNotFound, "the hour {} is not over yet", q.msg_time));
    }
    let exports = &shared.rest.exports;
    let name = q.file_name(shared.config.sdk_app_id);
    let path = exports.dir.join(&name);
    let gone = exports.dir.join(format!("{}.deleted", name));
    if gone.exists() || start + 3600 + shared.config.limits.msg_retention_seconds < now {
        return Err(err!(HistoryExpired, "the log of {} was deleted or is past retention", q.msg_time));
    }
    let text = {
        let conv_type = q.conv_type()?;
        let messages = engine.read(identifier, |s, c| s.messages_between(c, conv_type, start, start + 3600))?;
        if messages.is_empty() {
            return Err(err!(HistoryNotFound, "no {} messages in the hour {}", q.chat_type, q.msg_time));
        }
        history::log_text(shared.config.sdk_app_id, &q, &messages)
    };
    let gz = history::gzip(&text);
    let io = |e: std::io::Error| err!(IoOperationFailed, "cannot write the message log: {}", e);
    tokio::fs::create_dir_all(&exports.dir).await.map_err(io)?;
    let partial = exports.dir.join(format!("{}.partial", name));
    tokio::fs::write(&partial, &gz).await.map_err(io)?;
    tokio::fs::rename(&partial, &path).await.map_err(io)?;
    let hex = |d: &[u8]| d.iter().map(|b| format!("{:02x}", b)).collect::<String>();
    let expires = now + LINK_SECS;
    Ok(Response::ok(json!({
        "File": [{
            "URL": exports.link(&name, expires),
            "ExpireTime": history::format_time(expires),
            "FileSize": text.len(),
            "FileMD5": hex(&Md5::digest(text.as_bytes())),
            "GzipSize": gz.len(),
            "GzipMD5": hex(&Md5::digest(&gz)),
        }]
    })))
}

/// `open_msg_svc/delete_history` (Huddle's, after RC's "delete historical
/// message logs"): the hour's log is deleted and never made again.
async fn delete_history(shared: &Shared, body: &[u8]) -> Result<Response> {
    let q = LogQuery::parse(body)?;
    let exports = &shared.rest.exports;
    let name = q.file_name(shared.config.sdk_app_id);
    let io = |e: std::io::Error| err!(IoOperationFailed, "cannot delete the message log: {}", e);
    tokio::fs::create_dir_all(&exports.dir).await.map_err(io)?;
    tokio::fs::write(exports.dir.join(format!("{}.deleted", name)), b"").await.map_err(io)?;
    match tokio::fs::remove_file(exports.dir.join(&name)).await {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(e)),
    }
    Ok(Response::ok(json!({})))
}

/// `GET /export/<file>?expires=&sig=`: a message log, while its link works.
pub async fn download(State(shared): State<Arc<Shared>>, Path(file): Path<String>, Query(q): Query<HashMap<String, String>>) -> HttpResponse {
    let exports = &shared.rest.exports;
    let expires = q.get("expires").and_then(|e| e.parse::<u64>().ok()).unwrap_or(0);
    let sig = q.get("sig").map_or("", String::as_str);
    let named = file.ends_with(".gz") && file.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.');
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    if !named || expires < now || sig != exports.sig(&file, expires) {
        return (StatusCode::FORBIDDEN, "this link is not valid (any more)").into_response();
    }
    match tokio::fs::read(exports.dir.join(&file)).await {
        Ok(bytes) => ([(header::CONTENT_TYPE, "application/gzip")], bytes).into_response(),
        Err(_) => (StatusCode::NOT_FOUND, "this log was deleted").into_response(),
    }
}
