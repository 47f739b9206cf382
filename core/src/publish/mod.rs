//! The publish step's native work, shared by the `publish` command (src/bin/publish/) and the
//! single-purpose tools (`build_feeds`, `build_search_index`). The app never calls it (it
//! compiles for wasm32 only because the browser tests build every binary; `compress`, with
//! its native compressors, and `index`, with serde_json's `raw_value`, do not).
//!
//! Every file goes through [`Outputs::write`], which leaves a file whose bytes are already
//! right untouched: its modification time then says what a publish changed, which is what
//! makes the next steps (precompression, a CDN's upload) cost what changed, not what exists.
//! See docs/publishing.md.

#[cfg(not(target_arch = "wasm32"))]
pub mod compress;
pub mod feeds;
#[cfg(not(target_arch = "wasm32"))]
pub mod index;
pub mod page;
pub mod search;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What a publish wrote, and how much it left alone.
#[derive(Default)]
pub struct Outputs {
    written: Mutex<Vec<PathBuf>>,
    unchanged: std::sync::atomic::AtomicUsize,
}

impl Outputs {
    /// Writes `bytes` to `path` (creating its directory) unless the file already holds them;
    /// `Ok(true)` if it wrote.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> Result<bool, String> {
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.len() == bytes.len() as u64 && std::fs::read(path).is_ok_and(|b| b == bytes) {
                self.record(path, false);
                return Ok(false);
            }
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        // Written beside and renamed over: a reader of the site never sees half a file.
        let tmp = path.with_extension("publish-tmp");
        std::fs::write(&tmp, bytes).map_err(|e| format!("{}: {e}", tmp.display()))?;
        std::fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))?;
        self.record(path, true);
        Ok(true)
    }

    /// Counts `path` as written (`true`) or left alone, by this process or another.
    pub fn record(&self, path: &Path, written: bool) {
        if written {
            self.written
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(path.to_path_buf());
        } else {
            self.unchanged
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    }

    /// How many files were written (not left alone) so far.
    pub fn written_count(&self) -> usize {
        self.written.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// The files written (not left alone) so far.
    pub fn written(&self) -> Vec<PathBuf> {
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// How many files already held what would have been written.
    pub fn unchanged(&self) -> usize {
        self.unchanged.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Removes `path` and its precompressed siblings; `true` if the file was there.
pub fn remove(path: &Path) -> bool {
    remove_siblings(path);
    std::fs::remove_file(path).is_ok()
}

/// Removes the precompressed siblings of `path` (`.br`, `.gz`).
pub fn remove_siblings(path: &Path) {
    for suffix in [".br", ".gz"] {
        let mut sibling = path.as_os_str().to_owned();
        sibling.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(sibling));
    }
}

/// 64-bit FNV-1a of `bytes`, as 16 hex digits: what tells the publish step a file changed.
pub fn hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}
