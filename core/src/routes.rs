//! Pure URL building and parsing for the routes of the contract (docs/content-api.md §6).
//!
//! Every internal link is built here, so a sub-path deploy changes one place.

use crate::model::Site;

/// Reserved first segments that can never be a category.
pub const RESERVED: &[&str] = &["tag", "search"];

/// The page a URL shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Search,
    Tag,
    Article,
    Section,
    /// Not under the app root, or no route matches (the 404 page).
    Other,
}

/// The app's routes, in the order they are tried: `:name` is a segment of any text. The one
/// table the router (`src/lib.rs`, through `src/router.rs`), the code splitting
/// (`src/chunks.rs`, through [`page_kind`]) and the tests read.
pub const ROUTES: [(PageKind, &str); 5] = [
    (PageKind::Home, "/"),
    (PageKind::Search, "/search"),
    (PageKind::Tag, "/tag/:tag"),
    (PageKind::Article, "/:category/:slug"),
    (PageKind::Section, "/:category"),
];

/// A segment of a route's pattern: text to match as it is, or a parameter (`:name`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment {
    Static(&'static str),
    Param(&'static str),
}

/// The segments of the route of `kind` in [`ROUTES`] (none for the front page and for
/// [`PageKind::Other`], which has no route).
pub fn segments(kind: PageKind) -> impl Iterator<Item = Segment> {
    let pattern = ROUTES
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("/", |(_, pattern)| pattern);
    pattern
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| match s.strip_prefix(':') {
            Some(name) => Segment::Param(name),
            None => Segment::Static(s),
        })
}

/// Which page `url` (absolute, or a path with an optional query) shows under `root`: the
/// first of [`ROUTES`] whose segments match its path's.
pub fn page_kind(root: &str, url: &str) -> PageKind {
    let path = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => url,
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let Some(rest) = path.strip_prefix(root.trim_end_matches('/')) else {
        return PageKind::Other;
    };
    if !rest.is_empty() && !rest.starts_with('/') {
        return PageKind::Other;
    }
    let path: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    ROUTES
        .iter()
        .map(|(kind, _)| *kind)
        .find(|kind| {
            segments(*kind).count() == path.len()
                && segments(*kind).zip(&path).all(|(want, have)| match want {
                    Segment::Static(text) => text == *have,
                    Segment::Param(_) => true,
                })
        })
        .unwrap_or(PageKind::Other)
}

/// Joins the app root (`/` or `/news/`) and a path without a leading slash.
pub fn join(root: &str, path: &str) -> String {
    let root = root.trim_end_matches('/');
    let path = path.trim_start_matches('/');
    format!("{root}/{path}")
}

/// `/`.
pub fn home(root: &str) -> String {
    join(root, "")
}

/// `/{category}` (page 1) or `/{category}?page=N`.
pub fn category(root: &str, slug: &str, page: usize) -> String {
    with_page(join(root, slug), page)
}

/// `/{category}/{slug}`.
pub fn article(root: &str, category: &str, slug: &str) -> String {
    join(root, &format!("{category}/{slug}"))
}

/// `/tag/{tag}` (page 1) or `/tag/{tag}?page=N`; the tag is percent-encoded.
pub fn tag(root: &str, tag: &str, page: usize) -> String {
    with_page(join(root, &format!("tag/{}", encode_component(tag))), page)
}

fn with_page(path: String, page: usize) -> String {
    if page > 1 {
        format!("{path}?page={page}")
    } else {
        path
    }
}

/// `?page=N` → N, anything missing or bad → 1.
pub fn parse_page(value: Option<&str>) -> usize {
    value
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&p| (1..=100_000).contains(&p))
        .unwrap_or(1)
}

/// The display name of a category slug: from `site.json`, else the raw slug.
pub fn category_name<'a>(site: &'a Site, slug: &'a str) -> &'a str {
    site.categories
        .iter()
        .find(|c| c.slug == slug)
        .map_or(slug, |c| c.name.as_str())
}

/// Resolves a content URL (`src`, `next`, …) against a base directory URL.
/// Absolute (`https://…`) and root-relative (`/…`) URLs are kept as they are.
pub fn resolve(base: &str, url: &str) -> String {
    if url.starts_with('/') || has_scheme(url) {
        url.to_string()
    } else {
        format!(
            "{}/{}",
            base.trim_end_matches('/'),
            url.trim_start_matches("./")
        )
    }
}

/// A URL from `site.json` (content base, weather): absolute and root-relative URLs are kept,
/// anything else is relative to the app root.
pub fn under_root(root: &str, url: &str) -> String {
    if url.starts_with('/') || has_scheme(url) {
        url.to_string()
    } else {
        join(root, url)
    }
}

/// Whether `url` starts with `scheme:` (letters, digits, `+-.`, before any `/?#`).
pub fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(i) if i > 0 => {
            let scheme = &url[..i];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        _ => false,
    }
}

/// Whether an image URL is safe to put in `src`: http(s) or relative, nothing else.
pub fn is_safe_src(url: &str) -> bool {
    // As a browser reads it: tabs and newlines anywhere are dropped, controls and spaces
    // at the ends trimmed (so `java\tscript:` is seen as `javascript:`).
    let lower: String = url
        .trim_matches(|c: char| c.is_ascii_control() || c == ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    !has_scheme(&lower) || lower.starts_with("http://") || lower.starts_with("https://")
}

/// Resolves every URL of a `srcset` against `base`. Each candidate must be a safe URL with
/// a width or density descriptor; if any is not, the whole attribute is dropped (a data:
/// URL's commas would otherwise split into bogus candidates).
pub fn resolve_srcset(base: &str, srcset: &str) -> Option<String> {
    let parts: Option<Vec<String>> = srcset
        .split(',')
        .map(|candidate| {
            let mut it = candidate.split_whitespace();
            let (url, descriptor) = (it.next()?, it.next()?);
            let number = descriptor
                .strip_suffix(['w', 'x'])?
                .parse::<f32>()
                .ok()
                .filter(|n| *n > 0.0);
            (it.next().is_none() && number.is_some() && is_safe_src(url))
                .then(|| format!("{} {descriptor}", resolve(base, url)))
        })
        .collect();
    parts.filter(|p| !p.is_empty()).map(|p| p.join(", "))
}

/// Percent-encodes a path segment or query value (RFC 3986 unreserved kept).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
