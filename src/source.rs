//! The one place content is loaded: `site.json`, the index, articles, the weather.
//!
//! Pages ask a [`Source`] for data; components never fetch. Loaded files are cached, so
//! Back/Forward and revisits reuse them. Two backends sit behind the same methods: the
//! static JSON of the contract (docs/content-api.md §2–3) and a WordPress REST API (§5, [`crate::wordpress`]);
//! pages never know which one they read.

mod fetch;
mod wordpress_chunk;

use crate::error::AppError;
use crate::model::{
    decode, Article, ArticleSummary, Category, ContentKind, IndexPage, OlderUpdates, Site, Weather,
};
use crate::routes::{join, resolve};
use crate::search::{words, Folded, SearchQuery};
use crate::search_index::{self as si, BodyHits};
use crate::wordpress::{self as wp, WpCategory};
use crate::words::Words;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[cfg(not(target_arch = "wasm32"))]
pub use fetch::set_native_url_root;
pub use fetch::{fetch_fresh, fetch_text, set_native_root, sleep, DEFAULT_TIMEOUT_MS};

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

/// Loads `site.json` from the app root. A WordPress site that lists no categories gets
/// WordPress's own (the most used first) as its navigation.
pub async fn load_site(root: &str) -> Result<Site, AppError> {
    let mut site: Site = load(&join(root, "site.json")).await?;
    if site.content.kind == ContentKind::Wordpress && site.categories.is_empty() {
        let base = crate::routes::under_root(root, &site.content.base);
        match load::<Vec<serde_json::Value>>(&wp::categories_url(&base)).await {
            Ok(values) => {
                site.categories = wp::categories(&values)
                    .into_iter()
                    .map(|c| c.category)
                    .filter(|c| !crate::routes::RESERVED.contains(&c.slug.as_str()))
                    .collect()
            }
            Err(e) => leptos::logging::warn!("WordPress categories: {e}; no navigation"),
        }
    }
    Ok(site)
}

/// The interface words of `site` ([`crate::words`]): its language's table (bundled natively;
/// in the browser fetched from `i18n/<language>.json` beside the app, so a reader loads one
/// language) under the site's `strings`. A table that cannot be loaded leaves English, with a
/// warning: words are never a reason not to show the paper.
pub async fn load_words(root: &str, site: &Site) -> Arc<Words> {
    // The publish step renders a hundred thousand pages of one site: its words are made once.
    #[cfg(not(target_arch = "wasm32"))]
    {
        thread_local! {
            static MADE: std::cell::RefCell<Option<(Site, Arc<Words>)>> = const { std::cell::RefCell::new(None) };
        }
        if let Some(words) = MADE.with(|m| {
            m.borrow()
                .as_ref()
                .filter(|(made_for, _)| {
                    made_for.locale == site.locale && made_for.strings == site.strings
                })
                .map(|(_, words)| words.clone())
        }) {
            return words;
        }
        let words = make_words(root, site).await;
        MADE.with(|m| *m.borrow_mut() = Some((site.clone(), words.clone())));
        words
    }
    #[cfg(target_arch = "wasm32")]
    make_words(root, site).await
}

async fn make_words(root: &str, site: &Site) -> Arc<Words> {
    let language = crate::words::language(&site.locale);
    let table = if crate::words::has_table(&language) {
        words_table(root, &language).await
    } else {
        None
    };
    let (words, warning) = Words::new(&site.locale, table.as_deref(), &site.strings);
    if let Some(warning) = warning {
        leptos::logging::warn!("{warning}");
    }
    Arc::new(words)
}

#[cfg(not(target_arch = "wasm32"))]
async fn words_table(_root: &str, language: &str) -> Option<String> {
    crate::words::bundled(language).map(str::to_string)
}

#[cfg(target_arch = "wasm32")]
async fn words_table(root: &str, language: &str) -> Option<String> {
    let url = join(root, &format!("i18n/{language}.json"));
    fetch_text(&url, DEFAULT_TIMEOUT_MS)
        .await
        .map_err(|e| leptos::logging::warn!("{e}: the interface words are English"))
        .ok()
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
    /// Absolute or root-relative URL of the content directory (`/api`), or the WordPress
    /// REST root (`https://site/wp-json`, `https://site/?rest_route=`).
    base: String,
    timeout_ms: u32,
    backend: Backend,
    state: Arc<Mutex<Cache>>,
}

#[derive(Clone, Debug)]
enum Backend {
    Static,
    WordPress {
        /// The site's categories (a post in several is filed under the first known one).
        known: Arc<[Category]>,
        /// Where "Top news" reads a post's popularity (`content.popularity`).
        popularity: Option<Arc<str>>,
    },
}

/// The corpus key of a static search over the index alone (no body words).
const INDEX_ONLY: &str = "index";

/// A value shared, not copied, between the source's cache and the views that read it
/// (the 10 000 entries of a large paper's index are read on every keystroke of a search).
/// Serialised as the value itself.
#[derive(Debug, Default)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(|v| Shared(Arc::new(v)))
    }
}

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
    /// WordPress categories (ids for a search's category filter), once loaded.
    wp_categories: Option<Vec<WpCategory>>,
    /// Popularity by post id from a popular-posts endpoint (`content.popularity`), once
    /// asked for (empty when it failed: Top news is then the most recent).
    wp_popular: Option<HashMap<u64, f64>>,
    /// The body-search index (`{base}/search/`) and the files of it loaded so far.
    search: SearchIndexCache,
    /// The whole index prepared for searching, until the index changes.
    view: Option<SearchView>,
}

/// The whole index as a search reads it: shared, folded, fingerprinted once.
#[derive(Clone, Debug)]
struct SearchView {
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
struct SearchIndexCache {
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
    /// The source `site` describes, for an app served from `root`.
    pub fn new(root: &str, site: &Site) -> Result<Source, AppError> {
        let backend = match site.content.kind {
            ContentKind::Static => Backend::Static,
            ContentKind::Wordpress => Backend::WordPress {
                known: site.categories.clone().into(),
                popularity: site.content.popularity.as_deref().map(Arc::from),
            },
        };
        let base = crate::routes::under_root(root, &site.content.base);
        Ok(Source {
            base: base.trim_end_matches('/').to_string(),
            timeout_ms: site.request_timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS).max(1),
            backend,
            state: Arc::default(),
        })
    }

    /// The URL of the first index page.
    fn first_index_page(&self) -> String {
        match &self.backend {
            Backend::Static => self.url("articles.json"),
            Backend::WordPress { .. } => wp::posts_page(&self.base, 1),
        }
    }

    /// Loads the index page at `url`: its entries and the URL of the next page. WordPress
    /// pages carry their posts' bodies, which are kept as loaded articles.
    async fn index_page(
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

    /// Maps WordPress posts to articles and keeps them as loaded. The mapping is a chunk of
    /// its own in the split build (only a WordPress paper loads it), hence the error.
    async fn keep_posts(&self, posts: &[serde_json::Value]) -> Result<Vec<Article>, AppError> {
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

    /// Resolves a content-relative URL (an image `src`) against the content base.
    pub fn url(&self, path: &str) -> String {
        resolve(&self.base, path)
    }

    /// The URL of a file beside the static content: a rail file the publish step writes
    /// (`rails/…`, see [`crate::model::RailFile`]), `breaking.json`. Static papers only.
    pub fn static_url(&self, file: &str) -> Option<String> {
        matches!(self.backend, Backend::Static).then(|| self.url(file))
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
        self.load_index(enough).await?;
        Ok(self.lock().summaries.clone())
    }

    /// Loads index pages until `enough` says so or the last page is in.
    async fn load_index(&self, enough: impl Fn(&[ArticleSummary]) -> bool) -> Result<(), AppError> {
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
        if let Backend::WordPress { .. } = self.backend {
            let url = wp::post_url(&self.base, slug);
            let values: serde_json::Value = load_within(&url, self.timeout_ms).await?;
            return self
                .keep_posts(&wp::post_values(values))
                .await?
                .into_iter()
                .find(|a| *a.summary.slug == *slug)
                .ok_or(AppError::NotFound { url });
        }
        let text = fetch_text(&self.url(&format!("articles/{slug}.json")), self.timeout_ms).await?;
        self.article_from_file(slug, &text)
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

    /// Reloads the first index page; when the newest articles changed, the cached index is
    /// replaced by it, so the next view shows what was published meanwhile.
    fn revalidate_index(&self) {
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

    /// Whether the corpus of `key` ([`Source::corpus_key`]) needs no request beyond the index
    /// a search page has loaded: the index alone, or no query for WordPress.
    pub fn corpus_is_local(key: &str) -> bool {
        key == INDEX_ONLY || key.is_empty()
    }

    /// What the corpus of `query` depends on: a search reloads only when this changes
    /// (static: whether bodies are needed; WordPress: the server query).
    pub fn corpus_key(&self, query: &SearchQuery) -> String {
        match self.backend {
            Backend::Static => {
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
            Backend::WordPress { .. } => {
                let server_side = SearchQuery {
                    page: 1,
                    exact: false,
                    ..query.clone()
                };
                if words(&query.q).is_empty() {
                    return String::new();
                }
                server_side.to_query_string()
            }
        }
    }

    /// The articles a search for `query` runs over: the static index with the body hits of
    /// its search index (or, without one, the bodies of a small paper), or what WordPress's
    /// own search returns for it (with bodies).
    pub async fn corpus(&self, query: &SearchQuery) -> Result<Corpus, AppError> {
        let key = self.corpus_key(query);
        if let Backend::WordPress { .. } = self.backend {
            return Ok(Corpus {
                key,
                ..self.wordpress_corpus(query).await?
            });
        }
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
    async fn search_view(&self) -> Result<SearchView, AppError> {
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
    async fn indexed_body_hits(
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
    async fn search_meta(&self) -> Option<Arc<si::Meta>> {
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
    async fn index_answer(
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

    async fn wordpress_corpus(&self, query: &SearchQuery) -> Result<Corpus, AppError> {
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
    async fn load_popular(&self) {
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
    async fn wp_categories(&self) -> Result<Vec<WpCategory>, AppError> {
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
