//! The WordPress REST API (`wp/v2`, docs/content-api.md §5) mapped onto the content model.
//!
//! Pure: no leptos, no web-sys. Posts are read field by field from JSON values, so a post
//! with a missing `_embedded` part, an empty excerpt or an odd field still maps (a post
//! without a usable date is the only one left out). Every `*.rendered` string is HTML and
//! goes through the sanitizer ([`crate::html`]); titles and excerpts become plain text,
//! bodies become typed blocks.

use crate::format::{civil_from_millis, parse_rfc3339};
use crate::html::{self, Attr, Node, Tag};
use crate::model::{is_slug, Article, ArticleSummary, Block, Category, Image, Slug, Timestamp};
use crate::routes::encode_component;
use crate::search::{words, SearchQuery, Sort};
use serde_json::Value;
use std::collections::HashSet;

/// Posts per page of the index (each comes with its body, so a click opens it at once).
pub const INDEX_PER_PAGE: u32 = 20;
/// Posts per page of a search: the most WordPress answers.
pub const SEARCH_PER_PAGE: u32 = 100;
/// Pages of search results read at most; the search page says when there are more.
pub const SEARCH_PAGES: u32 = 3;

/// Picture size when WordPress does not say (it nearly always does): a 3:2 box.
const FALLBACK_SIZE: (u32, u32) = (1200, 800);

/// The URL of `route` (`/wp/v2/posts`) under a REST root with query `params`. Both root
/// styles work: `https://site/wp-json` and `https://site/?rest_route=` (the latter for
/// sites without pretty permalinks).
pub fn endpoint(root: &str, route: &str, params: &[(&str, String)]) -> String {
    let root = root.trim_end_matches('/');
    let mut url = if root.contains("rest_route=") {
        format!("{root}{route}")
    } else {
        format!("{root}{route}?")
    };
    for (i, (key, value)) in params.iter().enumerate() {
        if i > 0 || root.contains("rest_route=") {
            url.push('&');
        }
        url.push_str(key);
        url.push('=');
        url.push_str(&encode_component(value));
    }
    url.strip_suffix('?').map(str::to_string).unwrap_or(url)
}

/// One page of posts with their embedded author, terms and featured image.
pub fn posts_page(root: &str, page: u32) -> String {
    endpoint(
        root,
        "/wp/v2/posts",
        &[
            ("_embed", "1".into()),
            ("per_page", INDEX_PER_PAGE.to_string()),
            ("page", page.to_string()),
        ],
    )
}

/// The page after the one at `url` (a posts query with `page` and `per_page`), from the
/// answer's `X-WP-TotalPages` when it has one, else from whether the page was full.
pub fn next_posts_page(url: &str, count: u32, total_pages: Option<u32>) -> Option<String> {
    let (at, page) = number_param(url, "page")?;
    let more = match total_pages {
        Some(total) => page < total,
        None => number_param(url, "per_page").is_some_and(|(_, per)| count >= per && count > 0),
    };
    more.then(|| format!("{}{}{}", &url[..at.start], page + 1, &url[at.end..]))
}

/// The byte range and value of the numeric query parameter `name` in `url`.
fn number_param(url: &str, name: &str) -> Option<(std::ops::Range<usize>, u32)> {
    let mut from = 0;
    while let Some(i) = url[from..].find(name) {
        let start = from + i;
        from = start + name.len();
        let before = url[..start].chars().next_back();
        if !matches!(before, Some('?' | '&')) || !url[from..].starts_with('=') {
            continue;
        }
        let digits = &url[from + 1..];
        let len = digits.bytes().take_while(u8::is_ascii_digit).count();
        let value = digits[..len].parse().ok()?;
        return Some((from + 1..from + 1 + len, value));
    }
    None
}

/// The post with `slug`, or with id `slug` when it is all digits (see [`slug_of`]).
pub fn post_url(root: &str, slug: &str) -> String {
    if slug.bytes().all(|b| b.is_ascii_digit()) {
        endpoint(
            root,
            &format!("/wp/v2/posts/{slug}"),
            &[("_embed", "1".into())],
        )
    } else {
        endpoint(
            root,
            "/wp/v2/posts",
            &[("_embed", "1".into()), ("slug", slug.into())],
        )
    }
}

/// Every category with posts, the most used first (the navigation when `site.json` lists
/// none, and the ids the category filter of a search needs).
pub fn categories_url(root: &str) -> String {
    endpoint(
        root,
        "/wp/v2/categories",
        &[
            ("per_page", "100".into()),
            ("orderby", "count".into()),
            ("order", "desc".into()),
            ("hide_empty", "true".into()),
        ],
    )
}

/// A WordPress category: its id and the model's category.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WpCategory {
    pub id: u64,
    pub category: Category,
}

/// Maps the answer of [`categories_url`]; entries without an id or slug are skipped.
pub fn categories(values: &[Value]) -> Vec<WpCategory> {
    values
        .iter()
        .filter_map(|c| {
            let id = c.get("id")?.as_u64()?;
            let slug = c.get("slug")?.as_str()?.to_string();
            let name = plain(c.get("name").and_then(Value::as_str).unwrap_or(&slug));
            Some(WpCategory {
                id,
                category: Category { slug, name },
            })
        })
        .collect()
}

/// The query of one page of a server-side search. WordPress matches words anywhere (title,
/// excerpt, content, as substrings): a superset of what the reader asked, which
/// [`crate::search::run`] then narrows to whole words, fields, the exact phrase and the
/// dates, and ranks. `None` when no post can match (a category WordPress does not have).
pub fn search_url(
    root: &str,
    query: &SearchQuery,
    category_ids: &[(String, u64)],
    page: u32,
) -> Option<String> {
    let mut params = vec![
        ("_embed", "1".to_string()),
        ("per_page", SEARCH_PER_PAGE.to_string()),
        ("page", page.to_string()),
    ];
    let terms = words(&query.q);
    if !terms.is_empty() {
        params.push(("search", terms.join(" ")));
    }
    // WordPress 6.2+ narrows the columns; older versions ignore the parameter. A standfirst
    // may be an excerpt generated from the content, so it searches both.
    let f = query.fields;
    let every_field = f.title && f.standfirst && f.body;
    if !terms.is_empty() && !every_field {
        let mut columns = Vec::new();
        if f.title {
            columns.push("post_title");
        }
        if f.standfirst {
            columns.push("post_excerpt");
        }
        if f.standfirst || f.body {
            columns.push("post_content");
        }
        params.push(("search_columns", columns.join(",")));
    }
    if !query.categories.is_empty() {
        let ids: Vec<String> = query
            .categories
            .iter()
            .filter_map(|slug| category_ids.iter().find(|(s, _)| s == slug))
            .map(|(_, id)| id.to_string())
            .collect();
        if ids.is_empty() {
            return None;
        }
        params.push(("categories", ids.join(",")));
    }
    // A day's margin each side: WordPress compares in the site's zone, the filter in the
    // article's own date; the client-side filter is exact.
    const DAY: i64 = 86_400_000;
    if let Some(from) = query.from.as_deref().and_then(|d| day_shifted(d, -DAY)) {
        params.push(("after", from));
    }
    if let Some(to) = query.to.as_deref().and_then(|d| day_shifted(d, 2 * DAY)) {
        params.push(("before", to));
    }
    let (orderby, order) = match query.sort {
        Sort::Relevance if !terms.is_empty() => ("relevance", "desc"),
        Sort::Oldest => ("date", "asc"),
        _ => ("date", "desc"),
    };
    params.push(("orderby", orderby.into()));
    params.push(("order", order.into()));
    Some(endpoint(root, "/wp/v2/posts", &params))
}

/// `YYYY-MM-DD` moved by `by` milliseconds, as a WordPress date-time `YYYY-MM-DDT00:00:00`.
fn day_shifted(date: &str, by: i64) -> Option<String> {
    let millis = parse_rfc3339(&format!("{date}T00:00:00Z"))? + by;
    let (y, m, d, _, _) = civil_from_millis(millis);
    Some(format!("{y:04}-{m:02}-{d:02}T00:00:00"))
}

/// The posts of an answer: a JSON array (a single post answers as an object).
pub fn post_values(value: Value) -> Vec<Value> {
    match value {
        Value::Array(posts) => posts,
        post @ Value::Object(_) => vec![post],
        _ => Vec::new(),
    }
}

/// Where "Top news" reads a post's popularity: a dotted path into the post's JSON, such as
/// `meta.popularity` (a registered post meta) or `views` (a plugin's field).
pub type PopularityField<'a> = Option<&'a str>;

/// What `content.popularity` names: a field of each post, or a popular-posts endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Popularity<'a> {
    /// A dotted path into each post's JSON (`meta.popularity`).
    Field(&'a str),
    /// A URL (absolute, or a route under the REST root such as
    /// `/wordpress-popular-posts/v1/popular-posts`) answering an array of posts, most
    /// popular first; only their `id`s are read.
    Endpoint(&'a str),
}

impl<'a> Popularity<'a> {
    /// Reads the setting: a URL or a route starting with `/` is an endpoint.
    pub fn of(setting: &'a str) -> Popularity<'a> {
        let s = setting.trim();
        if s.starts_with('/') || s.starts_with("http://") || s.starts_with("https://") {
            Popularity::Endpoint(s)
        } else {
            Popularity::Field(s)
        }
    }

    /// The endpoint's URL under the REST root `root`.
    pub fn endpoint_url(self, root: &str) -> Option<String> {
        match self {
            Popularity::Endpoint(url) if url.starts_with('/') => Some(endpoint(root, url, &[])),
            Popularity::Endpoint(url) => Some(url.to_string()),
            Popularity::Field(_) => None,
        }
    }
}

/// The popularity of each post id from a popular-posts answer (an array, most popular
/// first; entries without a numeric `id` are skipped): the first of `n` scores `n`, the
/// last 1, posts not listed 0.
pub fn popular_ranks(values: &[Value]) -> std::collections::HashMap<u64, f64> {
    let mut ids: Vec<u64> = Vec::new();
    for id in values
        .iter()
        .filter_map(|v| v.get("id").and_then(Value::as_u64))
    {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let n = ids.len();
    ids.into_iter()
        .enumerate()
        .map(|(i, id)| (id, (n - i) as f64))
        .collect()
}

/// A post as an article: summary and body. `None` for a post without a usable date.
/// `known` are the site's category slugs (a post in several categories is filed under the
/// first one the site knows).
pub fn article(post: &Value, known: &[Category], popularity: PopularityField) -> Option<Article> {
    let summary = summary(post, known, popularity)?;
    let content = str_at(post, "/content/rendered");
    Some(Article {
        summary,
        body: body(content),
        live: None,
    })
}

/// A post as an index entry.
pub fn summary(
    post: &Value,
    known: &[Category],
    popularity: PopularityField,
) -> Option<ArticleSummary> {
    let published = timestamp(post, "date_gmt", "date")?;
    let updated =
        timestamp(post, "modified_gmt", "modified").filter(|u| u.millis > published.millis);
    let slug = slug_of(post)?;
    let terms: Vec<&Value> = post
        .pointer("/_embedded/wp:term")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
        .collect();
    let of = |taxonomy: &'static str| {
        terms
            .iter()
            .filter(move |t| t.get("taxonomy").and_then(Value::as_str) == Some(taxonomy))
    };
    let category_slugs: Vec<&str> = of("category")
        .filter_map(|t| t.get("slug").and_then(Value::as_str))
        .collect();
    let category = category_slugs
        .iter()
        .find(|s| known.iter().any(|c| c.slug == **s))
        .or(category_slugs.first())
        .map_or("uncategorized", |s| s)
        .to_string();
    let tags = of("post_tag")
        .filter_map(|t| t.get("name").and_then(Value::as_str))
        .map(plain)
        .filter(|t| !t.is_empty())
        .collect();
    let authors = post
        .pointer("/_embedded/author")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|a| a.get("name").and_then(Value::as_str))
        .map(plain)
        .filter(|a| !a.is_empty())
        .collect();
    let title = plain(str_at(post, "/title/rendered"));
    Some(ArticleSummary {
        slug,
        title: if title.is_empty() {
            "(untitled)".into()
        } else {
            title
        },
        standfirst: standfirst(str_at(post, "/excerpt/rendered")),
        category,
        tags,
        authors,
        published,
        updated,
        image: post
            .pointer("/_embedded/wp:featuredmedia/0")
            .and_then(featured_image),
        popularity: popularity
            .and_then(|field| number_at(post, field))
            .filter(|p| p.is_finite() && *p >= 0.0)
            .unwrap_or(0.0),
        // Live pages need the static source (docs/content-api.md §7).
        live: false,
    })
}

/// The post's slug; a slug outside `[a-z0-9-]` (percent-encoded non-Latin titles) is
/// replaced by the post id, which [`post_url`] reads back (WordPress never gives a post an
/// all-digit slug, so the two cannot collide).
pub fn slug_of(post: &Value) -> Option<Slug> {
    match post.get("slug").and_then(Value::as_str) {
        Some(s) if is_slug(s) => Some(Slug(s.to_string())),
        _ => post
            .get("id")
            .and_then(Value::as_u64)
            .map(|id| Slug(id.to_string())),
    }
}

fn str_at<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}

/// A number at a dotted path; numeric strings count (post meta is often stored as text).
fn number_at(v: &Value, field: &str) -> Option<f64> {
    let pointer: String = field.split('.').map(|p| format!("/{p}")).collect();
    match v.pointer(&pointer)? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        // A meta registered as an array holds one value.
        Value::Array(a) if a.len() == 1 => match &a[0] {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        },
        _ => None,
    }
}

/// Plain text of a rendered HTML string, entities decoded (`&#8217;` → ’).
fn plain(html: &str) -> String {
    html::to_plain_text(html)
}

/// A WordPress date: `date_gmt` is UTC without an offset; `date` is the site's local
/// time. With both, the local time is kept with its offset (the article's own calendar
/// day); with one, it is read as UTC.
fn timestamp(post: &Value, gmt_field: &str, local_field: &str) -> Option<Timestamp> {
    let read = |field: &str| {
        let text = post.get(field)?.as_str()?.trim();
        let millis = if has_offset(text) {
            parse_rfc3339(text)?
        } else {
            parse_rfc3339(&format!("{text}Z"))?
        };
        Some((text.to_string(), millis))
    };
    let gmt = read(gmt_field);
    let local = read(local_field);
    match (gmt, local) {
        (Some((gmt_text, gmt)), Some((local_text, local))) if !has_offset(&local_text) => {
            let offset_min = (local - gmt) / 60_000;
            if offset_min.abs() > 18 * 60 || has_offset(&gmt_text) {
                return Some(utc(gmt));
            }
            let sign = if offset_min < 0 { '-' } else { '+' };
            let text = format!(
                "{local_text}{sign}{:02}:{:02}",
                offset_min.abs() / 60,
                offset_min.abs() % 60
            );
            Some(Timestamp { text, millis: gmt })
        }
        (Some((_, gmt)), _) => Some(utc(gmt)),
        (None, Some((_, local))) => Some(utc(local)),
        (None, None) => None,
    }
}

fn has_offset(text: &str) -> bool {
    crate::format::offset_minutes(text).is_some()
}

fn utc(millis: i64) -> Timestamp {
    let (y, mo, d, h, mi) = civil_from_millis(millis);
    let (s, ms) = (millis.rem_euclid(60_000) / 1000, millis.rem_euclid(1000));
    let fraction = if ms > 0 {
        format!(".{ms:03}")
    } else {
        String::new()
    };
    Timestamp {
        text: format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{fraction}Z"),
        millis,
    }
}

/// The excerpt as a standfirst: plain text, without WordPress's `[…]` "more" marker.
fn standfirst(excerpt_html: &str) -> Option<String> {
    let text = strip_shortcodes(&plain(excerpt_html), &HashSet::new());
    let text = text.trim();
    let text = match text
        .strip_suffix("[…]")
        .or_else(|| text.strip_suffix("[...]"))
    {
        Some(cut) => format!("{}…", cut.trim_end()),
        None => text.to_string(),
    };
    (!text.is_empty() && text != "…").then_some(text)
}

/// The featured image from `_embedded["wp:featuredmedia"][0]`, with every generated size
/// as a `srcset` (narrowest first).
fn featured_image(media: &Value) -> Option<Image> {
    let src = media.get("source_url")?.as_str()?.to_string();
    let size = |v: &Value, key: &str| v.get(key).and_then(Value::as_u64).map(|n| n as u32);
    let details = media.get("media_details");
    let (width, height) = match details.map(|d| (size(d, "width"), size(d, "height"))) {
        Some((Some(w), Some(h))) if w > 0 && h > 0 => (w, h),
        _ => FALLBACK_SIZE,
    };
    let mut sizes: Vec<(u32, String)> = details
        .and_then(|d| d.get("sizes"))
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|sizes| sizes.values())
        .filter_map(|s| {
            let (w, h) = (size(s, "width")?, size(s, "height")?);
            // Crops (the square thumbnail) are other pictures, not other widths of this one.
            let same_shape = (w as u64 * height as u64).abs_diff(h as u64 * width as u64)
                <= (width as u64 * height as u64) / 50;
            let url = s.get("source_url")?.as_str()?;
            (w > 0 && same_shape && !url.contains([' ', ','])).then(|| (w, url.to_string()))
        })
        .collect();
    if !src.contains([' ', ',']) {
        sizes.push((width, src.clone()));
    }
    sizes.sort();
    sizes.dedup_by_key(|(w, _)| *w);
    let srcset = (sizes.len() > 1).then(|| {
        sizes
            .iter()
            .map(|(w, url)| format!("{url} {w}w"))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let text = |pointer: &str| {
        let t = plain(media.pointer(pointer).and_then(Value::as_str).unwrap_or(""));
        (!t.is_empty()).then_some(t)
    };
    Some(Image {
        src,
        alt: text("/alt_text").unwrap_or_default(),
        width,
        height,
        caption: text("/caption/rendered"),
        credit: text("/media_details/image_meta/credit"),
        srcset,
    })
}

/// The blocks of a post's `content.rendered`: shortcodes that leaked into it removed, the
/// HTML sanitized, then each top-level element mapped to the block a reader expects
/// (paragraphs, headings, quotes, lists, WordPress image figures); anything richer
/// (a table, a paragraph with links) stays as sanitized HTML.
pub fn body(content_html: &str) -> Vec<Block> {
    let closed = closed_shortcodes(content_html);
    let nodes = strip_shortcodes_in(html::sanitize(content_html), &closed);
    let mut out = Vec::new();
    for node in &nodes {
        if let Some(block) = block_of(node) {
            out.push(block);
        }
    }
    out
}

fn block_of(node: &Node) -> Option<Block> {
    let (tag, children) = match node {
        Node::Text(t) => {
            let text = collapse(t);
            return (!text.is_empty()).then_some(Block::Paragraph { text });
        }
        Node::Element { tag, children, .. } => (*tag, children),
    };
    let text = || html::text_of(children);
    let as_html = || Block::Html {
        html: html::to_html(std::slice::from_ref(node)),
    };
    Some(match tag {
        Tag::P => {
            if let Some(img) = lone_image(children) {
                return image_block(img, None).or_else(|| Some(as_html()));
            }
            if children.iter().all(|c| matches!(c, Node::Text(_))) {
                let text = text();
                if text.is_empty() {
                    return None;
                }
                Block::Paragraph { text }
            } else {
                if text().is_empty() && !contains(children, Tag::Img) {
                    return None;
                }
                as_html()
            }
        }
        Tag::H2 | Tag::H3 | Tag::H4 => {
            let text = text();
            if text.is_empty() {
                return None;
            }
            Block::Heading { text }
        }
        Tag::Blockquote if !contains(children, Tag::A) => {
            let (cites, quoted): (Vec<Node>, Vec<Node>) = children
                .iter()
                .cloned()
                .partition(|c| matches!(c, Node::Element { tag: Tag::Cite, .. }));
            let text = html::text_of(&quoted);
            if text.is_empty() {
                return None;
            }
            let cite = html::text_of(&cites);
            Block::Quote {
                text,
                cite: (!cite.is_empty()).then_some(cite),
            }
        }
        Tag::Ul | Tag::Ol if !contains(children, Tag::A) && !contains(children, Tag::Img) => {
            let items: Vec<String> = children
                .iter()
                .filter_map(|c| match c {
                    Node::Element {
                        tag: Tag::Li,
                        children,
                        ..
                    } => Some(html::text_of(children)),
                    _ => None,
                })
                .filter(|t| !t.is_empty())
                .collect();
            if items.is_empty() {
                return None;
            }
            Block::List {
                items,
                ordered: tag == Tag::Ol,
            }
        }
        Tag::Figure => match find(children, Tag::Img) {
            Some(img) if !contains(children, Tag::Table) => {
                let caption = find(children, Tag::Figcaption).map(|f| match f {
                    Node::Element { children, .. } => html::text_of(children),
                    Node::Text(_) => String::new(),
                });
                image_block(img, caption).unwrap_or_else(as_html)
            }
            _ => as_html(),
        },
        Tag::Img => image_block(node, None).unwrap_or_else(as_html),
        _ => as_html(),
    })
}

/// The one `<img>` of a paragraph that holds nothing else but whitespace (possibly in a link).
fn lone_image(children: &[Node]) -> Option<&Node> {
    let meaningful: Vec<&Node> = children
        .iter()
        .filter(|c| !matches!(c, Node::Text(t) if t.trim().is_empty()))
        .collect();
    match meaningful.as_slice() {
        [img @ Node::Element { tag: Tag::Img, .. }] => Some(img),
        [Node::Element {
            tag: Tag::A,
            children,
            ..
        }] => lone_image(children),
        _ => None,
    }
}

/// An image block from a sanitized `<img>` (its `src` is already checked); `None` without
/// a size to reserve the box with.
fn image_block(img: &Node, caption: Option<String>) -> Option<Block> {
    let Node::Element { attrs, .. } = img else {
        return None;
    };
    let attr = |a: Attr| attrs.iter().find(|(k, _)| *k == a).map(|(_, v)| v.clone());
    let number = |a: Attr| {
        attr(a)
            .and_then(|v| v.parse::<u32>().ok())
            .filter(|n| *n > 0)
    };
    Some(Block::Image(Image {
        src: attr(Attr::Src)?,
        alt: attr(Attr::Alt).unwrap_or_default(),
        width: number(Attr::Width)?,
        height: number(Attr::Height)?,
        caption: caption.filter(|c| !c.is_empty()),
        credit: None,
        srcset: attr(Attr::Srcset),
    }))
}

fn find(nodes: &[Node], wanted: Tag) -> Option<&Node> {
    let mut stack: Vec<&Node> = nodes.iter().collect();
    while let Some(node) = stack.pop() {
        if let Node::Element { tag, children, .. } = node {
            if *tag == wanted {
                return Some(node);
            }
            stack.extend(children.iter().rev());
        }
    }
    None
}

fn contains(nodes: &[Node], wanted: Tag) -> bool {
    find(nodes, wanted).is_some()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Shortcode names that appear closed (`[/name]`) somewhere in `html`.
fn closed_shortcodes(html: &str) -> HashSet<String> {
    let mut names = HashSet::new();
    let mut rest = html;
    while let Some(i) = rest.find("[/") {
        rest = &rest[i + 2..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        if !name.is_empty() && rest[name.len()..].starts_with(']') {
            names.insert(name);
        }
    }
    names
}

/// Shortcodes every WordPress site knows, removed even when they are not closed.
const KNOWN_SHORTCODES: &[&str] = &[
    "caption",
    "gallery",
    "audio",
    "video",
    "playlist",
    "embed",
    "wp_caption",
];

/// Removes shortcode tags that leaked into text (the plugin that handled them is gone):
/// closing tags `[/name]`; opening tags `[name …]` when the name is closed elsewhere, is
/// one of WordPress's own, has attributes (`=`), or has a `_` (page builders' `vc_row`).
/// Bracketed words in prose (`[sic]`, `[1]`) stay.
fn strip_shortcodes(text: &str, closed: &HashSet<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find([']', '[', '\n']);
        let inner = match end {
            Some(e) if after.as_bytes()[e] == b']' => &after[..e],
            _ => {
                out.push('[');
                rest = after;
                continue;
            }
        };
        let (closing, tag) = match inner.strip_prefix('/') {
            Some(t) => (true, t),
            None => (false, inner.strip_suffix('/').unwrap_or(inner)),
        };
        let name: &str = tag.split(|c: char| c.is_whitespace()).next().unwrap_or("");
        let is_name = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        let shortcode = is_name
            && (closing
                || closed.contains(name)
                || KNOWN_SHORTCODES.contains(&name)
                || name.contains('_')
                || tag[name.len()..].contains('='));
        if shortcode {
            rest = &after[inner.len() + 1..];
        } else {
            out.push('[');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn strip_shortcodes_in(nodes: Vec<Node>, closed: &HashSet<String>) -> Vec<Node> {
    nodes
        .into_iter()
        .filter_map(|node| match node {
            Node::Text(t) => {
                let t = strip_shortcodes(&t, closed);
                (!t.is_empty()).then_some(Node::Text(t))
            }
            Node::Element {
                tag,
                attrs,
                children,
            } => Some(Node::Element {
                tag,
                attrs,
                children: strip_shortcodes_in(children, closed),
            }),
        })
        .collect()
}
