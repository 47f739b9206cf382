//! The index: its pages loaded as far as a view needs, cached, revalidated in the background.

use super::backend::Backend;
use super::{now, spawn_background, stale, Source};
use crate::error::AppError;
use crate::model::ArticleSummary;

impl Source {
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
                    (_, false) => self.backend.first_index_page(self),
                    (Some(next), true) => next.clone(),
                    (None, true) => unreachable!("returned above"),
                }
            };
            if seen.contains(&url) {
                self.lock().next = None;
                return Ok(());
            }
            let (articles, next) = self.backend.index_page(self, &url).await?;
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
            let url = source.backend.first_index_page(&source);
            let Ok((articles, next)) = source.backend.index_page(&source, &url).await else {
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
