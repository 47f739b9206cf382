//! The WordPress backend's own work: posts kept as articles, its search, popularity and
//! categories.

use super::search::Corpus;
use super::{fetch, load_within, now, wordpress_chunk, Backend, Shared, Source};
use crate::error::AppError;
use crate::model::{decode, Article};
use crate::search::{words, SearchQuery};
use crate::wordpress::{self as wp, WpCategory};
use std::collections::HashMap;
use std::sync::Arc;

impl Source {
    /// Maps WordPress posts to articles and keeps them as loaded. The mapping is a chunk of
    /// its own in the split build (only a WordPress paper loads it), hence the error.
    pub(super) async fn keep_posts(
        &self,
        posts: &[serde_json::Value],
    ) -> Result<Vec<Article>, AppError> {
        let Backend::WordPress { known, popularity } = &self.backend else {
            return Ok(Vec::new());
        };
        let setting = popularity.as_deref().map(wp::Popularity::of);
        let field = match setting {
            Some(wp::Popularity::Field(field)) => Some(field),
            _ => None,
        };
        let mapped = wordpress_chunk::wordpress_articles(posts, known, field).await?;
        let mut cache = self.lock();
        let articles: Vec<Article> = posts
            .iter()
            .zip(mapped)
            .filter_map(|(p, article)| {
                let mut article = article?;
                if let (Some(ranks), Some(id)) = (&cache.wp_popular, p.get("id")) {
                    let rank = id.as_u64().and_then(|id| ranks.get(&id));
                    article.summary.popularity = rank.copied().unwrap_or(0.0);
                }
                Some(article)
            })
            .collect();
        let at = now();
        for a in &articles {
            cache
                .articles
                .insert(a.summary.slug.to_string(), (a.clone(), at));
        }
        Ok(articles)
    }

    pub(super) async fn wordpress_corpus(&self, query: &SearchQuery) -> Result<Corpus, AppError> {
        let mut corpus = Corpus::default();
        if words(&query.q).is_empty() {
            return Ok(corpus);
        }
        let ids: Vec<(String, u64)> = if query.categories.is_empty() {
            Vec::new()
        } else {
            self.wp_categories()
                .await?
                .into_iter()
                .map(|c| (c.category.slug, c.id))
                .collect()
        };
        let mut index = Vec::new();
        for page in 1..=wp::SEARCH_PAGES {
            let Some(url) = wp::search_url(&self.base, query, &ids, page) else {
                break;
            };
            let fetched = fetch::fetch(&url, self.timeout_ms).await?;
            let values: serde_json::Value = decode(&url, &fetched.text)?;
            let posts = wp::post_values(values);
            let count = posts.len() as u32;
            for article in self.keep_posts(&posts).await? {
                corpus
                    .bodies
                    .insert(article.summary.slug.to_string(), article.body_text());
                index.push(article.summary);
            }
            if wp::next_posts_page(&url, count, fetched.total_pages).is_none() {
                break;
            }
            corpus.truncated = page == wp::SEARCH_PAGES;
        }
        corpus.index = Shared(Arc::new(index));
        Ok(corpus)
    }

    /// Loads the popular-posts endpoint once, when `content.popularity` names one. A failure
    /// only costs the ranking: Top news falls back to the most recent posts.
    pub(super) async fn load_popular(&self) {
        let Backend::WordPress {
            popularity: Some(setting),
            ..
        } = &self.backend
        else {
            return;
        };
        let Some(url) = wp::Popularity::of(setting).endpoint_url(&self.base) else {
            return;
        };
        if self.lock().wp_popular.is_some() {
            return;
        }
        let ranks = match load_within::<Vec<serde_json::Value>>(&url, self.timeout_ms).await {
            Ok(values) => wp::popular_ranks(&values),
            Err(e) => {
                leptos::logging::warn!("popular posts: {e}; Top news shows the latest");
                HashMap::new()
            }
        };
        self.lock().wp_popular = Some(ranks);
    }

    /// WordPress's categories, loaded once.
    pub(super) async fn wp_categories(&self) -> Result<Vec<WpCategory>, AppError> {
        if let Some(c) = self.lock().wp_categories.clone() {
            return Ok(c);
        }
        let url = wp::categories_url(&self.base);
        let values: Vec<serde_json::Value> = load_within(&url, self.timeout_ms).await?;
        let categories = wp::categories(&values);
        self.lock().wp_categories = Some(categories.clone());
        Ok(categories)
    }
}
