//! The content-addressed store: each file under `media/<first two hex
//! digits>/<id>`, its ID the SHA-256 of its bytes, so that a file sent twice
//! is kept once and an ID names exactly one content. A file arrives in a
//! temporary file of the store's own folder and is renamed into place once
//! whole: a reader never sees half of one.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest, Sha256};

use crate::error::{err, Result};

use super::{is_media_id, pictures, MediaKind, Stored};

/// Bytes read or written at a time.
pub const CHUNK: usize = 256 * 1024;

pub struct MediaStore {
    dir: PathBuf,
    /// A folder of its own (an in-memory engine's), removed with the store.
    owned: bool,
}

impl Drop for MediaStore {
    fn drop(&mut self) {
        if self.owned {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

impl MediaStore {
    /// The store under `data_dir/media`, or with no data dir in a temporary
    /// folder of its own that goes when the store does.
    pub fn open(data_dir: Option<&Path>) -> Result<MediaStore> {
        static OPENED: AtomicU64 = AtomicU64::new(0);
        let (dir, owned) = match data_dir {
            Some(d) => (d.join("media"), false),
            None => {
                let n = OPENED.fetch_add(1, Ordering::Relaxed);
                (std::env::temp_dir().join(format!("huddle-media-{}-{}", std::process::id(), n)), true)
            }
        };
        fs::create_dir_all(dir.join("tmp")).map_err(|e| err!(IoOperationFailed, "cannot create the media folder {}: {}", dir.display(), e))?;
        Ok(MediaStore { dir, owned })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the file `id` is, if the store has it.
    pub fn path(&self, id: &str) -> Option<PathBuf> {
        if !is_media_id(id) {
            return None;
        }
        let path = self.dir.join(&id[..2]).join(id);
        path.is_file().then_some(path)
    }

    /// A file to receive, of `kind`: write its bytes, then `finish`.
    pub fn incoming(&self, kind: MediaKind) -> Result<Incoming> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let tmp = self.dir.join("tmp").join(format!("{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed)));
        let file = File::create(&tmp).map_err(|e| err!(IoOperationFailed, "cannot create {}: {}", tmp.display(), e))?;
        Ok(Incoming { dir: self.dir.clone(), tmp, file: Some(file), hasher: Sha256::new(), size: 0, kind })
    }

    /// Copies the local file `path` in, telling `progress` the bytes copied
    /// and the total after each chunk; `progress` returning false stops the
    /// copy (and it fails with 8021, cancelled).
    pub fn import(&self, path: &Path, kind: MediaKind, progress: &mut dyn FnMut(u64, u64) -> bool) -> Result<Stored> {
        let (mut file, total) = open_to_send(path, kind)?;
        let mut incoming = self.incoming(kind)?;
        let mut buf = vec![0u8; CHUNK];
        loop {
            let n = file.read(&mut buf).map_err(|e| err!(FileOpenFailed, "cannot read {}: {}", path.display(), e))?;
            if n == 0 {
                break;
            }
            incoming.write(&buf[..n])?;
            if !progress(incoming.size, total.max(incoming.size)) {
                return Err(err!(SendFailedWithCancel, "the message was cancelled while {} was stored", path.display()));
            }
        }
        incoming.finish()
    }
}

/// Opens a local file the app names to send, with its size: 7004 when it is
/// not there, 7007 when it cannot be opened, 7006 when it is empty, 7005
/// when it is over the kind's limit.
pub fn open_to_send(path: &Path, kind: MediaKind) -> Result<(File, u64)> {
    let file = File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => err!(FileNotFound, "there is no file {}", path.display()),
        _ => err!(FileOpenFailed, "cannot open {}: {}", path.display(), e),
    })?;
    let meta = file.metadata().map_err(|e| err!(FileOpenFailed, "cannot read {}: {}", path.display(), e))?;
    if !meta.is_file() {
        return Err(err!(FileOpenFailed, "{} is not a file", path.display()));
    }
    check_size(meta.len(), kind)?;
    if meta.len() == 0 {
        return Err(err!(FileSizeEmpty, "{} is empty", path.display()));
    }
    Ok((file, meta.len()))
}

/// Where a download is written until it is whole: beside `to`, so that the
/// rename into place stays on one file system.
pub fn partial_path(to: &Path) -> PathBuf {
    let mut name = to.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".huddle-part");
    to.with_file_name(name)
}

/// Copies `from` to `to`, whole or not at all (6022 when `to` cannot be written).
pub fn copy_whole(from: &Path, to: &Path) -> Result<u64> {
    let part = partial_path(to);
    let copied = fs::copy(from, &part).and_then(|n| fs::rename(&part, to).map(|_| n));
    copied.map_err(|e| {
        let _ = fs::remove_file(&part);
        err!(IoOperationFailed, "cannot write {}: {}", to.display(), e)
    })
}

/// 7005 for `size` bytes over `kind`'s limit.
pub fn check_size(size: u64, kind: MediaKind) -> Result<()> {
    if size > kind.max_bytes() {
        return Err(err!(FileTooLarge, "{} bytes is over the {} MB limit of {:?} files", size, kind.max_bytes() >> 20, kind));
    }
    Ok(())
}

/// A file on its way into the store (see `MediaStore::incoming`); dropped
/// unfinished, it leaves nothing behind.
pub struct Incoming {
    dir: PathBuf,
    tmp: PathBuf,
    file: Option<File>,
    hasher: Sha256,
    size: u64,
    kind: MediaKind,
}

impl Drop for Incoming {
    fn drop(&mut self) {
        if self.file.is_some() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

impl Incoming {
    /// Bytes received so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Appends `bytes`: 7005 once the file is over its kind's limit.
    pub fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.size += bytes.len() as u64;
        check_size(self.size, self.kind)?;
        self.hasher.update(bytes);
        let file = self.file.as_mut().expect("an unfinished file");
        file.write_all(bytes).map_err(|e| err!(IoOperationFailed, "cannot write {}: {}", self.tmp.display(), e))
    }

    /// Puts the file in place under its ID (7006 when empty); for an image,
    /// with its large copy and thumbnail (6031 when it is not one).
    pub fn finish(mut self) -> Result<Stored> {
        if self.size == 0 {
            return Err(err!(FileSizeEmpty, "an empty file is not stored"));
        }
        let id = hex(&std::mem::take(&mut self.hasher).finalize());
        let file = self.file.take().expect("an unfinished file");
        drop(file);
        let path = place(&self.dir, &self.tmp, &id)?;
        let pictures = match self.kind {
            MediaKind::Image => Some(pictures::make(&path, &id, self.size, |bytes| put_bytes(&self.dir, bytes))?),
            _ => None,
        };
        Ok(Stored { id, size: self.size, url: String::new(), pictures })
    }
}

/// Moves `tmp` to `id`'s place (a file already there has the same bytes).
fn place(dir: &Path, tmp: &Path, id: &str) -> Result<PathBuf> {
    let folder = dir.join(&id[..2]);
    fs::create_dir_all(&folder).map_err(|e| err!(IoOperationFailed, "cannot create {}: {}", folder.display(), e))?;
    let path = folder.join(id);
    fs::rename(tmp, &path).map_err(|e| err!(IoOperationFailed, "cannot store {}: {}", path.display(), e))?;
    Ok(path)
}

/// Stores `bytes` made here (an image's smaller copy); returns its ID.
fn put_bytes(dir: &Path, bytes: &[u8]) -> Result<String> {
    let id = hex(&Sha256::digest(bytes));
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let tmp = dir.join("tmp").join(format!("{}-made-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed)));
    fs::write(&tmp, bytes).map_err(|e| err!(IoOperationFailed, "cannot write {}: {}", tmp.display(), e))?;
    place(dir, &tmp, &id)?;
    Ok(id)
}

/// `bytes` in lowercase hex (a SHA-256 so is a media ID).
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{:02x}", b)).collect()
}
