//! The index (`articles.json`, then older blocks `articles-N.json`, chained by `next`;
//! docs/content-api.md §2) from the article files.

use super::Outputs;
use crate::model::{decode, Article, ArticleSummary};
use serde_json::value::RawValue;
use serde_json::Value;
use std::path::Path;

/// Summaries per index page by default: the first page is what the front page, the rails
/// and a search's first answers read, so it stays small on a large paper.
pub const DEFAULT_PAGE: usize = 500;

/// One article as the index lists it: its file without `body`, every other field kept as
/// written (fields this app does not know are the publisher's, and stay), but `live`: a live
/// page's updates become `"live": true` while its coverage runs.
#[derive(Clone, Debug)]
pub struct Entry {
    pub summary: ArticleSummary,
    /// The entry's JSON, compact: written as it is into the index pages and the publish
    /// step's state, never parsed again into a tree (a 100,000-article paper has 70 MB).
    pub json: Box<RawValue>,
    /// [`super::hash`] of the body's JSON: what the search index reads of the article.
    pub body: String,
    /// The number of distinct words of the body ([`super::search::postings`]).
    pub postings: usize,
}

/// Reads an article file's text as an index entry; the error names the file and the JSON
/// path of what is wrong.
pub fn entry(name: &str, stem: &str, text: &str) -> Result<Entry, String> {
    let article: Article = decode(name, text).map_err(|e| e.to_string())?;
    let postings = super::search::postings(&article.body_text());
    if *article.summary.slug != *stem {
        return Err(format!(
            "{name}: slug `{}` does not match the file name",
            &*article.summary.slug
        ));
    }
    let mut json: Value = serde_json::from_str(text).map_err(|e| format!("{name}: {e}"))?;
    let mut summary = article.summary;
    // A live page's updates stay in its file; the index says only whether it is live.
    summary.live = article
        .live
        .is_some_and(|l| l.status == crate::model::LiveStatus::Live);
    let obj = json.as_object_mut();
    let body = obj
        .and_then(|obj| {
            if obj.contains_key("live") {
                obj.insert("live".into(), Value::Bool(summary.live));
            }
            obj.remove("body")
        })
        .unwrap_or_default();
    Ok(Entry {
        summary,
        json: serde_json::value::to_raw_value(&json).map_err(|e| format!("{name}: {e}"))?,
        body: super::hash(body.to_string().as_bytes()),
        postings,
    })
}

/// An index page as written: each entry's JSON as it is, one a line.
#[derive(serde::Serialize)]
struct Page<'a> {
    articles: Vec<&'a RawValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

/// Newest first; the slug breaks ties, so the order never depends on the disk's.
pub fn sort(entries: &mut [Entry]) {
    entries.sort_by(|a, b| crate::related::index_order(&a.summary, &b.summary));
}

/// The file name of a page of the index: `articles.json` for the newest entries, then
/// `articles-N.json` for block N of older ones, counted from the oldest ([`pages`]).
pub fn page_file(block: usize) -> String {
    match block {
        0 => "articles.json".into(),
        _ => format!("articles-{block}.json"),
    }
}

/// The index of `entries` (newest first) in pages: the first holds the newest, between half
/// a page and one and a half pages of them; the others are blocks of `per_page` counted from
/// the oldest, so a new article changes only the first page (and, once every `per_page`
/// articles, starts a block), and an edit only its own page. Each page is `(its block
/// number, 0 for the first; its entries)`, in the order `next` chains them.
pub fn pages<T>(entries: &[T], per_page: usize) -> Vec<(usize, &[T])> {
    let per_page = per_page.max(1);
    let (whole, rest) = (entries.len() / per_page, entries.len() % per_page);
    let blocks = if whole > 0 && rest < per_page.div_ceil(2) {
        whole - 1
    } else {
        whole
    };
    let (first, older) = entries.split_at(entries.len() - blocks * per_page);
    let mut pages = vec![(0, first)];
    pages.extend(
        older
            .chunks(per_page)
            .zip((1..=blocks).rev())
            .map(|(p, b)| (b, p)),
    );
    pages
}

/// Writes the index pages of `entries` (sorted) into `dir` ([`pages`]), and removes the
/// blocks of an earlier, longer index. Returns the number of pages.
pub fn write(
    dir: &Path,
    entries: &[Entry],
    per_page: usize,
    out: &Outputs,
) -> Result<usize, String> {
    let pages = pages(entries, per_page);
    for (i, (block, page)) in pages.iter().enumerate() {
        let doc = Page {
            articles: page.iter().map(|e| &*e.json).collect(),
            next: pages.get(i + 1).map(|(next, _)| page_file(*next)),
        };
        let text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n";
        out.write(&dir.join(page_file(*block)), text.as_bytes())?;
    }
    // (An index written before blocks were counted from the oldest has no `articles-1.json`.)
    for block in pages.len().. {
        if !super::remove(&dir.join(page_file(block))) && block > 1 {
            break;
        }
    }
    Ok(pages.len())
}
