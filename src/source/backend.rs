//! What differs between the two kinds of content a paper can have: where its index, its
//! articles and its search come from. Static JSON files ([`StaticFiles`], docs/content-api.md
//! §2–3) and a WordPress REST API ([`super::wordpress::WordPress`], §5) implement
//! [`Backend`]; a [`Source`] holds the one `site.json` names ([`Content`]) and never asks
//! which.

use super::search::Corpus;
use super::wordpress::WordPress;
use super::{fetch_text, load_within, next_page_url, Source};
use crate::error::AppError;
use crate::model::{Article, ArticleSummary, IndexPage};
use crate::search::SearchQuery;

/// An index page's entries, and the URL of the next page.
pub(super) type IndexAnswer = (Vec<ArticleSummary>, Option<String>);

pub(super) trait Backend {
    /// The URL of the first index page.
    fn first_index_page(&self, source: &Source) -> String;

    /// The index page at `url`.
    async fn index_page(&self, source: &Source, url: &str) -> Result<IndexAnswer, AppError>;

    /// The article `slug` (a slug), fetched; [`Source::article`] keeps it.
    async fn article(&self, source: &Source, slug: &str) -> Result<Article, AppError>;

    /// What the corpus of `query` depends on: a search loads its corpus again only when
    /// this changes ([`Source::corpus_key`]).
    fn corpus_key(&self, source: &Source, query: &SearchQuery) -> String;

    /// The articles a search for `query` runs over.
    async fn corpus(&self, source: &Source, query: &SearchQuery) -> Result<Corpus, AppError>;

    /// Whether files the publish step writes beside the content (rail files,
    /// `breaking.json`) can be fetched.
    fn has_files(&self) -> bool;
}

/// The backend of a paper, as `site.json` names it. Dispatched here, statically rather than
/// through a `dyn Backend`: a trait object's table would pull every method into the app's
/// main WASM module, the search page's corpus too, which belongs in that page's chunk
/// (25 KB of brotli, measured).
#[derive(Debug)]
pub(super) enum Content {
    Files(StaticFiles),
    WordPress(WordPress),
}

impl Backend for Content {
    fn first_index_page(&self, source: &Source) -> String {
        match self {
            Content::Files(b) => b.first_index_page(source),
            Content::WordPress(b) => b.first_index_page(source),
        }
    }

    async fn index_page(&self, source: &Source, url: &str) -> Result<IndexAnswer, AppError> {
        match self {
            Content::Files(b) => b.index_page(source, url).await,
            Content::WordPress(b) => b.index_page(source, url).await,
        }
    }

    async fn article(&self, source: &Source, slug: &str) -> Result<Article, AppError> {
        match self {
            Content::Files(b) => b.article(source, slug).await,
            Content::WordPress(b) => b.article(source, slug).await,
        }
    }

    fn corpus_key(&self, source: &Source, query: &SearchQuery) -> String {
        match self {
            Content::Files(b) => b.corpus_key(source, query),
            Content::WordPress(b) => b.corpus_key(source, query),
        }
    }

    async fn corpus(&self, source: &Source, query: &SearchQuery) -> Result<Corpus, AppError> {
        match self {
            Content::Files(b) => b.corpus(source, query).await,
            Content::WordPress(b) => b.corpus(source, query).await,
        }
    }

    fn has_files(&self) -> bool {
        match self {
            Content::Files(b) => b.has_files(),
            Content::WordPress(b) => b.has_files(),
        }
    }
}

/// The static JSON files of the contract: `articles.json` and its older pages,
/// `articles/{slug}.json`, and the body-search index under `search/`.
#[derive(Debug)]
pub(super) struct StaticFiles;

impl Backend for StaticFiles {
    fn first_index_page(&self, source: &Source) -> String {
        source.url("articles.json")
    }

    async fn index_page(&self, source: &Source, url: &str) -> Result<IndexAnswer, AppError> {
        let page: IndexPage = load_within(url, source.timeout_ms).await?;
        Ok((page.articles, next_page_url(url, page.next)))
    }

    async fn article(&self, source: &Source, slug: &str) -> Result<Article, AppError> {
        let url = source.url(&format!("articles/{slug}.json"));
        let text = fetch_text(&url, source.timeout_ms).await?;
        source.article_from_file(slug, &text)
    }

    fn corpus_key(&self, source: &Source, query: &SearchQuery) -> String {
        source.files_corpus_key(query)
    }

    async fn corpus(&self, source: &Source, query: &SearchQuery) -> Result<Corpus, AppError> {
        source.files_corpus(query).await
    }

    fn has_files(&self) -> bool {
        true
    }
}
