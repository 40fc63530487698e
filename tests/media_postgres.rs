//! The media store on PostgreSQL (what huddle-server's nodes on a `store`
//! database keep their files in): an upload goes into the database as it
//! streams, reads back byte for byte a chunk at a time, is kept once however
//! often it is sent, and leaves nothing when cut off; nodes share one
//! upload-token key.
#![cfg(all(unix, feature = "server"))]

mod common;
#[path = "common/pg.rs"]
mod pg;

use std::time::Duration;

use futures_util::StreamExt;
use huddle::error::Code;
use huddle::media::postgres::PgMedia;
use huddle::media::store::CHUNK;
use huddle::media::MediaKind;
use huddle::store::PostgresStore;

use pg::TempPostgres;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

/// Bytes that are not all alike (and do not compress).
fn data(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect()
}

fn count(client: &mut postgres::Client, sql: &str) -> i64 {
    client.query_one(sql, &[]).unwrap().get(0)
}

async fn read_back(media: &PgMedia, id: &str) -> (u64, Vec<Vec<u8>>) {
    let (size, chunks) = media.read(id).await.unwrap();
    let chunks: Vec<Vec<u8>> = chunks.map(|c| c.unwrap().to_vec()).collect().await;
    (size, chunks)
}

#[test]
fn a_file_streams_in_reads_back_whole_is_kept_once_and_a_cut_off_upload_leaves_nothing() {
    let pg = TempPostgres::start();
    PostgresStore::prepare(&pg.url()).unwrap();
    let mut db = postgres::Client::connect(&pg.url(), postgres::NoTls).unwrap();
    let rt = runtime();
    let media = PgMedia::new(&pg.url());
    let bytes = data(3 * CHUNK + 1234);
    let table_size = "SELECT pg_total_relation_size('media_chunks')";

    // Streamed: in pieces as a request body comes, in the database before the end.
    let before = count(&mut db, table_size);
    let mut incoming = rt.block_on(media.incoming(MediaKind::File)).unwrap();
    for piece in bytes[..2 * CHUNK + 10].chunks(7000) {
        rt.block_on(incoming.write(piece)).unwrap();
    }
    assert!(count(&mut db, table_size) - before >= 2 * CHUNK as i64, "two chunks are written while the upload goes on");
    assert_eq!(count(&mut db, "SELECT count(*) FROM media_files"), 0, "nobody sees a file before it is whole");
    for piece in bytes[2 * CHUNK + 10..].chunks(7000) {
        rt.block_on(incoming.write(piece)).unwrap();
    }
    let stored = rt.block_on(incoming.finish()).unwrap();
    assert_eq!(stored.size, bytes.len() as u64);

    let (size, chunks) = rt.block_on(read_back(&media, &stored.id));
    assert_eq!(size, bytes.len() as u64);
    assert_eq!(chunks.iter().map(Vec::len).collect::<Vec<_>>(), [CHUNK, CHUNK, CHUNK, 1234], "read a chunk at a time");
    assert!(chunks.concat() == bytes, "read back byte for byte");

    // The same bytes again, from another node's store: the same ID, one copy.
    let again = rt.block_on(async {
        let mut incoming = PgMedia::new(&pg.url()).incoming(MediaKind::File).await.unwrap();
        incoming.write(&bytes).await.unwrap();
        incoming.finish().await.unwrap()
    });
    assert_eq!(again.id, stored.id);
    assert_eq!(count(&mut db, "SELECT count(*) FROM media_files"), 1);
    assert_eq!(count(&mut db, "SELECT count(*) FROM media_chunks"), 4);

    // Cut off: dropped before its end, the upload's transaction is rolled back.
    rt.block_on(async {
        let mut incoming = media.incoming(MediaKind::File).await.unwrap();
        incoming.write(&data(2 * CHUNK)).await.unwrap();
    });
    let in_transaction = "SELECT count(*) FROM pg_stat_activity WHERE state LIKE 'idle in transaction%'";
    common::eventually("the cut-off upload's transaction ends", || count(&mut postgres::Client::connect(&pg.url(), postgres::NoTls).unwrap(), in_transaction) == 0);
    assert_eq!(count(&mut db, "SELECT count(*) FROM media_files"), 1);
    assert_eq!(count(&mut db, "SELECT count(*) FROM media_chunks"), 4, "no chunk of it stays");

    // Over the kind's limit: 7005, and nothing kept.
    let refused = rt.block_on(async {
        let mut incoming = media.incoming(MediaKind::Sound).await.unwrap();
        let piece = data(CHUNK);
        loop {
            if let Err(e) = incoming.write(&piece).await {
                return e;
            }
        }
    });
    assert_eq!(refused.code, Code::FileTooLarge);
    common::eventually("the refused upload's transaction ends", || count(&mut postgres::Client::connect(&pg.url(), postgres::NoTls).unwrap(), in_transaction) == 0);
    assert_eq!(count(&mut db, "SELECT count(*) FROM media_chunks"), 4);

    // As many uploads under way as a node runs at once keep no download waiting.
    rt.block_on(async {
        let mut held = Vec::new();
        for _ in 0..PgMedia::uploads_at_once() {
            let mut incoming = media.incoming(MediaKind::File).await.unwrap();
            incoming.write(b"slow").await.unwrap();
            held.push(incoming);
        }
        let read = tokio::time::timeout(Duration::from_secs(30), read_back(&media, &stored.id)).await;
        assert!(read.expect("a download goes on beside the uploads").1.concat() == bytes);
    });

    let unknown = rt.block_on(media.read(&"0".repeat(64))).err().unwrap();
    assert_eq!(unknown.code, Code::FileTransDownloadFailed);
}

#[test]
fn an_image_is_stored_with_its_smaller_copies_and_nodes_share_one_token_key() {
    let pg = TempPostgres::start();
    PostgresStore::prepare(&pg.url()).unwrap();
    let rt = runtime();
    let media = PgMedia::new(&pg.url());
    let mut png = Vec::new();
    image::RgbImage::from_fn(1000, 800, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x * y) % 256) as u8]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let stored = rt.block_on(async {
        let mut incoming = media.incoming(MediaKind::Image).await.unwrap();
        incoming.write(&png).await.unwrap();
        incoming.finish().await.unwrap()
    });
    let pictures = stored.pictures.expect("an image's three sizes");
    for (picture, side) in [(&pictures.large, 720), (&pictures.thumb, 198)] {
        let (size, chunks) = rt.block_on(read_back(&media, &picture.id));
        assert_eq!(size, picture.size);
        let copy = image::load_from_memory(&chunks.concat()).unwrap();
        assert_eq!((copy.width(), copy.height()), (picture.width, picture.height));
        assert_eq!(copy.height(), side, "the shorter side is Tencent's");
    }

    let not_image = rt.block_on(async {
        let mut incoming = media.incoming(MediaKind::Image).await.unwrap();
        incoming.write(b"not a picture").await.unwrap();
        incoming.finish().await.err().unwrap()
    });
    assert_eq!(not_image.code, Code::ImageNotImage);

    let key = rt.block_on(media.shared_key("media_tokens")).unwrap();
    assert!(key.len() >= 32, "a key worth the name");
    assert_eq!(rt.block_on(PgMedia::new(&pg.url()).shared_key("media_tokens")).unwrap(), key, "another node gets the same key");
    assert_ne!(rt.block_on(media.shared_key("other")).unwrap(), key);
}
