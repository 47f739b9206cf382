//! What a search runs over: the index with the body hits of its search index, the bodies of
//! a small paper without one, or WordPress's own search.

use super::backend::Backend;
use super::{load_within, Shared, Source};
use crate::error::AppError;
use crate::model::ArticleSummary;
use crate::search::{words, Folded, SearchQuery};
use crate::search_index::{self as si, BodyHits};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// How many article files body search fetches at once.
pub const BODY_FETCHES_AT_ONCE: usize = 6;

/// Without a search index, bodies are searched by fetching article files, up to this
/// many articles; a larger paper searches titles and standfirsts only.
pub const BODY_SEARCH_LIMIT: usize = 300;

/// The corpus key of a static search over the index alone (no body words).
const INDEX_ONLY: &str = "index";

/// What a search runs over: index entries and, when bodies are searched, their text.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Corpus {
    pub index: Shared<Vec<ArticleSummary>>,
    /// The word ids of `index` ([`Folded::new`]), made once per version of the index
    /// (empty after deserialising: the search then makes them).
    #[serde(skip)]
    pub folded: Shared<Folded>,
    /// Body text by slug, when the query searches bodies and the paper is small enough.
    pub bodies: HashMap<String, String>,
    /// The query asked for bodies but the paper is too large to search them without an index.
    pub bodies_skipped: bool,
    /// The server found more candidates than were read (the most matching are shown).
    pub truncated: bool,
    /// What the search index says of the bodies (doc id = position in `index`), when the
    /// paper has a usable one; `bodies` is then empty.
    pub indexed: Option<BodyHits>,
    /// [`Source::corpus_key`] of the query this corpus was loaded for: a view showing
    /// another query must not rank it with this corpus.
    pub key: String,
}

/// The whole index as a search reads it: shared, folded, fingerprinted once.
#[derive(Clone, Debug)]
pub(super) struct SearchView {
    index: Shared<Vec<ArticleSummary>>,
    folded: Shared<Folded>,
}

/// Whether the paper has a body-search index, as far as this session knows.
#[derive(Debug, Default)]
enum IndexState {
    #[default]
    Unknown,
    /// No index, or one this app cannot use (missing, damaged, stale, another version).
    Absent,
    Present(Arc<si::Meta>),
}

#[derive(Debug, Default)]
pub(super) struct SearchIndexCache {
    state: IndexState,
    shards: HashMap<usize, si::Shard>,
    positions: HashMap<(usize, usize), si::Positions>,
}

/// Whether an error loading a search-index file means the index is unusable for the
/// session (a 404, a damaged file), rather than a passing network failure.
fn index_is_broken(e: &AppError) -> bool {
    match e {
        AppError::NotFound { .. } | AppError::Decode { .. } | AppError::Unsupported(_) => true,
        AppError::Http { status, .. } => *status < 500,
        AppError::Offline { .. } | AppError::Network { .. } | AppError::Timeout { .. } => false,
    }
}

impl Source {
    /// Whether the corpus of `key` ([`Source::corpus_key`]) needs no request beyond the index
    /// a search page has loaded: the index alone, or no query for WordPress.
    pub fn corpus_is_local(key: &str) -> bool {
        key == INDEX_ONLY || key.is_empty()
    }

    /// What the corpus of `query` depends on: a search reloads only when this changes
    /// (static: whether bodies are needed; WordPress: the server query).
    pub fn corpus_key(&self, query: &SearchQuery) -> String {
        self.backend.corpus_key(self, query)
    }

    /// The articles a search for `query` runs over: the static index with the body hits of
    /// its search index (or, without one, the bodies of a small paper), or what WordPress's
    /// own search returns for it (with bodies).
    pub async fn corpus(&self, query: &SearchQuery) -> Result<Corpus, AppError> {
        self.backend.corpus(self, query).await
    }

    /// [`Source::corpus_key`] of static files: whether bodies are needed, and with a search
    /// index, the words.
    pub(super) fn files_corpus_key(&self, query: &SearchQuery) -> String {
        let terms = words(&query.q);
        if !query.fields.body || terms.is_empty() {
            return INDEX_ONLY.into();
        }
        // Without an index every body is loaded once and any query runs over them;
        // with one, the body hits depend on the words.
        if matches!(self.lock().search.state, IndexState::Absent) {
            return "index+bodies".into();
        }
        let exact = if query.exact { "exact:" } else { "" };
        format!("index+terms:{exact}{}", terms.join(" "))
    }

    /// [`Source::corpus`] of static files.
    pub(super) async fn files_corpus(&self, query: &SearchQuery) -> Result<Corpus, AppError> {
        let key = self.files_corpus_key(query);
        let view = self.search_view().await?;
        let terms = words(&query.q);
        let wants_bodies = query.fields.body && !terms.is_empty();
        if wants_bodies {
            if let Some(hits) = self
                .indexed_body_hits(&view.index, &terms, query.exact)
                .await
            {
                return Ok(Corpus {
                    index: view.index,
                    folded: view.folded,
                    indexed: Some(hits),
                    key,
                    ..Corpus::default()
                });
            }
        }
        let index = view.index.clone();
        let mut corpus = Corpus {
            bodies_skipped: wants_bodies && index.len() > BODY_SEARCH_LIMIT,
            ..Corpus::default()
        };
        if wants_bodies && !corpus.bodies_skipped {
            let slugs = index.iter().map(|a| a.slug.to_string()).collect();
            corpus.bodies = self.body_texts(slugs).await.into_iter().collect();
        }
        corpus.index = view.index;
        corpus.folded = view.folded;
        corpus.key = key;
        Ok(corpus)
    }

    /// The whole index (every page loaded), prepared for searching once per version of it.
    pub(super) async fn search_view(&self) -> Result<SearchView, AppError> {
        self.load_index(|_| false).await?;
        let index = {
            let cache = self.lock();
            if let Some(view) = &cache.view {
                return Ok(view.clone());
            }
            cache.summaries.clone()
        };
        let folded = Folded::new(&index);
        let view = SearchView {
            index: Shared(Arc::new(index)),
            folded: Shared(Arc::new(folded)),
        };
        self.lock().view = Some(view.clone());
        Ok(view)
    }

    /// The body hits of `terms` from the search index, when the paper has one that
    /// describes `index`; `None` (logged) means searching without it.
    pub(super) async fn indexed_body_hits(
        &self,
        index: &[ArticleSummary],
        terms: &[String],
        exact: bool,
    ) -> Option<BodyHits> {
        let meta = self.search_meta().await?;
        if !meta.describes(index.iter().rev().map(|a| &*a.slug)) {
            leptos::logging::warn!(
                "the search index was built for other articles than the index pages list (stale); searching without it"
            );
            self.lock().search.state = IndexState::Absent;
            return None;
        }
        match self.index_answer(&meta, terms, exact).await {
            Ok(hits) => Some(hits.into_positions(meta.docs)),
            Err(e) => {
                leptos::logging::warn!("search index: {e}; searching without it");
                if index_is_broken(&e) {
                    self.lock().search.state = IndexState::Absent;
                }
                None
            }
        }
    }

    /// `search/meta.json`, loaded once; `None` when there is no usable index.
    pub(super) async fn search_meta(&self) -> Option<Arc<si::Meta>> {
        match &self.lock().search.state {
            IndexState::Present(meta) => return Some(meta.clone()),
            IndexState::Absent => return None,
            IndexState::Unknown => {}
        }
        let url = self.url("search/meta.json");
        let (state, meta) = match load_within::<si::Meta>(&url, self.timeout_ms).await {
            Ok(meta) => match meta.problem() {
                Some(problem) => {
                    leptos::logging::warn!("{url}: {problem}; searching without the index");
                    (IndexState::Absent, None)
                }
                None => {
                    let meta = Arc::new(meta);
                    (IndexState::Present(meta.clone()), Some(meta))
                }
            },
            Err(AppError::NotFound { .. }) => {
                leptos::logging::log!("no search index ({url}): bodies are searched without it");
                (IndexState::Absent, None)
            }
            Err(e) => {
                leptos::logging::warn!("search index: {e}; searching without it");
                if !index_is_broken(&e) {
                    return None;
                }
                (IndexState::Absent, None)
            }
        };
        self.lock().search.state = state;
        meta
    }

    /// Answers `terms` from the index, fetching the shards (and, for a phrase, the
    /// positions files) it lacks, [`BODY_FETCHES_AT_ONCE`] at a time.
    pub(super) async fn index_answer(
        &self,
        meta: &si::Meta,
        terms: &[String],
        exact: bool,
    ) -> Result<BodyHits, AppError> {
        use futures::stream::{self, StreamExt, TryStreamExt};
        let missing = |m: si::Missing| AppError::NotFound {
            url: self.url(&format!("search/{}", m.0)),
        };
        let wanted: Vec<usize> = {
            let cache = self.lock();
            si::shards_needed(meta, terms)
                .into_iter()
                .filter(|i| !cache.search.shards.contains_key(i))
                .collect()
        };
        let loaded: Vec<(usize, si::Shard)> = stream::iter(wanted)
            .map(|i| async move {
                let url = self.url(&format!("search/{}", si::shard_file(i, meta.shards)));
                Ok::<_, AppError>((i, load_within(&url, self.timeout_ms).await?))
            })
            .buffer_unordered(BODY_FETCHES_AT_ONCE)
            .try_collect()
            .await?;
        let wanted = {
            let mut cache = self.lock();
            cache.search.shards.extend(loaded);
            si::positions_needed(meta, &cache.search.shards, terms, exact)
                .map_err(missing)?
                .into_iter()
                .filter(|k| !cache.search.positions.contains_key(k))
                .collect::<Vec<_>>()
        };
        let loaded: Vec<((usize, usize), si::Positions)> = stream::iter(wanted)
            .map(|(s, b)| async move {
                let url = self.url(&format!("search/{}", si::positions_file(meta, s, b)));
                Ok::<_, AppError>(((s, b), load_within(&url, self.timeout_ms).await?))
            })
            .buffer_unordered(BODY_FETCHES_AT_ONCE)
            .try_collect()
            .await?;
        let mut cache = self.lock();
        cache.search.positions.extend(loaded);
        si::body_hits(
            meta,
            &cache.search.shards,
            &cache.search.positions,
            terms,
            exact,
        )
        .map_err(missing)
    }
}
