//! The index: its pages loaded as far as a view needs, cached, revalidated in the background.

use super::{fetch, load_within, next_page_url, now, spawn_background, stale, Backend, Source};
use crate::error::AppError;
use crate::model::{decode, ArticleSummary, IndexPage};
use crate::wordpress as wp;

impl Source {
    /// The URL of the first index page.
    pub(super) fn first_index_page(&self) -> String {
        match &self.backend {
            Backend::Static => self.url("articles.json"),
            Backend::WordPress { .. } => wp::posts_page(&self.base, 1),
        }
    }

    /// Loads the index page at `url`: its entries and the URL of the next page. WordPress
    /// pages carry their posts' bodies, which are kept as loaded articles.
    pub(super) async fn index_page(
        &self,
        url: &str,
    ) -> Result<(Vec<ArticleSummary>, Option<String>), AppError> {
        match &self.backend {
            Backend::Static => {
                let page: IndexPage = load_within(url, self.timeout_ms).await?;
                Ok((page.articles, next_page_url(url, page.next)))
            }
            Backend::WordPress { .. } => {
                let fetched = match fetch::fetch(url, self.timeout_ms).await {
                    // A page past the end (the paper shrank meanwhile) is WordPress's 400.
                    Err(AppError::Http { status: 400, .. }) if !url.ends_with("page=1") => {
                        return Ok((Vec::new(), None))
                    }
                    other => other?,
                };
                let values: serde_json::Value = decode(url, &fetched.text)?;
                let posts = wp::post_values(values);
                let count = posts.len() as u32;
                self.load_popular().await;
                let articles = self.keep_posts(&posts).await?;
                let next = wp::next_posts_page(url, count, fetched.total_pages);
                Ok((articles.into_iter().map(|a| a.summary).collect(), next))
            }
        }
    }

    /// The index, loading further pages until `enough` says so or the last page is in.
    pub async fn index_until(
        &self,
        enough: impl Fn(&[ArticleSummary]) -> bool,
    ) -> Result<Vec<ArticleSummary>, AppError> {
        self.load_index(enough).await?;
        Ok(self.lock().summaries.clone())
    }

    /// Loads index pages until `enough` says so or the last page is in.
    pub(super) async fn load_index(
        &self,
        enough: impl Fn(&[ArticleSummary]) -> bool,
    ) -> Result<(), AppError> {
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
                    return Ok(());
                }
                match (&cache.next, cache.started) {
                    (_, false) => self.first_index_page(),
                    (Some(next), true) => next.clone(),
                    (None, true) => unreachable!("returned above"),
                }
            };
            if seen.contains(&url) {
                self.lock().next = None;
                return Ok(());
            }
            let (articles, next) = self.index_page(&url).await?;
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
            cache.next = next;
            cache.view = None;
            for a in articles {
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

    /// Reloads the first index page; when the newest articles changed, the cached index is
    /// replaced by it, so the next view shows what was published meanwhile.
    pub(super) fn revalidate_index(&self) {
        let source = self.clone();
        spawn_background(async move {
            let url = source.first_index_page();
            let Ok((articles, next)) = source.index_page(&url).await else {
                return;
            };
            let mut cache = source.lock();
            let unchanged = articles
                .iter()
                .zip(&cache.summaries)
                .all(|(new, old)| new == old);
            if !unchanged || articles.len() > cache.summaries.len() {
                cache.view = None;
                cache.next = next;
                cache.summaries = articles;
            }
        });
    }
}
