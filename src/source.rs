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

pub use fetch::{fetch_text, set_native_root};

/// Fetches `url` and decodes it as `T`.
pub async fn load<T: serde::de::DeserializeOwned>(url: &str) -> Result<T, AppError> {
    let text = fetch_text(url).await?;
    decode(url, &text)
}

/// Loads `site.json` from the app root.
pub async fn load_site(root: &str) -> Result<Site, AppError> {
    load(&join(root, "site.json")).await
}

/// The content of one site, with what has been loaded so far.
#[derive(Clone, Debug)]
pub struct Source {
    /// Absolute or root-relative URL of the content directory (`/api`).
    base: String,
    state: Arc<Mutex<Cache>>,
}

#[derive(Debug, Default)]
struct Cache {
    /// The index pages loaded so far, in order.
    summaries: Vec<ArticleSummary>,
    /// URL of the next index page; `None` once the last page is in.
    next: Option<String>,
    started: bool,
    articles: HashMap<String, Article>,
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
        let base = if site.content.base.starts_with('/')
            || crate::routes::has_scheme(&site.content.base)
        {
            site.content.base.clone()
        } else {
            join(root, &site.content.base)
        };
        Ok(Source {
            base: base.trim_end_matches('/').to_string(),
            state: Arc::default(),
        })
    }

    /// Resolves a content-relative URL (an image `src`) against the content base.
    pub fn url(&self, path: &str) -> String {
        resolve(&self.base, path)
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
                let cache = self.lock();
                if cache.started && (cache.next.is_none() || enough(&cache.summaries)) {
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
            let page: IndexPage = load(&url).await?;
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
            let dir = url.rsplit_once('/').map_or("", |(d, _)| d).to_string();
            cache.started = true;
            cache.next = page.next.map(|n| resolve(&dir, &n));
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

    /// One article by slug. A missing file is [`AppError::NotFound`].
    pub async fn article(&self, slug: &str) -> Result<Article, AppError> {
        if let Some(a) = self.lock().articles.get(slug) {
            return Ok(a.clone());
        }
        if !crate::model::is_slug(slug) {
            return Err(AppError::NotFound { url: slug.into() });
        }
        let url = self.url(&format!("articles/{slug}.json"));
        let article: Article = load(&url).await?;
        if *article.summary.slug != *slug {
            return Err(AppError::Decode {
                url,
                path: "slug".into(),
                message: format!("the file says its slug is `{}`", &*article.summary.slug),
            });
        }
        self.lock()
            .articles
            .insert(slug.to_string(), article.clone());
        Ok(article)
    }
}

/// Loads the masthead weather from `url` (relative to the app root, or absolute).
pub async fn load_weather(root: &str, url: &str) -> Result<Weather, AppError> {
    let url = if url.starts_with('/') || crate::routes::has_scheme(url) {
        url.to_string()
    } else {
        join(root, url)
    };
    load(&url).await
}
