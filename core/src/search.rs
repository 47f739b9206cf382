//! Pure search: the filters of `/search` ⇄ the query string, normalisation, matching, ranking.

use crate::model::ArticleSummary;
use crate::routes::encode_component;
pub use crate::text::{normalize, word_spans, words};

/// Result order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

impl Sort {
    /// The value in the query string.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
        }
    }

    fn parse(s: &str) -> Sort {
        match s {
            "newest" => Sort::Newest,
            "oldest" => Sort::Oldest,
            _ => Sort::Relevance,
        }
    }
}

/// Where to look for the words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fields {
    pub title: bool,
    pub standfirst: bool,
    pub body: bool,
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            title: true,
            standfirst: true,
            body: true,
        }
    }
}

/// Every filter of the search page; the URL holds all of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchQuery {
    pub q: String,
    pub exact: bool,
    pub fields: Fields,
    pub categories: Vec<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
    pub sort: Sort,
    pub page: usize,
}

fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

impl SearchQuery {
    /// Reads the filters from query-string pairs; unknown keys and bad values are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> SearchQuery {
        let mut q = SearchQuery {
            page: 1,
            ..SearchQuery::default()
        };
        let (mut fields, mut categories) = (Vec::new(), Vec::new());
        for (key, value) in pairs {
            let list = || value.split(',').map(str::trim).filter(|s| !s.is_empty());
            match key {
                "q" => q.q = value.chars().take(200).collect(),
                "exact" => q.exact = matches!(value, "1" | "true" | "on"),
                // Both `in=title,body` and a form's repeated `in=title&in=body`.
                "in" => fields.extend(list()),
                "category" => categories.extend(list().filter(|s| crate::model::is_slug(s))),
                "from" if valid_date(value) => q.from = Some(value.into()),
                "to" if valid_date(value) => q.to = Some(value.into()),
                "sort" => q.sort = Sort::parse(value),
                "page" => q.page = crate::routes::parse_page(Some(value)),
                _ => {}
            }
        }
        let chosen = Fields {
            title: fields.contains(&"title"),
            standfirst: fields.contains(&"standfirst"),
            body: fields.contains(&"body"),
        };
        if chosen.title || chosen.standfirst || chosen.body {
            q.fields = chosen;
        }
        for c in categories {
            if !q.categories.iter().any(|k| k == c) {
                q.categories.push(c.to_string());
            }
        }
        q
    }

    /// The query string (without `?`) that restores these filters; defaults are left out.
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if !self.q.is_empty() {
            parts.push(format!("q={}", encode_component(&self.q)));
        }
        if self.exact {
            parts.push("exact=1".into());
        }
        if self.fields != Fields::default() {
            let f = self.fields;
            let names: Vec<&str> = [
                (f.title, "title"),
                (f.standfirst, "standfirst"),
                (f.body, "body"),
            ]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, n)| *n)
            .collect();
            parts.push(format!("in={}", names.join(",")));
        }
        if !self.categories.is_empty() {
            parts.push(format!("category={}", self.categories.join(",")));
        }
        if let Some(from) = &self.from {
            parts.push(format!("from={from}"));
        }
        if let Some(to) = &self.to {
            parts.push(format!("to={to}"));
        }
        if self.sort != Sort::Relevance {
            parts.push(format!("sort={}", self.sort.as_str()));
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        parts.join("&")
    }
}

/// Byte ranges of `text` that match: each query word, or each whole phrase when `exact`.
fn hits(text: &str, terms: &[String], exact: bool) -> Vec<(usize, usize)> {
    let spans = word_spans(text);
    if terms.is_empty() {
        return Vec::new();
    }
    if exact {
        spans
            .windows(terms.len())
            .filter(|w| w.iter().zip(terms).all(|((_, _, a), b)| a == b))
            .map(|w| (w[0].0, w[w.len() - 1].1))
            .collect()
    } else {
        spans
            .iter()
            .filter(|(_, _, w)| terms.contains(w))
            .map(|(s, e, _)| (*s, *e))
            .collect()
    }
}

/// `text` cut into pieces, each marked `true` where it matches the query (for `<mark>`).
pub fn highlight(text: &str, terms: &[String], exact: bool) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e) in hits(text, terms, exact) {
        if s < at {
            continue; // overlapping phrase matches
        }
        if s > at {
            out.push((text[at..s].to_string(), false));
        }
        out.push((text[s..e].to_string(), true));
        at = e;
    }
    if at < text.len() || out.is_empty() {
        out.push((text[at..].to_string(), false));
    }
    out
}

/// About `radius` characters of `text` either side of its first match, with "…" where
/// it was cut and " · " between blocks; `None` without a match.
pub fn snippet(text: &str, terms: &[String], exact: bool, radius: usize) -> Option<String> {
    let (s, e) = *hits(text, terms, exact).first()?;
    let start = text[..s]
        .char_indices()
        .rev()
        .nth(radius)
        .map_or(0, |(i, _)| i);
    let end = text[e..]
        .char_indices()
        .nth(radius)
        .map_or(text.len(), |(i, _)| e + i);
    // Cut at word boundaries.
    let start = if start == 0 {
        0
    } else {
        text[start..s].find(' ').map_or(start, |i| start + i + 1)
    };
    let end = if end == text.len() {
        end
    } else {
        text[e..end].rfind(' ').map_or(end, |i| e + i)
    };
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    // Blocks are separate lines in a body text; in one line of results they need a mark.
    out.push_str(&text[start..end].trim().replace('\n', " · "));
    if end < text.len() {
        out.push('…');
    }
    Some(out)
}

/// Whether `hay` holds every word of `terms` (any order), or the exact phrase when `exact`.
pub fn text_matches(hay: &str, terms: &[String], exact: bool) -> bool {
    if terms.is_empty() {
        return false;
    }
    let hay = words(hay);
    if exact {
        hay.windows(terms.len()).any(|w| w == terms)
    } else {
        terms.iter().all(|t| hay.contains(t))
    }
}

/// What the search knows of an article's body.
#[derive(Clone, Copy, Debug)]
pub enum Body<'a> {
    /// Not searched: not loaded, or not asked for.
    Unknown,
    /// The body text, scanned.
    Text(&'a str),
    /// Answered by the search index: doc `doc` of these hits.
    Indexed {
        hits: &'a crate::search_index::BodyHits,
        doc: u32,
    },
}

impl<'a> From<Option<&'a str>> for Body<'a> {
    fn from(text: Option<&'a str>) -> Self {
        text.map_or(Body::Unknown, Body::Text)
    }
}

/// Whether `a` passes the category and date filters of `query`.
pub fn passes_filters(a: &ArticleSummary, query: &SearchQuery) -> bool {
    if !query.categories.is_empty() && !query.categories.contains(&a.category) {
        return false;
    }
    let date = a.published.text.get(..10).unwrap_or("");
    !(query.from.as_deref().is_some_and(|from| date < from)
        || query.to.as_deref().is_some_and(|to| date > to))
}

/// Relevance of one article: 3 for a title hit, 2 for standfirst, 1 for body (whole
/// query in that field). `None` when the article does not match the filters.
pub fn score(a: &ArticleSummary, query: &SearchQuery, body: Option<&str>) -> Option<u32> {
    score_body(a, query, body.into())
}

/// [`score`], with the body scanned or looked up in the search index.
pub fn score_body(a: &ArticleSummary, query: &SearchQuery, body: Body<'_>) -> Option<u32> {
    if !passes_filters(a, query) {
        return None;
    }
    let folded = Folded::new(std::slice::from_ref(a));
    let needles = Needles::new(words(&query.q), query.exact, &folded);
    let (title, standfirst) = &folded.fields[0];
    score_terms((title, standfirst), query, &needles, body)
}

/// The titles and standfirsts of an index as word ids, made once ([`Folded::new`]) and
/// searched on every keystroke: a query word that is in no title or standfirst is known at
/// once, and matching compares numbers, with no allocation per article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Folded {
    /// Every normalised word of the titles and standfirsts, with its id.
    vocabulary: std::collections::HashMap<String, u32>,
    /// Per entry of the index: the word ids of its title and of its standfirst.
    fields: Vec<(Vec<u32>, Vec<u32>)>,
}

impl Folded {
    /// The word ids of every entry of `list`.
    pub fn new(list: &[ArticleSummary]) -> Folded {
        let mut vocabulary = std::collections::HashMap::new();
        let mut ids = |text: &str| -> Vec<u32> {
            word_spans(text)
                .into_iter()
                .map(|(_, _, w)| {
                    let next = vocabulary.len() as u32;
                    *vocabulary.entry(w).or_insert(next)
                })
                .collect()
        };
        let fields = list
            .iter()
            .map(|a| (ids(&a.title), ids(a.standfirst.as_deref().unwrap_or(""))))
            .collect();
        Folded { vocabulary, fields }
    }

    /// How many entries it describes.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether it describes no entry.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}

/// A query ready to match word ids.
struct Needles {
    terms: Vec<String>,
    /// Each term's id, `None` when no title or standfirst has it.
    ids: Vec<Option<u32>>,
    /// Every term's id, when they all have one (else no title or standfirst matches).
    all: Option<Vec<u32>>,
    exact: bool,
}

impl Needles {
    fn new(terms: Vec<String>, exact: bool, folded: &Folded) -> Needles {
        let ids = terms
            .iter()
            .map(|t| folded.vocabulary.get(t).copied())
            .collect::<Vec<_>>();
        let all = ids.iter().copied().collect::<Option<Vec<u32>>>();
        Needles {
            terms,
            ids,
            all,
            exact,
        }
    }

    /// Whether the field of word ids `hay` matches the whole query (like [`text_matches`]).
    fn matches(&self, hay: &[u32]) -> bool {
        let Some(ids) = &self.all else {
            return false;
        };
        !ids.is_empty()
            && if self.exact {
                hay.windows(ids.len()).any(|w| w == ids.as_slice())
            } else {
                ids.iter().all(|i| hay.contains(i))
            }
    }
}

fn score_terms(
    fields: (&[u32], &[u32]),
    query: &SearchQuery,
    needles: &Needles,
    body: Body<'_>,
) -> Option<u32> {
    if needles.terms.is_empty() {
        return Some(0);
    }
    let f = query.fields;
    let title = if f.title { fields.0 } else { &[] };
    let standfirst = if f.standfirst { fields.1 } else { &[] };
    let body_words = match body {
        Body::Text(t) if f.body => words(t),
        _ => Vec::new(),
    };
    let body_hit = f.body
        && match body {
            Body::Unknown => false,
            Body::Text(_) => {
                let terms = &needles.terms;
                if needles.exact {
                    body_words.windows(terms.len()).any(|w| w == terms)
                } else {
                    terms.iter().all(|t| body_words.contains(t))
                }
            }
            Body::Indexed { hits, doc } => hits.matches(doc),
        };
    let total = 3 * u32::from(needles.matches(title))
        + 2 * u32::from(needles.matches(standfirst))
        + u32::from(body_hit);
    if total > 0 {
        return Some(total);
    }
    // Without a phrase search, words may be spread over title, standfirst and body.
    let spread = !query.exact
        && needles.terms.iter().zip(&needles.ids).all(|(t, id)| {
            id.is_some_and(|id| title.contains(&id) || standfirst.contains(&id))
                || body_words.contains(t)
                || (f.body && matches!(body, Body::Indexed { hits, doc } if hits.has(t, doc)))
        });
    spread.then_some(1)
}

/// Filters and orders `list` by `query`; `body_of` gives an article's body text when known.
pub fn run<'a>(
    list: &'a [ArticleSummary],
    query: &SearchQuery,
    body_of: impl Fn(&str) -> Option<&'a str>,
) -> Vec<&'a ArticleSummary> {
    run_with(list, &Folded::default(), query, |_, a| {
        body_of(&a.slug).into()
    })
    .into_iter()
    .map(|(_, a)| a)
    .collect()
}

/// [`run`], with what is known of each body given by its position in `list` (its doc id
/// in the search index) and its entry; each hit with its position in `list`. `folded` is
/// [`Folded::new`] of `list`, made once (anything else: made here).
pub fn run_with<'a, 'b>(
    list: &'a [ArticleSummary],
    folded: &Folded,
    query: &SearchQuery,
    body_of: impl Fn(usize, &'a ArticleSummary) -> Body<'b>,
) -> Vec<(usize, &'a ArticleSummary)> {
    let made;
    let folded = if folded.len() == list.len() {
        folded
    } else {
        made = Folded::new(list);
        &made
    };
    let needles = Needles::new(words(&query.q), query.exact, folded);
    let mut hits: Vec<(u32, usize, &ArticleSummary)> = list
        .iter()
        .zip(&folded.fields)
        .enumerate()
        .filter(|(_, (a, _))| passes_filters(a, query))
        .filter_map(|(i, (a, (title, standfirst)))| {
            score_terms((title, standfirst), query, &needles, body_of(i, a)).map(|s| (s, i, a))
        })
        .collect();
    match query.sort {
        Sort::Relevance => {
            hits.sort_by(|(sa, _, a), (sb, _, b)| sb.cmp(sa).then(b.published.cmp(&a.published)))
        }
        Sort::Newest => hits.sort_by(|(_, _, a), (_, _, b)| b.published.cmp(&a.published)),
        Sort::Oldest => hits.sort_by(|(_, _, a), (_, _, b)| a.published.cmp(&b.published)),
    }
    hits.into_iter().map(|(_, i, a)| (i, a)).collect()
}
