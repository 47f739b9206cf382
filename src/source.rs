//! The one place content is loaded: `site.json`, the index, articles, the weather.
//!
//! Pages ask a [`Source`] for data; components never fetch. Loaded files are cached, so
//! Back/Forward and revisits reuse them. The static source reads the JSON of the contract;
//! a WordPress source will sit behind the same methods.

mod fetch;

use crate::error::AppError;
use crate::model::{decode, Article, ArticleSummary, ContentKind, IndexPage, Site, Weather};
use crate::routes::{join, resolve};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub use fetch::{fetch_text, set_native_root, DEFAULT_TIMEOUT_MS};

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

/// Loads `site.json` from the app root.
pub async fn load_site(root: &str) -> Result<Site, AppError> {
    load(&join(root, "site.json")).await
}

/// How many article files body search fetches at once.
pub const BODY_FETCHES_AT_ONCE: usize = 6;

/// Without a search index, bodies are searched by fetching article files, up to this
/// many articles; a larger paper searches titles and standfirsts only.
pub const BODY_SEARCH_LIMIT: usize = 300;

/// Cached content older than this is revalidated in the background when it is reused.
const REVALIDATE_AFTER_MS: i64 = 60_000;

/// The content of one site, with what has been loaded so far.
#[derive(Clone, Debug)]
pub struct Source {
    /// Absolute or root-relative URL of the content directory (`/api`).
    base: String,
    timeout_ms: u32,
    state: Arc<Mutex<Cache>>,
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
}

impl Source {
    /// The source `site` describes, for an app served from `root`.
    pub fn new(root: &str, site: &Site) -> Result<Source, AppError> {
        match site.content.kind {
            ContentKind::Static => {}
            ContentKind::Wordpress => {
                return Err(AppError::Unsupported(
                    "site.json asks for WordPress content, which this build cannot read yet".into(),
                ))
            }
        }
        let base = crate::routes::under_root(root, &site.content.base);
        Ok(Source {
            base: base.trim_end_matches('/').to_string(),
            timeout_ms: site.request_timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS).max(1),
            state: Arc::default(),
        })
    }

    /// Resolves a content-relative URL (an image `src`) against the content base.
    pub fn url(&self, path: &str) -> String {
        resolve(&self.base, path)
    }

    /// Resolves every URL of an image `srcset` against the content base.
    pub fn srcset(&self, srcset: &str) -> Option<String> {
        crate::routes::resolve_srcset(&self.base, srcset)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Cache> {
        // A poisoned lock only means a panic elsewhere; the cache itself is still usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The index, loading further pages until `enough` says so or the last page is in.
    pub async fn index_until(
        &self,
        enough: impl Fn(&[ArticleSummary]) -> bool,
    ) -> Result<Vec<ArticleSummary>, AppError> {
        // Guards against a `next` chain that loops back on itself.
        let mut seen = Vec::new();
        loop {
            let url = {
                let mut cache = self.lock();
                if cache.started && (cache.next.is_none() || enough(&cache.summaries)) {
                    if stale(cache.index_loaded_at) {
                        cache.index_loaded_at = now();
                        self.revalidate_index();
                    }
                    return Ok(cache.summaries.clone());
                }
                match (&cache.next, cache.started) {
                    (_, false) => self.url("articles.json"),
                    (Some(next), true) => next.clone(),
                    (None, true) => unreachable!("returned above"),
                }
            };
            if seen.contains(&url) {
                let mut cache = self.lock();
                cache.next = None;
                return Ok(cache.summaries.clone());
            }
            let page: IndexPage = load_within(&url, self.timeout_ms).await?;
            seen.push(url.clone());
            let mut cache = self.lock();
            // Another view may have loaded this page while we waited.
            let expected = if cache.started {
                cache.next.as_deref()
            } else {
                None
            };
            if cache.started && expected != Some(url.as_str()) {
                continue;
            }
            if !cache.started {
                cache.index_loaded_at = now();
            }
            cache.started = true;
            cache.next = next_page_url(&url, page.next);
            for a in page.articles {
                if !cache.summaries.iter().any(|s| s.slug == a.slug) {
                    cache.summaries.push(a);
                }
            }
        }
    }

    /// The first page of the index: the latest articles.
    pub async fn latest(&self) -> Result<Vec<ArticleSummary>, AppError> {
        self.index_until(|_| true).await
    }

    /// The body text of each article (by slug) that loads, fetching at most
    /// [`BODY_FETCHES_AT_ONCE`] at a time; cached like any article. Failures are left out.
    pub async fn body_texts(&self, slugs: Vec<String>) -> Vec<(String, String)> {
        use futures::stream::{self, StreamExt};
        stream::iter(slugs)
            .map(|slug| async move {
                let text = self.article(&slug).await.ok()?.body_text();
                Some((slug, text))
            })
            .buffer_unordered(BODY_FETCHES_AT_ONCE)
            .filter_map(|x| async move { x })
            .collect()
            .await
    }

    /// One article by slug. A missing file is [`AppError::NotFound`]. A cached article is
    /// answered at once (and revalidated in the background when it is old).
    pub async fn article(&self, slug: &str) -> Result<Article, AppError> {
        if let Some((a, loaded_at)) = self.lock().articles.get_mut(slug) {
            if stale(*loaded_at) {
                *loaded_at = now();
                let (source, slug) = (self.clone(), slug.to_string());
                spawn_background(async move {
                    if source.fetch_article(&slug).await.is_err() {
                        leptos::logging::warn!("revalidating {slug} failed; kept the cached copy");
                    }
                });
            }
            return Ok(a.clone());
        }
        self.fetch_article(slug).await
    }

    async fn fetch_article(&self, slug: &str) -> Result<Article, AppError> {
        if !crate::model::is_slug(slug) {
            return Err(AppError::NotFound { url: slug.into() });
        }
        let url = self.url(&format!("articles/{slug}.json"));
        let article: Article = load_within(&url, self.timeout_ms).await?;
        if *article.summary.slug != *slug {
            return Err(AppError::Decode {
                url,
                path: "slug".into(),
                message: format!("the file says its slug is `{}`", &*article.summary.slug),
            });
        }
        self.lock()
            .articles
            .insert(slug.to_string(), (article.clone(), now()));
        Ok(article)
    }

    /// Reloads the first index page; when the newest articles changed, the cached index is
    /// replaced by it, so the next view shows what was published meanwhile.
    fn revalidate_index(&self) {
        let source = self.clone();
        spawn_background(async move {
            let url = source.url("articles.json");
            let Ok(page) = load_within::<IndexPage>(&url, source.timeout_ms).await else {
                return;
            };
            let mut cache = source.lock();
            let unchanged = page
                .articles
                .iter()
                .zip(&cache.summaries)
                .all(|(new, old)| new == old);
            if !unchanged || page.articles.len() > cache.summaries.len() {
                cache.next = next_page_url(&url, page.next);
                cache.summaries = page.articles;
            }
        });
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

/// Loads the masthead weather from `url` (relative to the app root, or absolute).
pub async fn load_weather(root: &str, url: &str) -> Result<Weather, AppError> {
    load(&crate::routes::under_root(root, url)).await
}
