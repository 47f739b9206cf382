//! The one place content is loaded: `site.json`, the index, articles, the weather.
//!
//! Pages ask a [`Source`] for data; components never fetch. Loaded files are cached, so
//! Back/Forward and revisits reuse them. Two backends sit behind one trait
//! (`backend::Backend`): the static JSON of the contract (docs/content-api.md §2–3) and a
//! WordPress REST API (§5, [`crate::wordpress`]); pages never know which one they read.
//!
//! One file a job: [`Source`] and its cache here; `backend` (the trait, and the static
//! files), `wordpress` (the WordPress backend), `site` (site.json, the words, the weather),
//! `index` (the index pages), `articles`, `search` (what a search runs over), `fetch` (the
//! browser's `fetch`, or files natively).

mod articles;
mod backend;
mod fetch;
mod index;
mod search;
mod site;
mod wordpress;
mod wordpress_chunk;

use crate::error::AppError;
use crate::model::{decode, Article, ArticleSummary, ContentKind, Site};
use crate::routes::resolve;
use backend::Backend;
use search::{SearchIndexCache, SearchView};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[cfg(not(target_arch = "wasm32"))]
pub use fetch::set_native_url_root;
pub use fetch::{fetch_fresh, fetch_text, set_native_root, sleep, DEFAULT_TIMEOUT_MS};
pub use search::{Corpus, BODY_FETCHES_AT_ONCE, BODY_SEARCH_LIMIT};
pub use site::{load_site, load_weather, load_words};

/// Fetches `url` and decodes it as `T`, with the default timeout.
pub async fn load<T: serde::de::DeserializeOwned>(url: &str) -> Result<T, AppError> {
    load_within(url, DEFAULT_TIMEOUT_MS).await
}

async fn load_within<T: serde::de::DeserializeOwned>(
    url: &str,
    timeout_ms: u32,
) -> Result<T, AppError> {
    let text = fetch_text(url, timeout_ms).await?;
    decode(url, &text)
}

/// Cached content older than this is revalidated in the background when it is reused.
const REVALIDATE_AFTER_MS: i64 = 60_000;

/// The content of one site, with what has been loaded so far.
#[derive(Clone, Debug)]
pub struct Source {
    /// Absolute or root-relative URL of the content directory (`/api`), or the WordPress
    /// REST root (`https://site/wp-json`, `https://site/?rest_route=`).
    base: String,
    timeout_ms: u32,
    backend: Arc<backend::Content>,
    state: Arc<Mutex<Cache>>,
}

/// A value shared, not copied, between the source's cache and the views that read it
/// (the 10 000 entries of a large paper's index are read on every keystroke of a search).
/// Serialised as the value itself.
#[derive(Debug, Default)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(|v| Shared(Arc::new(v)))
    }
}

#[derive(Debug, Default)]
struct Cache {
    /// The index pages loaded so far, in order.
    summaries: Vec<ArticleSummary>,
    /// URL of the next index page; `None` once the last page is in.
    next: Option<String>,
    started: bool,
    /// When the first index page was loaded (ms since the epoch).
    index_loaded_at: i64,
    /// Articles with the time they were loaded.
    articles: HashMap<String, (Article, i64)>,
    /// The body-search index (`{base}/search/`) and the files of it loaded so far.
    search: SearchIndexCache,
    /// The whole index prepared for searching, until the index changes.
    view: Option<SearchView>,
}

impl Source {
    /// The source `site` describes, for an app served from `root`.
    pub fn new(root: &str, site: &Site) -> Result<Source, AppError> {
        let backend = Arc::new(match site.content.kind {
            ContentKind::Static => backend::Content::Files(backend::StaticFiles),
            ContentKind::Wordpress => backend::Content::WordPress(wordpress::WordPress::new(site)),
        });
        let base = crate::routes::under_root(root, &site.content.base);
        Ok(Source {
            base: base.trim_end_matches('/').to_string(),
            timeout_ms: site.request_timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS).max(1),
            backend,
            state: Arc::default(),
        })
    }

    /// Resolves a content-relative URL (an image `src`) against the content base.
    pub fn url(&self, path: &str) -> String {
        resolve(&self.base, path)
    }

    /// The URL of a file beside the static content: a rail file the publish step writes
    /// (`rails/…`, see [`crate::model::RailFile`]), `breaking.json`. Static papers only.
    pub fn static_url(&self, file: &str) -> Option<String> {
        self.backend.has_files().then(|| self.url(file))
    }

    /// Resolves every URL of an image `srcset` against the content base.
    pub fn srcset(&self, srcset: &str) -> Option<String> {
        crate::routes::resolve_srcset(&self.base, srcset)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Cache> {
        // A poisoned lock only means a panic elsewhere; the cache itself is still usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The URL of the index page after the one at `page_url` (its `next` is relative to it).
fn next_page_url(page_url: &str, next: Option<String>) -> Option<String> {
    let dir = page_url.rsplit_once('/').map_or("", |(d, _)| d);
    next.map(|n| resolve(dir, &n))
}

fn now() -> i64 {
    crate::intl::now_millis()
}

fn stale(loaded_at: i64) -> bool {
    now() - loaded_at > REVALIDATE_AFTER_MS
}

/// Runs `f` without blocking the caller: in the browser as a task; natively (tests, the
/// prerender step) revalidation is pointless, since files do not change under a run.
fn spawn_background(f: impl std::future::Future<Output = ()> + 'static) {
    #[cfg(target_arch = "wasm32")]
    leptos::task::spawn_local(f);
    #[cfg(not(target_arch = "wasm32"))]
    drop(f);
}
