//! What differs between the two kinds of content a paper can have: where its index, its
//! articles and its search come from. Static JSON files ([`StaticFiles`], docs/content-api.md
//! §2–3) and a WordPress REST API ([`super::wordpress::WordPress`], §5) implement
//! [`Backend`]; a [`Source`] holds one, chosen once from `site.json`, and never asks which.

use super::search::Corpus;
use super::{fetch_text, load_within, next_page_url, Source};
use crate::error::AppError;
use crate::model::{Article, ArticleSummary, IndexPage};
use crate::search::SearchQuery;
use futures::future::{FutureExt, LocalBoxFuture};

/// What a backend answers, later: boxed, so that a [`Source`] holds either backend behind
/// one pointer.
pub(super) type Answer<'a, T> = LocalBoxFuture<'a, Result<T, AppError>>;

/// An index page's entries, and the URL of the next page.
pub(super) type IndexAnswer = (Vec<ArticleSummary>, Option<String>);

pub(super) trait Backend: std::fmt::Debug + Send + Sync {
    /// The URL of the first index page.
    fn first_index_page(&self, source: &Source) -> String;

    /// The index page at `url`.
    fn index_page<'a>(&'a self, source: &'a Source, url: &'a str) -> Answer<'a, IndexAnswer>;

    /// The article `slug` (a slug), fetched; [`Source::article`] keeps it.
    fn article<'a>(&'a self, source: &'a Source, slug: &'a str) -> Answer<'a, Article>;

    /// What the corpus of `query` depends on: a search loads its corpus again only when
    /// this changes ([`Source::corpus_key`]).
    fn corpus_key(&self, source: &Source, query: &SearchQuery) -> String;

    /// The articles a search for `query` runs over.
    fn corpus<'a>(&'a self, source: &'a Source, query: &'a SearchQuery) -> Answer<'a, Corpus>;

    /// Whether files the publish step writes beside the content (rail files,
    /// `breaking.json`) can be fetched.
    fn has_files(&self) -> bool;
}

/// The static JSON files of the contract: `articles.json` and its older pages,
/// `articles/{slug}.json`, and the body-search index under `search/`.
#[derive(Debug)]
pub(super) struct StaticFiles;

impl Backend for StaticFiles {
    fn first_index_page(&self, source: &Source) -> String {
        source.url("articles.json")
    }

    fn index_page<'a>(&'a self, source: &'a Source, url: &'a str) -> Answer<'a, IndexAnswer> {
        async move {
            let page: IndexPage = load_within(url, source.timeout_ms).await?;
            Ok((page.articles, next_page_url(url, page.next)))
        }
        .boxed_local()
    }

    fn article<'a>(&'a self, source: &'a Source, slug: &'a str) -> Answer<'a, Article> {
        async move {
            let url = source.url(&format!("articles/{slug}.json"));
            let text = fetch_text(&url, source.timeout_ms).await?;
            source.article_from_file(slug, &text)
        }
        .boxed_local()
    }

    fn corpus_key(&self, source: &Source, query: &SearchQuery) -> String {
        source.files_corpus_key(query)
    }

    fn corpus<'a>(&'a self, source: &'a Source, query: &'a SearchQuery) -> Answer<'a, Corpus> {
        source.files_corpus(query).boxed_local()
    }

    fn has_files(&self) -> bool {
        true
    }
}
