//! The WordPress backend (docs/content-api.md §5): posts kept as articles, its search,
//! popularity and categories.

use super::backend::{Backend, IndexAnswer};
use super::search::Corpus;
use super::{fetch, load_within, now, wordpress_chunk, Shared, Source};
use crate::error::AppError;
use crate::model::{decode, Article, Category, Site};
use crate::search::{words, SearchQuery};
use crate::wordpress::{self as wp, WpCategory};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// A WordPress REST API as a paper's content.
#[derive(Debug)]
pub(super) struct WordPress {
    /// The site's categories (a post in several is filed under the first known one).
    known: Arc<[Category]>,
    /// Where "Top news" reads a post's popularity (`content.popularity`).
    popularity: Option<Arc<str>>,
    /// WordPress's categories (ids for a search's category filter), once loaded.
    categories: Mutex<Option<Vec<WpCategory>>>,
    /// Popularity by post id from a popular-posts endpoint (`content.popularity`), once
    /// asked for (empty when it failed: Top news is then the most recent).
    popular: Mutex<Option<HashMap<u64, f64>>>,
}

/// A lock whose holder panicked is still usable: what it guards is a cache.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Backend for WordPress {
    fn first_index_page(&self, source: &Source) -> String {
        wp::posts_page(&source.base, 1)
    }

    /// WordPress pages carry their posts' bodies, which are kept as loaded articles.
    async fn index_page(&self, source: &Source, url: &str) -> Result<IndexAnswer, AppError> {
        let fetched = match fetch::fetch(url, source.timeout_ms).await {
            // A page past the end (the paper shrank meanwhile) is WordPress's 400.
            Err(AppError::Http { status: 400, .. }) if !url.ends_with("page=1") => {
                return Ok((Vec::new(), None))
            }
            other => other?,
        };
        let values: serde_json::Value = decode(url, &fetched.text)?;
        let posts = wp::post_values(values);
        let count = posts.len() as u32;
        self.load_popular(source).await;
        let articles = self.keep_posts(source, &posts).await?;
        let next = wp::next_posts_page(url, count, fetched.total_pages);
        Ok((articles.into_iter().map(|a| a.summary).collect(), next))
    }

    async fn article(&self, source: &Source, slug: &str) -> Result<Article, AppError> {
        let url = wp::post_url(&source.base, slug);
        let values: serde_json::Value = load_within(&url, source.timeout_ms).await?;
        self.keep_posts(source, &wp::post_values(values))
            .await?
            .into_iter()
            .find(|a| *a.summary.slug == *slug)
            .ok_or(AppError::NotFound { url })
    }

    /// The server query: WordPress searches, the app ranks what it returns.
    fn corpus_key(&self, _: &Source, query: &SearchQuery) -> String {
        if words(&query.q).is_empty() {
            return String::new();
        }
        SearchQuery {
            page: 1,
            exact: false,
            ..query.clone()
        }
        .to_query_string()
    }

    async fn corpus(&self, source: &Source, query: &SearchQuery) -> Result<Corpus, AppError> {
        let mut corpus = Corpus {
            key: self.corpus_key(source, query),
            ..Corpus::default()
        };
        if words(&query.q).is_empty() {
            return Ok(corpus);
        }
        let ids: Vec<(String, u64)> = if query.categories.is_empty() {
            Vec::new()
        } else {
            self.categories(source)
                .await?
                .into_iter()
                .map(|c| (c.category.slug, c.id))
                .collect()
        };
        let mut index = Vec::new();
        for page in 1..=wp::SEARCH_PAGES {
            let Some(url) = wp::search_url(&source.base, query, &ids, page) else {
                break;
            };
            let fetched = fetch::fetch(&url, source.timeout_ms).await?;
            let values: serde_json::Value = decode(&url, &fetched.text)?;
            let posts = wp::post_values(values);
            let count = posts.len() as u32;
            for article in self.keep_posts(source, &posts).await? {
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

    fn has_files(&self) -> bool {
        false
    }
}

impl WordPress {
    pub(super) fn new(site: &Site) -> WordPress {
        WordPress {
            known: site.categories.clone().into(),
            popularity: site.content.popularity.as_deref().map(Arc::from),
            categories: Mutex::default(),
            popular: Mutex::default(),
        }
    }

    /// Maps WordPress posts to articles and keeps them as loaded. The mapping is a chunk of
    /// its own in the split build (only a WordPress paper loads it), hence the error.
    async fn keep_posts(
        &self,
        source: &Source,
        posts: &[serde_json::Value],
    ) -> Result<Vec<Article>, AppError> {
        let setting = self.popularity.as_deref().map(wp::Popularity::of);
        let field = match setting {
            Some(wp::Popularity::Field(field)) => Some(field),
            _ => None,
        };
        let mapped = wordpress_chunk::wordpress_articles(posts, &self.known, field).await?;
        let ranks = lock(&self.popular);
        let articles: Vec<Article> = posts
            .iter()
            .zip(mapped)
            .filter_map(|(p, article)| {
                let mut article = article?;
                if let (Some(ranks), Some(id)) = (&*ranks, p.get("id")) {
                    let rank = id.as_u64().and_then(|id| ranks.get(&id));
                    article.summary.popularity = rank.copied().unwrap_or(0.0);
                }
                Some(article)
            })
            .collect();
        drop(ranks);
        let at = now();
        let mut cache = source.lock();
        for a in &articles {
            cache
                .articles
                .insert(a.summary.slug.to_string(), (a.clone(), at));
        }
        Ok(articles)
    }

    /// Loads the popular-posts endpoint once, when `content.popularity` names one. A failure
    /// only costs the ranking: Top news falls back to the most recent posts.
    async fn load_popular(&self, source: &Source) {
        let Some(setting) = &self.popularity else {
            return;
        };
        let Some(url) = wp::Popularity::of(setting).endpoint_url(&source.base) else {
            return;
        };
        if lock(&self.popular).is_some() {
            return;
        }
        let ranks = match load_within::<Vec<serde_json::Value>>(&url, source.timeout_ms).await {
            Ok(values) => wp::popular_ranks(&values),
            Err(e) => {
                leptos::logging::warn!("popular posts: {e}; Top news shows the latest");
                HashMap::new()
            }
        };
        *lock(&self.popular) = Some(ranks);
    }

    /// WordPress's categories, loaded once.
    async fn categories(&self, source: &Source) -> Result<Vec<WpCategory>, AppError> {
        if let Some(c) = lock(&self.categories).clone() {
            return Ok(c);
        }
        let url = wp::categories_url(&source.base);
        let values: Vec<serde_json::Value> = load_within(&url, source.timeout_ms).await?;
        let categories = wp::categories(&values);
        *lock(&self.categories) = Some(categories.clone());
        Ok(categories)
    }
}
