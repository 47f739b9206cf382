//! Articles: loaded by slug and cached, a live page's file polled, its older updates.

use super::backend::Backend;
use super::search::BODY_FETCHES_AT_ONCE;
use super::{fetch_fresh, load_within, now, spawn_background, stale, Source};
use crate::error::AppError;
use crate::model::{decode, Article, OlderUpdates};

impl Source {
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

    pub(super) async fn fetch_article(&self, slug: &str) -> Result<Article, AppError> {
        if !crate::model::is_slug(slug) {
            return Err(AppError::NotFound { url: slug.into() });
        }
        self.backend.article(self, slug).await
    }

    /// A live page's article file as the server has it now ([`fetch_fresh`]): its text, for
    /// the poll to compare with the last one before decoding it.
    pub async fn poll_article(&self, slug: &str) -> Result<String, AppError> {
        fetch_fresh(&self.url(&format!("articles/{slug}.json")), self.timeout_ms).await
    }

    /// The article of `slug` from its file's text (fetched, or a poll's answer), checked:
    /// the file must say it is that article. The cached copy is replaced by it.
    pub fn article_from_file(&self, slug: &str, text: &str) -> Result<Article, AppError> {
        let url = self.url(&format!("articles/{slug}.json"));
        let article: Article = decode(&url, text)?;
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

    /// A page of older updates of a live page (`live.older`: a file name beside the article
    /// files; anything else is refused, so content cannot point the reader's browser
    /// elsewhere).
    pub async fn older_updates(&self, file: &str) -> Result<OlderUpdates, AppError> {
        let url = self.url(&format!("articles/{file}"));
        let named_right = file
            .strip_suffix(".json")
            .is_some_and(crate::model::is_slug);
        if !named_right {
            return Err(AppError::Decode {
                url,
                path: "live.older".into(),
                message: "not the name of a file beside the article files".into(),
            });
        }
        load_within(&url, self.timeout_ms).await
    }
}
