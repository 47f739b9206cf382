//! Precompressed siblings (`.br`, `.gz`) beside every compressible file of a built site, for
//! hosts and CDNs that serve them as they are (nginx `gzip_static`/`brotli_static`, Caddy
//! `precompressed`, S3 + CloudFront with `Content-Encoding`): docs/deploy.md.
//!
//! - A sibling is written only for a file of at least [`MIN_SIZE`] bytes, and where it is
//!   smaller than its file; one that no longer saves bytes, or whose file is gone, is removed.
//! - A sibling at least as new as its file is kept: a publish leaves unchanged files
//!   untouched ([`super::Outputs`]), so only what changed is compressed again.
//! - An article's own files (its page and its content file: one of each per article, 200,000
//!   files on a paper of 100,000) get a `.br` only: brotli is what browsers ask for, and few
//!   hosts make it on the fly, while every host gzips on the fly for the rare client without
//!   brotli (docs/decisions/0008-publish-compression.md). The caller says which files those
//!   are.
//! - Brotli quality 11 with a 16 MB window for the build's code and styles (a few files,
//!   fetched by every reader); a quality of the publisher's choice for the pages and the
//!   content's files, of which a large paper has hundreds of thousands: [`PAGE_QUALITY`] by
//!   default (docs/decisions/0008-publish-compression.md).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The extensions worth compressing.
pub const COMPRESSIBLE: [&str; 11] = [
    "html",
    "js",
    "mjs",
    "wasm",
    "css",
    "json",
    "svg",
    "xml",
    "webmanifest",
    "txt",
    "map",
];

/// Brotli quality for pages and content by default: an article page 14 % larger than at
/// quality 11, in 1/40 of the time (docs/decisions/0008-publish-compression.md).
pub const PAGE_QUALITY: u32 = 5;

/// Smaller files get no siblings: such a file and its compressed copy take one packet each
/// on the wire (a TCP segment holds ≈ 1,400 bytes), and on disk its siblings take two blocks
/// more: the related rail file of each article (≈ 0.7 KB) would cost a paper of 100,000
/// articles 0.8 GB and 200,000 more files to write.
pub const MIN_SIZE: u64 = 1400;

/// `bytes` compressed with brotli at `quality`: text mode, or for WASM the smaller of the
/// generic and the font modes (encoder hints only; which wins depends on the module: the
/// live parts' by ≈ 0.2 KB one way, the app's by ≈ 0.4 KB the other).
pub fn brotli(bytes: &[u8], quality: u32, wasm: bool) -> Vec<u8> {
    use brotli::enc::backward_references::BrotliEncoderMode::*;
    let with = |mode| {
        let params = brotli::enc::BrotliEncoderParams {
            quality: quality as i32,
            lgwin: 24,
            mode,
            size_hint: bytes.len(),
            ..Default::default()
        };
        let mut out = Vec::with_capacity(bytes.len() / 3);
        // Writing into memory cannot fail.
        let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
        out
    };
    if !wasm {
        return with(BROTLI_MODE_TEXT);
    }
    let (generic, font) = (with(BROTLI_MODE_GENERIC), with(BROTLI_MODE_FONT));
    if font.len() < generic.len() {
        font
    } else {
        generic
    }
}

/// `bytes` compressed with gzip at level 6: gzip is the fallback of the few clients without
/// brotli, and level 9 takes twice the time for 1 % (docs/decisions/0008-publish-compression.md).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    // Writing into memory cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

/// What [`precompress`] did.
#[derive(Default, Debug)]
pub struct Report {
    /// Siblings written.
    pub written: usize,
    /// Siblings removed (their file gone, or no longer smaller).
    pub removed: usize,
}

/// Which files get a `.br` and no `.gz` (an article's page and content file).
pub type BrotliOnly<'a> = &'a (dyn Fn(&Path) -> bool + Sync);

/// Brings the siblings of every compressible file under `dir` up to date, on `jobs` threads,
/// pages and content at brotli `quality`; with `all`, every sibling is written again (the
/// quality changed). Files and directories whose name starts with `.` are the publish
/// step's own and skipped.
pub fn precompress(
    dir: &Path,
    jobs: usize,
    quality: u32,
    all: bool,
    brotli_only: BrotliOnly,
) -> Result<Report, String> {
    let mut report = Report::default();
    // Compressed a batch at a time as the walk finds them: a large paper has millions of
    // files, which are never all in memory.
    let mut todo: Vec<(PathBuf, &'static str)> = Vec::new();
    let flush = |todo: &mut Vec<(PathBuf, &'static str)>, report: &mut Report| {
        let (written, removed) = compress(dir, todo, jobs, quality)?;
        report.written += written;
        report.removed += removed;
        todo.clear();
        Ok::<(), String>(())
    };
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(current) = dirs.pop() {
        let entries =
            std::fs::read_dir(&current).map_err(|e| format!("{}: {e}", current.display()))?;
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let (file, kind) = (entry.path(), entry.file_type());
            if kind.as_ref().is_ok_and(|k| k.is_dir()) {
                dirs.push(file);
                continue;
            }
            let name = file.to_string_lossy();
            for suffix in [".br", ".gz"] {
                if let Some(source) = name.strip_suffix(suffix) {
                    let source = Path::new(source);
                    if is_compressible(source) && !source.exists() {
                        report.removed += usize::from(std::fs::remove_file(&file).is_ok());
                    }
                }
            }
            if !is_compressible(&file) {
                continue;
            }
            let modified = mtime(&file);
            for suffix in [".br", ".gz"] {
                let sibling = with_suffix(&file, suffix);
                if suffix == ".gz" && brotli_only(&file) {
                    report.removed += usize::from(std::fs::remove_file(&sibling).is_ok());
                } else if all || mtime(&sibling).is_none_or(|s| modified.is_none_or(|m| s < m)) {
                    todo.push((file.clone(), suffix));
                }
            }
        }
        if todo.len() >= 4096 {
            flush(&mut todo, &mut report)?;
        }
    }
    flush(&mut todo, &mut report)?;
    Ok(report)
}

/// Writes the siblings of `files` (files the publish step just wrote, or found changed), on
/// `jobs` threads; the publish step's own (under a directory whose name starts with `.`)
/// are skipped.
pub fn precompress_files(
    dir: &Path,
    files: &[PathBuf],
    jobs: usize,
    quality: u32,
    brotli_only: BrotliOnly,
) -> Result<Report, String> {
    let hidden = |f: &PathBuf| {
        f.strip_prefix(dir)
            .is_ok_and(|rel| rel.iter().any(|c| c.to_string_lossy().starts_with('.')))
    };
    let mut removed = 0;
    let mut todo: Vec<(PathBuf, &'static str)> = Vec::new();
    for f in files.iter().filter(|f| is_compressible(f) && !hidden(f)) {
        todo.push((f.clone(), ".br"));
        if brotli_only(f) {
            removed += usize::from(std::fs::remove_file(with_suffix(f, ".gz")).is_ok());
        } else {
            todo.push((f.clone(), ".gz"));
        }
    }
    let (written, gone) = compress(dir, &todo, jobs, quality)?;
    Ok(Report {
        written,
        removed: removed + gone,
    })
}

/// Writes (or removes) each sibling of `todo`: (written, removed).
fn compress(
    dir: &Path,
    todo: &[(PathBuf, &'static str)],
    jobs: usize,
    quality: u32,
) -> Result<(usize, usize), String> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Result<(usize, usize), String>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs.max(1))
            .map(|_| {
                scope.spawn(|| {
                    let (mut written, mut removed) = (0, 0);
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((file, suffix)) = todo.get(i) else {
                            return Ok((written, removed));
                        };
                        match sibling(dir, file, suffix, quality)? {
                            true => written += 1,
                            false => removed += 1,
                        }
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|_| Err("a compression thread panicked".into()))
            })
            .collect()
    });
    let (mut written, mut removed) = (0, 0);
    for r in results {
        let (w, r) = r?;
        written += w;
        removed += r;
    }
    Ok((written, removed))
}

/// Writes `file`'s sibling with `suffix` if it is smaller (`true`), else removes it.
fn sibling(dir: &Path, file: &Path, suffix: &str, quality: u32) -> Result<bool, String> {
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        // Gone since (removed by this publish): its siblings go too.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(format!("{}: {e}", file.display())),
    };
    let target = with_suffix(file, suffix);
    if (bytes.len() as u64) < MIN_SIZE {
        let _ = std::fs::remove_file(&target);
        return Ok(false);
    }
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    let packed = if suffix == ".gz" {
        gzip(&bytes)
    } else {
        // The build's own files (at the top of the site): every reader fetches them.
        let quality = if file.parent() == Some(dir) && ext != "html" && ext != "xml" {
            11
        } else {
            quality
        };
        brotli(&bytes, quality, ext == "wasm")
    };
    if packed.len() < bytes.len() {
        std::fs::write(&target, packed).map_err(|e| format!("{}: {e}", target.display()))?;
        Ok(true)
    } else {
        let _ = std::fs::remove_file(&target);
        Ok(false)
    }
}

fn is_compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| COMPRESSIBLE.contains(&e))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn mtime(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}
