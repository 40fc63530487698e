//! Media messages as an app sends them: elems naming local files, stored
//! by the embedded engine or uploaded to huddle-server, received as IDs,
//! sizes and URLs, downloaded back byte for byte; Tencent's limits and
//! codes; cancelled sends; merged messages.

mod common;
#[cfg(unix)]
#[path = "common/nodes.rs"]
mod nodes;
#[cfg(unix)]
#[path = "common/pg.rs"]
mod pg;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use huddle::client::{Client, SdkConfig};
use huddle::response::Response;
use huddle::service::Request;
use serde_json::{json, Value};

/// A logged-in client in thread mode, and the messages it hears.
struct User {
    client: Client,
    inbox: mpsc::Receiver<Value>,
}

impl User {
    fn login(config: Value, name: &str) -> User {
        let config: SdkConfig = serde_json::from_value(config).unwrap();
        let client = Client::new(config).unwrap();
        let (tx, inbox) = mpsc::channel();
        let tx = Mutex::new(tx);
        client.add_message_listener(1, Arc::new(move |json: &huddle::event::Json| {
            for m in serde_json::from_str::<Value>(json.as_str()).unwrap().as_array().unwrap() {
                tx.lock().unwrap().send(m.clone()).unwrap();
            }
        }));
        let (done, got) = mpsc::channel();
        client.login(name, "", Box::new(move |r| done.send(r).unwrap())).unwrap();
        assert_eq!(got.recv_timeout(Duration::from_secs(30)).unwrap().code, 0);
        User { client, inbox }
    }

    fn wait(rx: mpsc::Receiver<Response>) -> Response {
        rx.recv_timeout(Duration::from_secs(120)).expect("an answer")
    }

    fn call(&self, req: Request) -> Response {
        let (tx, rx) = mpsc::channel();
        self.client.call(req, Box::new(move |r| tx.send(r).unwrap())).unwrap();
        User::wait(rx)
    }

    fn send(&self, to: &str, msg_id: &str, elems: Value) -> Response {
        self.call(send_req(to, msg_id, elems))
    }

    fn download(&self, id: &str, to: &Path) -> Response {
        let (tx, rx) = mpsc::channel();
        self.client.download_elem(id.into(), to.into(), Box::new(move |r| tx.send(r).unwrap())).unwrap();
        User::wait(rx)
    }

    fn next_message(&self) -> Value {
        self.inbox.recv_timeout(Duration::from_secs(60)).expect("a message")
    }
}

fn send_req(to: &str, msg_id: &str, elems: Value) -> Request {
    serde_json::from_value(json!({"method": "MsgSend", "params": {
        "conv": {"conv_type": 1, "conv_id": to}, "msg_id": msg_id, "param": {"message_elem_array": elems}
    }}))
    .unwrap()
}

/// A file of `len` bytes that are not all alike.
fn data_file(dir: &Path, name: &str, len: usize) -> PathBuf {
    let path = dir.join(name);
    let bytes: Vec<u8> = (0..len).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A `w` x `h` PNG.
fn png(dir: &Path, name: &str, w: u32, h: u32) -> PathBuf {
    let path = dir.join(name);
    image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])).save(&path).unwrap();
    path
}

/// Alice and bob on the embedded engine of `dir`.
fn embedded(dir: &Path) -> (User, User) {
    let config = json!({ "callback_mode": "thread", "sdk_config_data_dir": dir.join("data") });
    (User::login(config.clone(), "alice"), User::login(config, "bob"))
}

/// Alice and bob on a huddle-server (a process of its own, with a data dir).
fn on_server(dir: &Path) -> (common::ServerProcess, User, User) {
    let server = common::ServerProcess::start(dir, "");
    let config = json!({ "callback_mode": "thread", "sdk_config_server_url": server.url() });
    let (alice, bob) = (User::login(config.clone(), "alice"), User::login(config, "bob"));
    (server, alice, bob)
}

/// Alice sends bob a file and an image with progress heard; bob gets IDs,
/// sizes and URLs, and downloads the file as it was and a thumbnail of
/// Tencent's size. Returns the message bob got.
fn file_and_image_arrive_whole(alice: &User, bob: &User, dir: &Path) -> Value {
    // (elem index, bytes stored, file size, message ID), as heard.
    type Heard = Arc<Mutex<Vec<(u32, u32, u32, String)>>>;
    let progress: Heard = Default::default();
    let heard = Arc::clone(&progress);
    alice.client.set_upload_progress_listener(Some(Arc::new(move |msg: &str, index, cur, total| {
        let id = serde_json::from_str::<Value>(msg).unwrap()["message_msg_id"].as_str().unwrap().to_string();
        heard.lock().unwrap().push((index, cur, total, id));
    })));
    let file = data_file(dir, "report.bin", 5 * 1024 * 1024 + 17);
    let picture = png(dir, "photo.png", 1000, 600);
    let sent = alice.send("bob", "m-media", json!([
        {"elem_type": 0, "text_elem_content": "look"},
        {"elem_type": 4, "file_elem_file_path": file},
        {"elem_type": 1, "image_elem_orig_path": picture, "image_elem_level": 0},
    ]));
    assert_eq!(sent.code, 0, "{}", sent.desc);

    let heard = progress.lock().unwrap().clone();
    for index in [1, 2] {
        let of: Vec<_> = heard.iter().filter(|p| p.0 == index).collect();
        assert!(of.iter().all(|p| p.3 == "m-media"), "progress names the message");
        assert!(of.windows(2).all(|w| w[0].1 <= w[1].1), "elem {}'s progress only rises: {:?}", index, of);
        let last = of.last().unwrap_or_else(|| panic!("progress of elem {}", index));
        assert_eq!(last.1, last.2, "elem {} reaches 100%", index);
    }
    let file_progress: Vec<_> = heard.iter().filter(|p| p.0 == 1).collect();
    assert_eq!(file_progress.last().unwrap().2 as u64, std::fs::metadata(&file).unwrap().len());
    assert!(file_progress.len() > 3, "the file's progress is heard as it goes: {:?}", file_progress);

    let got = bob.next_message();
    let elems = got["message_elem_array"].as_array().unwrap();
    let (f, img) = (&elems[1], &elems[2]);
    assert_eq!(f["file_elem_file_name"], "report.bin");
    assert_eq!(f["file_elem_file_size"], 5 * 1024 * 1024 + 17);
    assert!(f.get("file_elem_file_path").is_none(), "the sender's path is not sent");
    assert!(f["file_elem_url"].as_str().unwrap().ends_with(f["file_elem_file_id"].as_str().unwrap()));
    assert_eq!((img["image_elem_orig_pic_width"].as_u64(), img["image_elem_orig_pic_height"].as_u64()), (Some(1000), Some(600)));
    assert_eq!(img["image_elem_format"], 3, "PNG");
    assert_eq!(img["image_elem_large_id"], img["image_elem_orig_id"], "shorter side 600 <= 720: the large copy is the original");
    assert_eq!((img["image_elem_thumb_pic_width"].as_u64(), img["image_elem_thumb_pic_height"].as_u64()), (Some(330), Some(198)));

    let copy = dir.join("copy.bin");
    let done = bob.download(f["file_elem_file_id"].as_str().unwrap(), &copy);
    assert_eq!(done.code, 0, "{}", done.desc);
    assert_eq!(serde_json::from_str::<Value>(&done.json).unwrap()["msg_download_elem_result_total_size"], 5 * 1024 * 1024 + 17);
    assert!(std::fs::read(&copy).unwrap() == std::fs::read(&file).unwrap(), "the download is byte for byte the file sent");

    let thumb = dir.join("thumb.png");
    assert_eq!(bob.download(img["image_elem_thumb_id"].as_str().unwrap(), &thumb).code, 0);
    assert_eq!(image::image_dimensions(&thumb).unwrap(), (330, 198));
    assert_eq!(std::fs::metadata(&thumb).unwrap().len(), img["image_elem_thumb_pic_size"].as_u64().unwrap());

    let missing = bob.download(&"0".repeat(64), &dir.join("none"));
    assert_eq!(missing.code, 6009, "no such file: {}", missing.desc);
    assert!(!dir.join("none").exists(), "a failed download leaves nothing");
    got
}

#[test]
fn a_file_and_an_image_arrive_whole_on_the_embedded_engine() {
    let dir = tempfile::tempdir().unwrap();
    let (alice, bob) = embedded(dir.path());
    file_and_image_arrive_whole(&alice, &bob, dir.path());
}

#[test]
fn a_file_and_an_image_arrive_whole_through_huddle_server() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, alice, bob) = on_server(dir.path());
    file_and_image_arrive_whole(&alice, &bob, dir.path());
}

/// `GET /v1/media/<id>` on the node at `addr`: its status and bytes.
#[cfg(unix)]
fn fetch(addr: std::net::SocketAddr, id: &Value) -> (u16, Vec<u8>) {
    nodes::http(addr, "GET", &format!("/v1/media/{}", id.as_str().unwrap()), &[], b"").expect("the node answers")
}

/// Three nodes on PostgreSQL and NATS: alice, on a node that does not lead
/// (no engine), uploads a file and an image with the token the leader gave
/// her at login; bob, on another, downloads both whole. With alice's node
/// killed the others still serve them, and so does that node restarted;
/// every node refuses a bad token.
#[cfg(unix)]
#[test]
fn a_cluster_takes_uploads_on_any_node_and_serves_every_file_from_every_node() {
    let dir = tempfile::tempdir().unwrap();
    let mut cluster = nodes::Cluster::start("");
    let leader = cluster.leader();
    let (uploads_to, downloads_from) = ((leader + 1) % 3, (leader + 2) % 3);
    let on = |node: usize, name: &str| User::login(json!({ "callback_mode": "thread", "sdk_config_server_url": cluster.nodes[node].url() }), name);
    let (alice, bob) = (on(uploads_to, "alice"), on(downloads_from, "bob"));
    let got = file_and_image_arrive_whole(&alice, &bob, dir.path());
    let elems = got["message_elem_array"].as_array().unwrap();
    let (file_id, thumb_id) = (&elems[1]["file_elem_file_id"], &elems[2]["image_elem_thumb_id"]);
    let file = std::fs::read(dir.path().join("report.bin")).unwrap();
    let thumb = std::fs::read(dir.path().join("thumb.png")).unwrap();
    drop(alice);

    cluster.nodes[uploads_to].kill();
    for node in [leader, downloads_from] {
        assert!(fetch(cluster.nodes[node].addr, file_id) == (200, file.clone()), "node {} serves the file its uploader's node took", node);
        assert!(fetch(cluster.nodes[node].addr, thumb_id) == (200, thumb.clone()), "node {} serves the thumbnail", node);
    }
    cluster.nodes[uploads_to].restart();
    cluster.wait_serving();
    assert!(fetch(cluster.nodes[uploads_to].addr, file_id) == (200, file), "the restarted node serves the file: it was never only its own");

    for node in &cluster.nodes {
        let (status, body) = nodes::http(node.addr, "POST", "/v1/media?kind=file", &[("Authorization", "Bearer 99999999999.00.alice")], b"bytes").expect("the node answers");
        assert_eq!(status, 401, "{}", String::from_utf8_lossy(&body));
        assert_eq!(serde_json::from_slice::<Value>(&body).unwrap()["code"], 6006);
    }
}

/// Tencent's limits and codes: 7004 no file, 7006 empty, 7005 over 28 MB
/// for images and sounds and over 100 MB for files and videos, 6031 not an
/// image, 6016 a media elem with neither path nor ID.
fn refusals(alice: &User, dir: &Path) {
    let sparse = |name: &str, len: u64| {
        let path = dir.join(name);
        std::fs::File::create(&path).unwrap().set_len(len).unwrap();
        path
    };
    let cases = [
        (json!({"elem_type": 4, "file_elem_file_path": dir.join("nowhere.bin")}), 7004),
        (json!({"elem_type": 4, "file_elem_file_path": sparse("empty.bin", 0)}), 7006),
        (json!({"elem_type": 1, "image_elem_orig_path": sparse("huge.png", (28 << 20) + 1)}), 7005),
        (json!({"elem_type": 2, "sound_elem_file_path": sparse("long.amr", (28 << 20) + 1), "sound_elem_file_time": 9}), 7005),
        (json!({"elem_type": 4, "file_elem_file_path": sparse("big.bin", (100 << 20) + 1)}), 7005),
        (json!({"elem_type": 9, "video_elem_video_path": sparse("big.mp4", (100 << 20) + 1)}), 7005),
        (json!({"elem_type": 1, "image_elem_orig_path": data_file(dir, "fake.png", 1000)}), 6031),
        (json!({"elem_type": 1, "image_elem_level": 1}), 6016),
        (json!({"elem_type": 7, "location_elem_desc": "no coordinates"}), 6016),
    ];
    for (i, (elem, code)) in cases.into_iter().enumerate() {
        let r = alice.send("bob", &format!("bad-{}", i), json!([elem]));
        assert_eq!(r.code, code, "{}: {}", elem, r.desc);
    }
    // Just under the limit is taken.
    let ok = alice.send("bob", "ok-file", json!([{"elem_type": 4, "file_elem_file_path": sparse("edge.bin", 100 << 20)}]));
    assert_eq!(ok.code, 0, "{}", ok.desc);
}

#[test]
fn limits_and_bad_files_get_tencents_codes_on_the_embedded_engine() {
    let dir = tempfile::tempdir().unwrap();
    let (alice, _bob) = embedded(dir.path());
    refusals(&alice, dir.path());
}

#[test]
fn limits_and_bad_files_get_tencents_codes_through_huddle_server() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, alice, _bob) = on_server(dir.path());
    refusals(&alice, dir.path());
}

/// A send cancelled while its file is stored fails with 8021 and reaches no
/// one; cancelling what is not being sent is 8020.
fn cancelled(alice: &User, bob: &User, dir: &Path) {
    let file = data_file(dir, "movie.mp4", 60 << 20);
    let (tx, rx) = mpsc::channel();
    alice.client.call(send_req("bob", "m-cancel", json!([{"elem_type": 9, "video_elem_video_path": file}])), Box::new(move |r| tx.send(r).unwrap())).unwrap();
    let cancel = |id: &str| {
        let (tx, rx) = mpsc::channel();
        alice.client.cancel_send(id, Box::new(move |r| tx.send(r).unwrap())).unwrap();
        User::wait(rx)
    };
    assert_eq!(cancel("m-cancel").code, 0);
    assert_eq!(User::wait(rx).code, 8021, "the send fails, cancelled");
    assert_eq!(cancel("m-cancel").code, 8020, "no longer being sent");
    assert_eq!(alice.send("bob", "m-text", json!([{"elem_type": 0, "text_elem_content": "after"}])).code, 0);
    assert_eq!(cancel("m-text").code, 8020, "a sent message cannot be cancelled");
    assert_eq!(bob.next_message()["message_msg_id"], "m-text", "bob never got the cancelled message");
}

#[test]
fn a_cancelled_send_fails_with_8021_on_the_embedded_engine() {
    let dir = tempfile::tempdir().unwrap();
    let (alice, bob) = embedded(dir.path());
    cancelled(&alice, &bob, dir.path());
}

#[test]
fn a_cancelled_send_fails_with_8021_through_huddle_server() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, alice, bob) = on_server(dir.path());
    cancelled(&alice, &bob, dir.path());
}

/// A merged message's list travels apart and comes back whole; faces and
/// locations go as they are.
fn merged_faces_and_locations(alice: &User, bob: &User) {
    let list = json!([
        {"message_sender": "carol", "message_elem_array": [{"elem_type": 0, "text_elem_content": "first"}]},
        {"message_sender": "dave", "message_elem_array": [{"elem_type": 6, "face_elem_index": 3}]},
    ]);
    let sent = alice.send("bob", "m-merged", json!([
        {"elem_type": 12, "merge_elem_title": "chat", "merge_elem_abstract_array": ["carol: first"],
         "merge_elem_compatible_text": "[chat]", "merge_elem_message_array": list},
        {"elem_type": 6, "face_elem_index": 7, "face_elem_buf": "smile"},
        {"elem_type": 7, "location_elem_desc": "gate", "location_elem_longitude": 113.9, "location_elem_latitude": 22.5},
    ]));
    assert_eq!(sent.code, 0, "{}", sent.desc);
    let got = bob.next_message();
    let merged = &got["message_elem_array"][0];
    assert!(merged.get("merge_elem_message_array").is_none(), "the list is not in the message");
    assert_eq!(merged["merge_elem_title"], "chat");
    assert_eq!(got["message_elem_array"][1]["face_elem_buf"], "smile");
    assert_eq!(got["message_elem_array"][2]["location_elem_latitude"], 22.5);
    let (tx, rx) = mpsc::channel();
    let key = merged["merge_elem_relay_json_key"].as_str().unwrap().to_string();
    bob.client.download_merger(key, Box::new(move |r| tx.send(r).unwrap())).unwrap();
    let r = User::wait(rx);
    assert_eq!(r.code, 0, "{}", r.desc);
    assert_eq!(serde_json::from_str::<Value>(&r.json).unwrap(), list);

    let too_many = json!([{"elem_type": 12, "merge_elem_compatible_text": "x",
        "merge_elem_message_array": vec![json!({"message_elem_array": [{"elem_type": 0, "text_elem_content": "a"}]}); 301]}]);
    assert_eq!(alice.send("bob", "m-301", too_many).code, 6017, "at most 300 messages");
}

#[test]
fn merged_messages_faces_and_locations_on_the_embedded_engine() {
    let dir = tempfile::tempdir().unwrap();
    let (alice, bob) = embedded(dir.path());
    merged_faces_and_locations(&alice, &bob);
}

#[test]
fn merged_messages_faces_and_locations_through_huddle_server() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, alice, bob) = on_server(dir.path());
    merged_faces_and_locations(&alice, &bob);
}

#[test]
fn an_in_memory_engine_keeps_its_files_in_a_folder_it_removes() {
    let dir = tempfile::tempdir().unwrap();
    let engine = huddle::Engine::open(huddle::EngineConfig::default()).unwrap();
    let folder = engine.media().dir().to_path_buf();
    let mut incoming = engine.media().incoming(huddle::media::MediaKind::File).unwrap();
    incoming.write(&std::fs::read(data_file(dir.path(), "a.bin", 1000)).unwrap()).unwrap();
    let stored = incoming.finish().unwrap();
    assert!(engine.media().path(&stored.id).is_some());
    drop(engine);
    assert!(!folder.exists(), "{} is removed with the engine", folder.display());
}
