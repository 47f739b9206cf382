//! A sharded inverted index over article bodies, so a paper of 10 000 articles can be
//! searched without fetching its article files.
//!
//! Pure: no leptos, no web-sys. Titles and standfirsts are not in it: they are searched in
//! memory over `articles.json`. Terms are the normalised words of [`crate::search::words`],
//! so a body matches here exactly when [`crate::search::text_matches`] says it does.
//!
//! # Files (under `{base}/search/`, written by `build_search_index`)
//!
//! `meta.json`, fetched first:
//!
//! ```json
//! { "version": 1, "hash": "fnv1a32", "shards": 64,
//!   "articles": ["newest-slug", "older-slug", "…"] }
//! ```
//!
//! `articles` lists the slugs in doc-id order (doc id = index in this list; the builder
//! uses the order of `articles.json`, newest first). `hash` names how a term picks its
//! shard: [`shard_of`] = 32-bit FNV-1a of the term's UTF-8 bytes, modulo `shards`.
//!
//! `shard-XX.json` ([`shard_file`]: decimal, zero-padded to at least two digits and to the
//! width of `shards - 1`), one per shard, holding every term that hashes to it:
//!
//! ```json
//! { "terms": { "glacier": [[3, 17, 40], [2, 5]], "quebec": [[12, 88]] } }
//! ```
//!
//! A term maps to its postings, one array per article that holds it, in doc-id order:
//! `[doc_delta, first_position, position_delta, …]`. `doc_delta` is the doc id minus the
//! previous posting's (the first one is the doc id itself); positions are word indices in
//! `words(body_text)` (counting every word of the whole body, across blocks), the first
//! absolute and each next one as the difference from the previous. Above, "glacier" is in
//! doc 3 at words 17 and 57, and in doc 5 at word 5. Positions make an exact-phrase query
//! answerable from the index alone.
//!
//! A query fetches `meta.json` plus the shard of each distinct term ([`shards_needed`]),
//! then calls [`body_hits`].

use crate::search::words;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The format version in `meta.json`.
pub const VERSION: u32 = 1;

/// The name of the hash scheme in `meta.json`.
pub const HASH_SCHEME: &str = "fnv1a32";

/// `search/meta.json`: what a client needs before it fetches any shard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub version: u32,
    /// How a term picks its shard: [`HASH_SCHEME`].
    pub hash: String,
    /// The number of shard files.
    pub shards: usize,
    /// Slugs in doc-id order.
    pub articles: Vec<String>,
}

/// One `search/shard-XX.json`: the postings of every term that hashes to it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// Term → postings `[doc_delta, first_position, position_delta, …]`, in doc-id order.
    pub terms: BTreeMap<String, Vec<Vec<u32>>>,
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

/// The shard that holds a normalised `term` (`shards` of 0 counts as 1).
pub fn shard_of(term: &str, shards: usize) -> usize {
    (fnv1a32(term.as_bytes()) as usize) % shards.max(1)
}

/// The file name of shard `i` of `shards`, relative to `search/`: `shard-07.json`.
pub fn shard_file(i: usize, shards: usize) -> String {
    let width = shards.saturating_sub(1).to_string().len().max(2);
    format!("shard-{i:0width$}.json")
}

/// The distinct shards a query of `terms` needs, ascending.
pub fn shards_needed(meta: &Meta, terms: &[String]) -> Vec<usize> {
    let mut out: Vec<usize> = terms.iter().map(|t| shard_of(t, meta.shards)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Builds the index of `articles` (slug, body text), doc ids in the given order.
pub fn build(articles: &[(String, String)], shards: usize) -> (Meta, Vec<Shard>) {
    let shards = shards.max(1);
    // Term → (doc, absolute positions), docs ascending since they are visited in order.
    let mut postings: HashMap<String, Vec<(u32, Vec<u32>)>> = HashMap::new();
    for (doc, (_, body)) in articles.iter().enumerate() {
        let doc = doc as u32;
        for (pos, word) in words(body).into_iter().enumerate() {
            let list = postings.entry(word).or_default();
            match list.last_mut() {
                Some((d, positions)) if *d == doc => positions.push(pos as u32),
                _ => list.push((doc, vec![pos as u32])),
            }
        }
    }
    let mut out = vec![Shard::default(); shards];
    for (term, list) in postings {
        let encoded = encode_postings(&list);
        out[shard_of(&term, shards)].terms.insert(term, encoded);
    }
    let meta = Meta {
        version: VERSION,
        hash: HASH_SCHEME.into(),
        shards,
        articles: articles.iter().map(|(slug, _)| slug.clone()).collect(),
    };
    (meta, out)
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

/// The articles whose body holds every one of `terms` (normalised words, as from
/// [`crate::search::words`]), or the phrase `terms` in order when `exact`; each with the
/// word position of its first match (the first occurrence of any term, or the start of
/// the first phrase), in doc-id order.
///
/// `shards` must hold the shard of every term ([`shards_needed`]); a term whose shard is
/// missing counts as absent. No terms match nothing, like `text_matches`.
pub fn body_hits(
    meta: &Meta,
    shards: &HashMap<usize, Shard>,
    terms: &[String],
    exact: bool,
) -> Vec<(String, u32)> {
    if terms.is_empty() {
        return Vec::new();
    }
    // Each distinct term's postings, decoded once.
    let mut lists: HashMap<&str, Vec<(u32, Vec<u32>)>> = HashMap::new();
    for term in terms {
        if lists.contains_key(term.as_str()) {
            continue;
        }
        let Some(encoded) = shards
            .get(&shard_of(term, meta.shards))
            .and_then(|s| s.terms.get(term))
        else {
            return Vec::new();
        };
        lists.insert(term, decode_postings(encoded));
    }
    // Walk the shortest list; look the doc up in the others.
    let rarest = lists
        .values()
        .min_by_key(|l| l.len())
        .expect("at least one term");
    let positions_in = |term: &str, doc: u32| -> Option<&[u32]> {
        let list = &lists[term];
        list.binary_search_by_key(&doc, |(d, _)| *d)
            .ok()
            .map(|i| list[i].1.as_slice())
    };
    let mut out = Vec::new();
    for (doc, _) in rarest {
        let Some(per_term) = terms
            .iter()
            .map(|t| positions_in(t, *doc))
            .collect::<Option<Vec<&[u32]>>>()
        else {
            continue;
        };
        let first = if exact {
            per_term[0].iter().copied().find(|&start| {
                per_term.iter().enumerate().skip(1).all(|(i, ps)| {
                    start
                        .checked_add(i as u32)
                        .is_some_and(|p| ps.binary_search(&p).is_ok())
                })
            })
        } else {
            per_term.iter().filter_map(|ps| ps.first().copied()).min()
        };
        if let (Some(first), Some(slug)) = (first, meta.articles.get(*doc as usize)) {
            out.push((slug.clone(), first));
        }
    }
    out
}
