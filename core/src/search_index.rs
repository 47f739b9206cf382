//! A sharded inverted index over article bodies, so a paper of 10 000 articles can be
//! searched without fetching its article files. Format 2; `docs/search-index.md` has the
//! reasons and the measurements.
//!
//! Pure: no leptos, no web-sys. Titles and standfirsts are not in it: they are searched in
//! memory over `articles.json`. Terms are the normalised words of [`crate::text::words`],
//! so a body matches here exactly when [`crate::search::text_matches`] says it does.
//!
//! # Files (under `{base}/search/`, written by `build_search_index`)
//!
//! `meta.json`, fetched first:
//!
//! ```json
//! { "version": 3, "hash": "fnv1a32", "shards": 128, "docs": 10000,
//!   "fingerprint": "9c1e…", "block": 1000 }
//! ```
//!
//! Doc ids number the articles of the index chain (`articles.json`, then each `next` page;
//! a slug listed twice counts once, where it is first listed) from the oldest: the last
//! listed is doc 0, the first (the newest) is doc `docs - 1` ([`BodyHits::into_positions`]
//! turns them into positions in the chain). A new article then takes a new id and no other
//! moves, so publishing it rewrites only the files that hold its words. `docs` is their
//! number and `fingerprint` ([`fingerprint`]) is a hash of the slugs in doc-id order: a
//! client whose index pages say otherwise ignores the search index (it is stale). `hash`
//! names how a term picks its shard: [`shard_of`] = 32-bit FNV-1a of the term's UTF-8 bytes,
//! modulo `shards`.
//!
//! `shard-XX.json` ([`shard_file`]), one per shard: the doc ids of every term that hashes
//! to it, ascending, delta-encoded (the first is the id itself):
//!
//! ```json
//! { "terms": { "glacier": [3, 2, 35], "quebec": [12] } }
//! ```
//!
//! "glacier" is in docs 3, 5 and 40. That is all a query of words needs (all words must be
//! in the body, or spread over the fields searched).
//!
//! `pos-XX-Y.json` ([`positions_file`]): the word positions of the terms of shard `XX` in
//! the docs of block `YY` (docs `YY × block` to `(YY + 1) × block − 1`), only fetched for an
//! exact phrase of two words or more, and only for the blocks holding a candidate:
//!
//! ```json
//! { "terms": { "glacier": [[3, 17, 40], [2, 5]] } }
//! ```
//!
//! One array per doc: `[doc_delta, first_position, position_delta, …]`, the doc delta from
//! the previous array (the first is the doc id), positions being word indices in
//! `words(body_text)` (counting every word of the whole body, across blocks). Above,
//! "glacier" is in doc 3 at words 17 and 57 and in doc 5 at word 5. A file with no terms
//! is not written (no query needs it).

use crate::text::words;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The format version in `meta.json` (3: doc ids from the oldest article).
pub const VERSION: u32 = 3;

/// The name of the hash scheme in `meta.json`.
pub const HASH_SCHEME: &str = "fnv1a32";

/// Docs per positions file on a paper of up to 256 shards (`publish::search::block_size`).
pub const DEFAULT_BLOCK: usize = 1000;

/// `search/meta.json`: what a client needs before it fetches any shard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub version: u32,
    /// How a term picks its shard: [`HASH_SCHEME`].
    pub hash: String,
    /// The number of shard files.
    pub shards: usize,
    /// The number of articles indexed (doc ids `0..docs`).
    pub docs: usize,
    /// [`fingerprint`] of the slugs in doc-id order.
    pub fingerprint: String,
    /// Docs per positions file.
    pub block: usize,
}

impl Meta {
    /// Why a client cannot use this index, if it cannot (wrong version, unknown hash, …).
    pub fn problem(&self) -> Option<String> {
        if self.version != VERSION {
            return Some(format!(
                "version {} (this app reads {VERSION})",
                self.version
            ));
        }
        if self.hash != HASH_SCHEME {
            return Some(format!("unknown hash `{}`", self.hash));
        }
        if self.shards == 0 || self.block == 0 {
            return Some("no shards or an empty block size".into());
        }
        None
    }

    /// Whether this index was built from exactly these slugs, in doc-id order (the index
    /// chain's order reversed).
    pub fn describes<'a>(&self, slugs: impl ExactSizeIterator<Item = &'a str>) -> bool {
        slugs.len() == self.docs && fingerprint(slugs) == self.fingerprint
    }
}

/// One `search/shard-XX.json`: the doc ids of every term that hashes to it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// Term → ascending doc ids, delta-encoded.
    pub terms: BTreeMap<String, Vec<u32>>,
}

/// One `search/pos-XX-Y.json`: positions of a shard's terms in a block of docs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Positions {
    /// Term → `[doc_delta, first_position, position_delta, …]` per doc, ascending.
    pub terms: BTreeMap<String, Vec<Vec<u32>>>,
}

/// A whole index as the builder makes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Index {
    pub meta: Meta,
    pub shards: Vec<Shard>,
    /// `(shard, block)` → positions; only the files with terms.
    pub positions: BTreeMap<(usize, usize), Positions>,
}

/// 32-bit FNV-1a of `bytes`.
pub fn fnv1a32(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// 64-bit FNV-1a of every slug followed by a newline, as 16 hex digits.
pub fn fingerprint<'a>(slugs: impl IntoIterator<Item = &'a str>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for slug in slugs {
        for b in slug.bytes().chain(std::iter::once(b'\n')) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The shard that holds a normalised `term` (`shards` of 0 counts as 1).
pub fn shard_of(term: &str, shards: usize) -> usize {
    (fnv1a32(term.as_bytes()) as usize) % shards.max(1)
}

fn width(count: usize) -> usize {
    count.saturating_sub(1).to_string().len().max(2)
}

/// The file name of shard `i` of `shards`, relative to `search/`: `shard-07.json`
/// (decimal, zero-padded to at least two digits and to the width of `shards - 1`).
pub fn shard_file(i: usize, shards: usize) -> String {
    format!("shard-{i:0w$}.json", w = width(shards))
}

/// The number of positions blocks of `meta`.
pub fn blocks(meta: &Meta) -> usize {
    meta.docs.div_ceil(meta.block.max(1)).max(1)
}

/// The file name of the positions of shard `shard` in block `block`: `pos-07-3.json` (the
/// shard padded like [`shard_file`]; the block not padded, so that a paper growing by a
/// block renames no file).
pub fn positions_file(meta: &Meta, shard: usize, block: usize) -> String {
    format!("pos-{shard:0sw$}-{block}.json", sw = width(meta.shards))
}

/// The distinct shards a query of `terms` needs, ascending.
pub fn shards_needed(meta: &Meta, terms: &[String]) -> Vec<usize> {
    let mut out: Vec<usize> = terms.iter().map(|t| shard_of(t, meta.shards)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Builds the index of `articles` (slug, body text), doc ids in the given order.
pub fn build(articles: &[(String, String)], shards: usize, block: usize) -> Index {
    let mut builder = Builder::new(shards, block);
    let mut positions = BTreeMap::new();
    for chunk in articles.chunks(builder.block) {
        for (shard, file) in builder.add_block(chunk) {
            positions.insert((shard, builder.blocks - 1), file);
        }
    }
    let (meta, shards) = builder.finish();
    Index {
        meta,
        shards,
        positions,
    }
}

/// Builds an index one block of docs at a time: only that block's word positions are in
/// memory, the doc-id lists of every term being all that grows (a 100,000-article paper
/// fits in a few hundred megabytes).
pub struct Builder {
    shards: usize,
    block: usize,
    /// Blocks added so far.
    blocks: usize,
    /// Term → ascending doc ids.
    docs: HashMap<String, Vec<u32>>,
    /// The slugs so far, in doc-id order, for the fingerprint.
    slugs: Vec<String>,
}

impl Builder {
    pub fn new(shards: usize, block: usize) -> Builder {
        Builder {
            shards: shards.max(1),
            block: block.max(1),
            blocks: 0,
            docs: HashMap::new(),
            slugs: Vec::new(),
        }
    }

    /// Adds the next block of docs (slug, body text): exactly `block` of them, or fewer for
    /// the last block. Returns the positions files of that block, by shard.
    pub fn add_block(&mut self, articles: &[(String, String)]) -> BTreeMap<usize, Positions> {
        let first = (self.blocks * self.block) as u32;
        self.blocks += 1;
        // Term → (doc, absolute positions), docs ascending since they are visited in order.
        let mut postings: HashMap<String, Vec<(u32, Vec<u32>)>> = HashMap::new();
        for (i, (slug, body)) in articles.iter().enumerate() {
            let doc = first + i as u32;
            self.slugs.push(slug.clone());
            for (pos, word) in words(body).into_iter().enumerate() {
                let list = postings.entry(word).or_default();
                match list.last_mut() {
                    Some((d, positions)) if *d == doc => positions.push(pos as u32),
                    _ => list.push((doc, vec![pos as u32])),
                }
            }
        }
        let mut files: BTreeMap<usize, Positions> = BTreeMap::new();
        for (term, list) in postings {
            let shard = shard_of(&term, self.shards);
            let docs = self.docs.entry(term.clone()).or_default();
            docs.extend(list.iter().map(|(d, _)| *d));
            files
                .entry(shard)
                .or_default()
                .terms
                .insert(term, encode_postings(&list));
        }
        files
    }

    /// The index's `meta.json` and shards.
    pub fn finish(self) -> (Meta, Vec<Shard>) {
        let meta = Meta {
            version: VERSION,
            hash: HASH_SCHEME.into(),
            shards: self.shards,
            docs: self.slugs.len(),
            fingerprint: fingerprint(self.slugs.iter().map(String::as_str)),
            block: self.block,
        };
        let mut shards = vec![Shard::default(); self.shards];
        for (term, docs) in self.docs {
            let shard = shard_of(&term, self.shards);
            shards[shard].terms.insert(term, encode_docs(&docs));
        }
        (meta, shards)
    }
}

/// Delta-encodes ascending doc ids.
pub fn encode_docs(docs: &[u32]) -> Vec<u32> {
    let mut previous = 0;
    docs.iter()
        .map(|d| {
            let delta = d - previous;
            previous = *d;
            delta
        })
        .collect()
}

/// Undoes [`encode_docs`]. Sums saturate, so damaged data gives wrong ids, never a panic;
/// the result is always ascending without repeats.
pub fn decode_docs(deltas: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::with_capacity(deltas.len());
    let mut doc = 0u32;
    for (i, d) in deltas.iter().enumerate() {
        doc = doc.saturating_add(*d);
        if i == 0 || out.last().is_some_and(|last| doc > *last) {
            out.push(doc);
        }
    }
    out
}

/// Delta-encodes `(doc, ascending positions)` postings in ascending doc order.
pub fn encode_postings(list: &[(u32, Vec<u32>)]) -> Vec<Vec<u32>> {
    let mut previous_doc = 0;
    list.iter()
        .map(|(doc, positions)| {
            let mut entry = Vec::with_capacity(positions.len() + 1);
            entry.push(doc - previous_doc);
            previous_doc = *doc;
            let mut previous = 0;
            for (i, p) in positions.iter().enumerate() {
                entry.push(if i == 0 { *p } else { p - previous });
                previous = *p;
            }
            entry
        })
        .collect()
}

/// Undoes [`encode_postings`]. Entries without a position are skipped; sums saturate, so
/// damaged data gives wrong ids, never a panic.
pub fn decode_postings(list: &[Vec<u32>]) -> Vec<(u32, Vec<u32>)> {
    let mut doc = 0u32;
    let mut out = Vec::with_capacity(list.len());
    for entry in list {
        let Some((delta, deltas)) = entry.split_first() else {
            continue;
        };
        doc = doc.saturating_add(*delta);
        if deltas.is_empty() {
            continue;
        }
        let mut p = 0u32;
        let positions = deltas
            .iter()
            .enumerate()
            .map(|(i, d)| {
                p = if i == 0 { *d } else { p.saturating_add(*d) };
                p
            })
            .collect();
        out.push((doc, positions));
    }
    out
}

/// A file the query needs that the caller did not supply (a client fetches it and asks
/// again; a file that cannot be fetched means the index cannot answer).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing(pub String);

/// What the index says about the bodies for one query.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyHits {
    /// Each distinct query term with the docs whose body holds it, ascending.
    pub terms: Vec<(String, Vec<u32>)>,
    /// The docs whose body matches the whole query: every term, or the phrase in order
    /// when exact. Ascending.
    pub matches: Vec<u32>,
}

impl BodyHits {
    /// The same hits with each doc id of an index of `docs` articles turned into the
    /// article's position in the index chain (newest first), ascending.
    pub fn into_positions(self, docs: usize) -> BodyHits {
        let flip = |ids: Vec<u32>| -> Vec<u32> {
            let mut out: Vec<u32> = ids
                .into_iter()
                .filter(|id| (*id as usize) < docs)
                .map(|id| (docs - 1 - id as usize) as u32)
                .collect();
            out.sort_unstable();
            out
        };
        BodyHits {
            terms: self.terms.into_iter().map(|(t, d)| (t, flip(d))).collect(),
            matches: flip(self.matches),
        }
    }

    /// Whether doc `doc`'s body matches the whole query.
    pub fn matches(&self, doc: u32) -> bool {
        self.matches.binary_search(&doc).is_ok()
    }

    /// Whether doc `doc`'s body holds the word `term` (a query term).
    pub fn has(&self, term: &str, doc: u32) -> bool {
        self.terms
            .iter()
            .find(|(t, _)| t == term)
            .is_some_and(|(_, docs)| docs.binary_search(&doc).is_ok())
    }
}

/// The distinct terms of a query, in order of first appearance.
fn distinct(terms: &[String]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for t in terms {
        if !out.contains(&t.as_str()) {
            out.push(t);
        }
    }
    out
}

/// Each distinct term's docs, from the shards given.
fn term_docs(
    meta: &Meta,
    shards: &HashMap<usize, Shard>,
    terms: &[String],
) -> Result<Vec<(String, Vec<u32>)>, Missing> {
    distinct(terms)
        .into_iter()
        .map(|t| {
            let i = shard_of(t, meta.shards);
            let shard = shards
                .get(&i)
                .ok_or_else(|| Missing(shard_file(i, meta.shards)))?;
            let docs = shard.terms.get(t).map_or_else(Vec::new, |d| decode_docs(d));
            Ok((t.to_string(), docs))
        })
        .collect()
}

/// The docs in every list (each ascending).
fn intersect(lists: &[(String, Vec<u32>)]) -> Vec<u32> {
    let Some((_, shortest)) = lists.iter().min_by_key(|(_, l)| l.len()) else {
        return Vec::new();
    };
    shortest
        .iter()
        .copied()
        .filter(|d| lists.iter().all(|(_, l)| l.binary_search(d).is_ok()))
        .collect()
}

/// Whether a query needs word positions: an exact phrase of two words or more.
fn needs_positions(terms: &[String], exact: bool) -> bool {
    exact && terms.len() > 1
}

/// The positions files a query needs once its shards are in (`(shard, block)`, ascending):
/// none unless it is an exact phrase of two words or more, else those of the blocks that
/// hold a doc with every word.
pub fn positions_needed(
    meta: &Meta,
    shards: &HashMap<usize, Shard>,
    terms: &[String],
    exact: bool,
) -> Result<Vec<(usize, usize)>, Missing> {
    if !needs_positions(terms, exact) {
        return Ok(Vec::new());
    }
    let candidates = intersect(&term_docs(meta, shards, terms)?);
    let mut blocks: Vec<usize> = candidates
        .iter()
        .map(|d| *d as usize / meta.block.max(1))
        .collect();
    blocks.dedup();
    let mut out: Vec<(usize, usize)> = shards_needed(meta, terms)
        .into_iter()
        .flat_map(|s| blocks.iter().map(move |b| (s, *b)))
        .collect();
    out.sort_unstable();
    Ok(out)
}

/// Answers a query of `terms` (normalised words, as from [`crate::text::words`]) from the
/// shards of [`shards_needed`] and the positions files of [`positions_needed`]. No terms
/// match nothing, like `text_matches`.
pub fn body_hits(
    meta: &Meta,
    shards: &HashMap<usize, Shard>,
    positions: &HashMap<(usize, usize), Positions>,
    terms: &[String],
    exact: bool,
) -> Result<BodyHits, Missing> {
    if terms.is_empty() {
        return Ok(BodyHits::default());
    }
    let lists = term_docs(meta, shards, terms)?;
    let candidates = intersect(&lists);
    let matches = if needs_positions(terms, exact) {
        phrase_matches(meta, positions, terms, &candidates)?
    } else {
        candidates
    };
    Ok(BodyHits {
        terms: lists,
        matches,
    })
}

/// The candidates whose body holds `terms` as a phrase, in order.
fn phrase_matches(
    meta: &Meta,
    positions: &HashMap<(usize, usize), Positions>,
    terms: &[String],
    candidates: &[u32],
) -> Result<Vec<u32>, Missing> {
    let block = meta.block.max(1);
    let mut out = Vec::new();
    for group in candidates.chunk_by(|a, b| *a as usize / block == *b as usize / block) {
        let b = group[0] as usize / block;
        // Each distinct term's positions in this block, decoded once.
        let mut per_term: HashMap<&str, Vec<(u32, Vec<u32>)>> = HashMap::new();
        for t in distinct(terms) {
            let s = shard_of(t, meta.shards);
            let file = positions
                .get(&(s, b))
                .ok_or_else(|| Missing(positions_file(meta, s, b)))?;
            let list = file
                .terms
                .get(t)
                .map_or_else(Vec::new, |l| decode_postings(l));
            per_term.insert(t, list);
        }
        let positions_in = |term: &str, doc: u32| -> &[u32] {
            let list = &per_term[term];
            list.binary_search_by_key(&doc, |(d, _)| *d)
                .map_or(&[][..], |i| list[i].1.as_slice())
        };
        for &doc in group {
            let first = positions_in(&terms[0], doc);
            let found = first.iter().any(|&start| {
                terms.iter().enumerate().skip(1).all(|(i, t)| {
                    start
                        .checked_add(i as u32)
                        .is_some_and(|p| positions_in(t, doc).binary_search(&p).is_ok())
                })
            });
            if found {
                out.push(doc);
            }
        }
    }
    Ok(out)
}
