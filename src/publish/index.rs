//! The index (`articles.json`, then `articles-2.json`, … chained by `next`;
//! docs/content-api.md §2) from the article files.

use super::Outputs;
use crate::model::{decode, Article, ArticleSummary};
use serde_json::{json, Value};
use std::path::Path;

/// Summaries per index page by default: the first page is what the front page, the rails
/// and a search's first answers read, so it stays small on a large paper.
pub const DEFAULT_PAGE: usize = 500;

/// One article as the index lists it: its file without `body`, every other field kept as
/// written (fields this app does not know are the publisher's, and stay), but `live`: a live
/// page's updates become `"live": true` while its coverage runs.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub summary: ArticleSummary,
    pub json: Value,
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
        json,
        body: super::hash(body.to_string().as_bytes()),
        postings,
    })
}

/// Newest first; the slug breaks ties, so the order never depends on the disk's.
pub fn sort(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        b.summary
            .published
            .millis
            .cmp(&a.summary.published.millis)
            .then_with(|| a.summary.slug.0.cmp(&b.summary.slug.0))
    });
}

/// The file name of index page `i` (from 0).
pub fn page_file(i: usize) -> String {
    match i {
        0 => "articles.json".into(),
        _ => format!("articles-{}.json", i + 1),
    }
}

/// Writes the index pages of `entries` (sorted), `per_page` to a page, into `dir`, and
/// removes the pages of an earlier, longer index. Returns the number of pages.
pub fn write(
    dir: &Path,
    entries: &[Entry],
    per_page: usize,
    out: &Outputs,
) -> Result<usize, String> {
    let pages: Vec<&[Entry]> = if entries.is_empty() {
        vec![&[]]
    } else {
        entries.chunks(per_page.max(1)).collect()
    };
    let count = pages.len();
    for (i, page) in pages.into_iter().enumerate() {
        let list: Vec<&Value> = page.iter().map(|e| &e.json).collect();
        let mut doc = json!({ "articles": list });
        if i + 1 < count {
            doc["next"] = json!(page_file(i + 1));
        }
        let text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n";
        out.write(&dir.join(page_file(i)), text.as_bytes())?;
    }
    for i in count.. {
        if !super::remove(&dir.join(page_file(i))) {
            break;
        }
    }
    Ok(count)
}
