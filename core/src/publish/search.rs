//! The body-search index files (`{base}/search/`, [`crate::search_index`]): built whole, or
//! brought up to date by rewriting only the files that hold the words of what changed.

use super::Outputs;
use crate::search_index::{
    self, blocks, decode_docs, decode_postings, encode_docs, encode_postings, fingerprint,
    positions_file, shard_file, shard_of, Meta, Positions, Shard, DEFAULT_BLOCK,
};
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

/// One shard per this many postings (term × article), which gives a median shard of ≈ 10 KB
/// gzip (measured on the 10 000-article synthetic paper: 3 M postings, 243 shards).
const POSTINGS_PER_SHARD: usize = 12_500;

/// On a small paper, one shard per this many postings, so that a query does not fetch the
/// whole dictionary (the 36-article sample: 16 shards).
const SMALL_POSTINGS_PER_SHARD: usize = 1_000;

/// How many shards an index of `postings` postings (the distinct words of each article,
/// summed) gets: one per [`POSTINGS_PER_SHARD`], or per [`SMALL_POSTINGS_PER_SHARD`] of the
/// first 50,000, rounded up to a power of two, so that it changes only when the paper doubles
/// (a new number of shards rewrites every file).
pub fn shard_count(postings: usize) -> usize {
    postings
        .div_ceil(POSTINGS_PER_SHARD)
        .max(postings.min(50_000).div_ceil(SMALL_POSTINGS_PER_SHARD))
        .max(1)
        .next_power_of_two()
}

/// The shard count at which a positions block is [`DEFAULT_BLOCK`] docs.
const BLOCK_SHARDS: usize = 256;

/// Docs per positions file for an index of `shards` shards: [`DEFAULT_BLOCK`], doubled with
/// every doubling of the shards past [`BLOCK_SHARDS`]. A positions file holds a shard's words
/// in a block of docs, so it keeps the size it has on a paper of 10,000 articles (256 shards,
/// median 4 KB gzip) as the paper grows, and their number grows with the shards only: at
/// 100,000 articles (4,096 shards) blocks of 16,000, ≈ 28,000 files instead of ≈ 340,000 of
/// 1.3 KB, each in a disk block of 4 KB. It changes only with the shards, which rebuild the
/// index anyway.
pub fn block_size(shards: usize) -> usize {
    DEFAULT_BLOCK * (shards / BLOCK_SHARDS).max(1)
}

/// The number of distinct words of a body: its postings.
pub fn postings(body: &str) -> usize {
    let mut w = crate::text::words(body);
    w.sort_unstable();
    w.dedup();
    w.len()
}

/// Builds the index of the articles `slugs` (in doc-id order: the oldest first) into
/// `dir/search/`, reading their bodies a block at a time with `bodies` (slug, body text,
/// in the order asked), and removes the files of an earlier index it no longer has. Only a
/// block's word positions are in memory at once.
pub fn write(
    dir: &Path,
    slugs: &[String],
    shards: usize,
    block: usize,
    mut bodies: impl FnMut(&[String]) -> Vec<(String, String)>,
    out: &Outputs,
) -> Result<Meta, String> {
    let dir = dir.join("search");
    let mut builder = search_index::Builder::new(shards, block);
    // What the files are named by: the index's size, known ahead.
    let naming = Meta {
        docs: slugs.len(),
        ..search_index::Builder::new(shards, block).finish().0
    };
    let mut keep: HashSet<String> = HashSet::new();
    let mut put = |name: String, text: String| {
        let r = out.write(&dir.join(&name), text.as_bytes());
        keep.insert(name);
        r
    };
    for (b, chunk) in slugs.chunks(naming.block).enumerate() {
        let docs = bodies(chunk);
        if docs.len() != chunk.len() {
            return Err(format!(
                "search index: {} bodies read for {} articles",
                docs.len(),
                chunk.len()
            ));
        }
        for (s, file) in builder.add_block(&docs) {
            put(positions_file(&naming, s, b), json(&file)?)?;
        }
    }
    let (meta, shard_files) = builder.finish();
    for (i, shard) in shard_files.iter().enumerate() {
        put(shard_file(i, meta.shards), json(shard)?)?;
    }
    put("meta.json".into(), json(&meta)?)?;
    for entry in std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().to_string();
        let ours =
            (name.starts_with("shard-") || name.starts_with("pos-")) && name.ends_with(".json");
        if ours && !keep.contains(&name) {
            super::remove(&entry.path());
        }
    }
    Ok(meta)
}

/// The articles of an index in doc-id order: slug, and a hash of the body.
pub type Docs = [(String, String)];

/// Brings the index under `dir/search/`, which [`write`] built from `before`, up to `after`
/// (whose articles have `postings` postings in all), reading and writing only the files that
/// hold the words of the articles added, changed or removed (`body` gives an article's body
/// text by slug): the shards of those words, and the positions files of their blocks. The
/// result is byte for byte what [`write`] gives for `after`. `Ok(false)`, having written
/// nothing, when it cannot: articles other than the newest inserted or removed (every doc id
/// after them moves), a new number of shards or of positions files' digits, or index files
/// missing or unreadable; a full build is then needed.
pub fn patch(
    dir: &Path,
    before: &Docs,
    after: &Docs,
    postings: usize,
    body: impl Fn(&str) -> String,
    out: &Outputs,
) -> Result<bool, String> {
    let common = before.len().min(after.len());
    if before[..common]
        .iter()
        .zip(&after[..common])
        .any(|(a, b)| a.0 != b.0)
    {
        return Ok(false);
    }
    let dir = dir.join("search");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).ok();
    let Some(mut meta) = read("meta.json").and_then(|t| serde_json::from_str::<Meta>(&t).ok())
    else {
        return Ok(false);
    };
    let built_from = fingerprint(before.iter().map(|(slug, _)| slug.as_str()));
    if meta.problem().is_some()
        || meta.docs != before.len()
        || meta.fingerprint != built_from
        || shard_count(postings) != meta.shards
        || meta.block != block_size(meta.shards)
    {
        return Ok(false);
    }
    let changed = (0..common).filter(|&i| before[i].1 != after[i].1);
    let gone: BTreeSet<u32> = changed
        .clone()
        .chain(common..before.len())
        .map(|i| i as u32)
        .collect();
    let fresh: Vec<usize> = changed.chain(common..after.len()).collect();
    let old = meta.clone();
    meta.docs = after.len();
    meta.fingerprint = fingerprint(after.iter().map(|(slug, _)| slug.as_str()));
    let block = meta.block;
    // The files read so far, by shard and by (shard, block); `None`: not there.
    let mut shards: BTreeMap<usize, Shard> = BTreeMap::new();
    let mut positions: BTreeMap<(usize, usize), Option<Positions>> = BTreeMap::new();
    let (mut dirty_shards, mut dirty_positions) = (BTreeSet::new(), BTreeSet::new());

    // The words of what changed or went: every positions file of their blocks says which.
    let gone_blocks: BTreeSet<usize> = gone
        .iter()
        .map(|d| *d as usize / block)
        .filter(|b| *b < blocks(&old))
        .collect();
    for &b in &gone_blocks {
        for s in 0..meta.shards {
            let Some(text) = read(&positions_file(&old, s, b)) else {
                continue;
            };
            let Ok(mut file) = serde_json::from_str::<Positions>(&text) else {
                return Ok(false);
            };
            let mut terms = Vec::new();
            file.terms.retain(|term, list| {
                let posts = decode_postings(list);
                if !posts.iter().any(|(d, _)| gone.contains(d)) {
                    return true;
                }
                terms.push(term.clone());
                let kept: Vec<(u32, Vec<u32>)> = posts
                    .into_iter()
                    .filter(|(d, _)| !gone.contains(d))
                    .collect();
                *list = encode_postings(&kept);
                !kept.is_empty()
            });
            if !terms.is_empty() {
                dirty_positions.insert((s, b));
                let Some(shard) = load_shard(&mut shards, s, meta.shards, &read) else {
                    return Ok(false);
                };
                for term in terms {
                    let Some(list) = shard.terms.get_mut(&term) else {
                        return Ok(false);
                    };
                    let kept: Vec<u32> = decode_docs(list)
                        .into_iter()
                        .filter(|d| !gone.contains(d))
                        .collect();
                    if kept.is_empty() {
                        shard.terms.remove(&term);
                    } else {
                        *list = encode_docs(&kept);
                    }
                }
                dirty_shards.insert(s);
            }
            positions.insert((s, b), Some(file));
        }
    }

    // The words of what is new or changed.
    for &doc in &fresh {
        let mut words: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (pos, word) in crate::text::words(&body(&after[doc].0))
            .into_iter()
            .enumerate()
        {
            words.entry(word).or_default().push(pos as u32);
        }
        let id = doc as u32;
        for (term, at) in words {
            let s = shard_of(&term, meta.shards);
            let Some(shard) = load_shard(&mut shards, s, meta.shards, &read) else {
                return Ok(false);
            };
            let list = shard.terms.entry(term.clone()).or_default();
            let mut docs = decode_docs(list);
            if let Err(i) = docs.binary_search(&id) {
                docs.insert(i, id);
            }
            *list = encode_docs(&docs);
            dirty_shards.insert(s);
            let key = (s, doc / block);
            let file = match positions.entry(key) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(e) => {
                    // A block beyond the old index's last has no files yet.
                    let text = (key.1 < blocks(&old))
                        .then(|| read(&positions_file(&old, s, key.1)))
                        .flatten();
                    match text.map(|t| serde_json::from_str::<Positions>(&t)) {
                        Some(Err(_)) => return Ok(false),
                        parsed => e.insert(parsed.and_then(Result::ok)),
                    }
                }
            };
            let list = file.get_or_insert_default().terms.entry(term).or_default();
            let mut posts = decode_postings(list);
            match posts.binary_search_by_key(&id, |(d, _)| *d) {
                Ok(i) => posts[i].1 = at,
                Err(i) => posts.insert(i, (id, at)),
            }
            *list = encode_postings(&posts);
            dirty_positions.insert(key);
        }
    }

    for s in dirty_shards {
        out.write(
            &dir.join(shard_file(s, meta.shards)),
            json(&shards[&s])?.as_bytes(),
        )?;
    }
    for (s, b) in dirty_positions {
        let path = dir.join(positions_file(&meta, s, b));
        match positions.get(&(s, b)).and_then(Option::as_ref) {
            Some(file) if !file.terms.is_empty() => {
                out.write(&path, json(file)?.as_bytes())?;
            }
            _ => {
                super::remove(&path);
            }
        }
    }
    out.write(&dir.join("meta.json"), json(&meta)?.as_bytes())?;
    Ok(true)
}

/// Shard `s` of `count`, read into `shards` the first time it is asked for; `None` if it
/// is missing or does not decode.
fn load_shard<'a>(
    shards: &'a mut BTreeMap<usize, Shard>,
    s: usize,
    count: usize,
    read: &impl Fn(&str) -> Option<String>,
) -> Option<&'a mut Shard> {
    Some(match shards.entry(s) {
        Entry::Occupied(e) => e.into_mut(),
        Entry::Vacant(e) => e.insert(serde_json::from_str(&read(&shard_file(s, count))?).ok()?),
    })
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string(value).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::{block_size, shard_count};

    #[test]
    fn blocks_grow_with_the_shards_so_positions_files_keep_their_size() {
        // The sample paper, 10,000 articles (≈ 3 M postings), 100,000 (≈ 30 M).
        assert_eq!(shard_count(5_000), 8);
        assert_eq!(shard_count(3_000_000), 256);
        assert_eq!(shard_count(30_000_000), 4096);
        assert_eq!(block_size(8), 1000);
        assert_eq!(block_size(256), 1000);
        assert_eq!(block_size(512), 2000);
        assert_eq!(block_size(4096), 16_000);
    }
}
