//! The sitemap (a sitemap index of parts of at most 50,000 URLs, by the protocol) and an Atom
//! 1.0 `feed.xml`, for a publisher's URL. Every link is built by [`crate::routes`], so the
//! URLs are the ones the app serves. The same input always gives the same bytes.

use super::Outputs;
use crate::model::{decode, ArticleSummary, ContentKind, IndexPage, Site};
use crate::routes;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// How many of the newest articles the feed carries.
pub const FEED_ENTRIES: usize = 50;
/// The sitemap protocol's limit for one file.
pub const SITEMAP_LIMIT: usize = 50_000;

/// Writes `sitemap.xml`, its parts and `feed.xml` into `dir` for the paper at `base` (see
/// [`base_url`]), `articles` newest first, and removes the parts it no longer has. The parts
/// ([`sitemap_parts`]) are blocks of articles counted from the oldest, so a new article
/// rewrites only the part of the newest. Returns what it wrote, in a sentence.
pub fn write(
    dir: &Path,
    site: &Site,
    articles: &[ArticleSummary],
    base: &str,
    out: &Outputs,
) -> Result<String, String> {
    let articles: Vec<ArticleSummary> = articles
        .iter()
        .filter(|a| !routes::RESERVED.contains(&a.category.as_str()))
        .cloned()
        .collect();
    let (pages, article_urls) = sitemap_urls(site, &articles, base);
    let urls = pages.len() + article_urls.len();
    let parts = sitemap_parts(pages, article_urls);
    let feed = feed(site, &articles, base);
    let write = |name: &str, text: &str| out.write(&dir.join(name), text.as_bytes());
    let mut names = Vec::with_capacity(parts.len());
    for (name, part) in &parts {
        write(name, &urlset(part))?;
        names.push((
            name.clone(),
            part.iter().filter_map(|(_, last)| *last).max(),
        ));
    }
    // The parts of an earlier run that this one does not have go (only names this step
    // gives its parts: a publisher's own `sitemap-news.xml` stays).
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if is_part_name(&name) && !names.iter().any(|(n, _)| *n == name) {
            super::remove(&entry.path());
        }
    }
    write("sitemap.xml", &sitemap_index(base, &names))?;
    write("feed.xml", &feed.0)?;
    Ok(format!(
        "sitemap.xml (an index of {} parts, {urls} URLs) and feed.xml ({} entries) for {base}",
        parts.len(),
        feed.1
    ))
}

/// A sitemap URL with its last modification.
type Url = (String, Option<i64>);

/// The sitemap's parts, each of at most [`SITEMAP_LIMIT`] URLs, named: `sitemap-1.xml` holds
/// the oldest [`SITEMAP_LIMIT`] articles, `sitemap-2.xml` the next, and so on while a block
/// is full; `sitemap-latest.xml` (then `sitemap-latest-2.xml` if it overflows) the front
/// page, the sections, the tags and the newest articles. `articles` are newest first.
fn sitemap_parts(pages: Vec<Url>, mut articles: Vec<Url>) -> Vec<(String, Vec<Url>)> {
    let blocks = articles.len() / SITEMAP_LIMIT;
    let older = articles.split_off(articles.len() - blocks * SITEMAP_LIMIT);
    let latest: Vec<Url> = pages.into_iter().chain(articles).collect();
    let mut parts: Vec<(String, Vec<Url>)> = latest
        .chunks(SITEMAP_LIMIT)
        .enumerate()
        .map(|(i, urls)| match i {
            0 => ("sitemap-latest.xml".to_string(), urls.to_vec()),
            _ => (format!("sitemap-latest-{}.xml", i + 1), urls.to_vec()),
        })
        .collect();
    if parts.is_empty() {
        parts.push(("sitemap-latest.xml".into(), Vec::new()));
    }
    parts.extend(
        older
            .chunks(SITEMAP_LIMIT)
            .zip((1..=blocks).rev())
            .map(|(urls, b)| (format!("sitemap-{b}.xml"), urls.to_vec())),
    );
    parts
}

/// Whether `name` is one [`sitemap_parts`] gives: `sitemap-N.xml`, `sitemap-latest.xml`,
/// `sitemap-latest-N.xml`.
fn is_part_name(name: &str) -> bool {
    let Some(stem) = name
        .strip_prefix("sitemap-")
        .and_then(|n| n.strip_suffix(".xml"))
    else {
        return false;
    };
    let number = |n: &str| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
    stem == "latest" || number(stem) || stem.strip_prefix("latest-").is_some_and(number)
}

/// The sitemap index: every part, with the newest `lastmod` of its URLs (an older part's
/// stays the same as the paper grows, so a crawler can skip it).
fn sitemap_index(base: &str, parts: &[(String, Option<i64>)]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (name, newest) in parts {
        xml.push_str("  <sitemap>\n    <loc>");
        xml.push_str(&escape(&routes::join(base, name)));
        xml.push_str("</loc>\n");
        if let Some(last) = *newest {
            xml.push_str(&format!("    <lastmod>{}</lastmod>\n", rfc3339(last)));
        }
        xml.push_str("  </sitemap>\n");
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

/// Checks `--url` and returns it with exactly one trailing slash: `https://host/sub/`.
pub fn base_url(url: &str) -> Result<String, String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("--url must be an absolute http(s) URL, not `{url}`"))?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() {
        return Err(format!("--url `{url}` has no host"));
    }
    if url.contains(['?', '#']) || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "--url `{url}` must be a plain base URL (no query, fragment or spaces)"
        ));
    }
    Ok(format!("{}/", url.trim_end_matches('/')))
}

/// The path part of the base URL: `/` or `/sub/`.
fn base_path(base: &str) -> &str {
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    base[after_scheme..]
        .find('/')
        .map_or("/", |i| &base[after_scheme + i..])
}

/// `site.json` and every article of the index, newest first, one per slug.
pub fn read_content(root: &Path, base: &str) -> Result<(Site, Vec<ArticleSummary>), String> {
    let site_path = root.join("site.json");
    let site: Site =
        decode(&site_path.display().to_string(), &read(&site_path)?).map_err(|e| e.to_string())?;
    if site.content.kind != ContentKind::Static {
        return Err(format!(
            "{}: content.kind is not \"static\"; only a static index on disk can be read",
            site_path.display()
        ));
    }
    let sub_path = base_path(base);
    let content_dir = local_path(root, root, &site.content.base, sub_path).ok_or_else(|| {
        format!(
            "{}: content.base `{}` is not on disk under {}; run build_feeds where the JSON is",
            site_path.display(),
            site.content.base,
            root.display()
        )
    })?;

    let mut articles: Vec<ArticleSummary> = Vec::new();
    let mut slugs = HashSet::new();
    let mut seen = HashSet::new();
    let mut next = Some(content_dir.join("articles.json"));
    while let Some(path) = next.take() {
        if !seen.insert(path.clone()) {
            break; // a `next` chain that loops back on itself
        }
        let page: IndexPage =
            decode(&path.display().to_string(), &read(&path)?).map_err(|e| e.to_string())?;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        if let Some(n) = &page.next {
            next = Some(local_path(root, &dir, n, sub_path).ok_or_else(|| {
                format!(
                    "{}: next `{n}` is not a file on disk under {}",
                    path.display(),
                    root.display()
                )
            })?);
        }
        for a in page.articles {
            if routes::RESERVED.contains(&a.category.as_str()) {
                eprintln!(
                    "feeds: skipped `{}`: its category `{}` is a reserved route",
                    &*a.slug, a.category
                );
                continue;
            }
            if slugs.insert(a.slug.0.clone()) {
                articles.push(a);
            }
        }
    }
    // Newest first; the slug breaks ties so the output is stable.
    articles.sort_by(|a, b| {
        b.published
            .cmp(&a.published)
            .then_with(|| a.slug.0.cmp(&b.slug.0))
    });
    Ok((site, articles))
}

/// A content URL as a path on disk: relative to `dir`, or root-relative (`/api`, or
/// `/news/api` under the deploy's sub-path `/news/`) from `root`. `None` for another
/// origin or a path escaping upwards.
fn local_path(root: &Path, dir: &Path, url: &str, sub_path: &str) -> Option<PathBuf> {
    if routes::has_scheme(url) || url.starts_with("//") {
        return None;
    }
    let (dir, relative) = match url.strip_prefix('/') {
        Some(rooted) => {
            let sub = sub_path.trim_start_matches('/');
            (root, rooted.strip_prefix(sub).unwrap_or(rooted))
        }
        None => (dir, url),
    };
    let relative = relative.split(['?', '#']).next().unwrap_or("");
    if relative.split('/').any(|s| s == "..") {
        return None;
    }
    Some(
        relative
            .split('/')
            .filter(|s| !s.is_empty() && *s != ".")
            .fold(dir.to_path_buf(), |p, s| p.join(s)),
    )
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The route of an article, as the app links it.
fn article_url(base: &str, a: &ArticleSummary) -> String {
    routes::article(base, &segment(&a.category), &a.slug)
}

/// A category as a path segment (slugs stay as they are).
fn segment(category: &str) -> String {
    routes::encode_component(category)
}

/// When an article last changed: `updated`, else `published`.
fn modified(a: &ArticleSummary) -> i64 {
    a.updated
        .as_ref()
        .map_or(a.published.millis, |u| u.millis.max(a.published.millis))
}

/// Every URL of the sitemap with its last modification: the front page, the sections and the
/// tags; then the articles.
fn sitemap_urls(site: &Site, articles: &[ArticleSummary], base: &str) -> (Vec<Url>, Vec<Url>) {
    let newest = |c: Option<&str>| {
        articles
            .iter()
            .filter(|a| c.is_none_or(|c| a.category == c))
            .map(modified)
            .max()
    };
    let mut urls: Vec<Url> = vec![(routes::home(base), newest(None))];

    // The sections of site.json in their order, then sections only articles name (the app
    // lists those under their raw slug).
    let mut categories: Vec<String> = site.categories.iter().map(|c| c.slug.clone()).collect();
    let extra: BTreeSet<&str> = articles
        .iter()
        .map(|a| a.category.as_str())
        .filter(|c| !categories.iter().any(|k| k == c))
        .collect();
    categories.extend(extra.into_iter().map(String::from));
    for c in &categories {
        let last = newest(Some(c));
        urls.push((routes::category(base, &segment(c), 1), last));
    }

    let mut tags: BTreeMap<&str, i64> = BTreeMap::new();
    for a in articles {
        for t in &a.tags {
            let entry = tags.entry(t.as_str()).or_insert(i64::MIN);
            *entry = (*entry).max(modified(a));
        }
    }
    for (t, last) in &tags {
        urls.push((routes::tag(base, t, 1), Some(*last)));
    }

    let articles = articles
        .iter()
        .map(|a| (article_url(base, a), Some(modified(a))))
        .collect();
    (urls, articles)
}

/// One sitemap part: a `urlset` of at most [`SITEMAP_LIMIT`] URLs.
fn urlset(urls: &[(String, Option<i64>)]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (loc, last) in urls {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&escape(loc));
        xml.push_str("</loc>\n");
        if let Some(last) = last {
            xml.push_str(&format!("    <lastmod>{}</lastmod>\n", rfc3339(*last)));
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The Atom feed and its number of entries.
fn feed(site: &Site, articles: &[ArticleSummary], base: &str) -> (String, usize) {
    let entries = &articles[..articles.len().min(FEED_ENTRIES)];
    // The feed changes when any of its entries does; a fixed time for an empty feed.
    let updated = entries.iter().map(modified).max().unwrap_or(0);
    let home = routes::home(base);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(&site.locale)
    ));
    xml.push_str(&format!("  <title>{}</title>\n", escape(&site.name)));
    if let Some(tagline) = site.tagline.as_deref().filter(|t| !t.trim().is_empty()) {
        xml.push_str(&format!("  <subtitle>{}</subtitle>\n", escape(tagline)));
    }
    xml.push_str(&format!("  <id>{}</id>\n", escape(&home)));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&home)
    ));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&routes::join(base, "feed.xml"))
    ));
    xml.push_str(&format!("  <updated>{}</updated>\n", rfc3339(updated)));
    // Atom needs an author on every entry; the paper stands in for unsigned articles.
    xml.push_str(&format!(
        "  <author>\n    <name>{}</name>\n  </author>\n",
        escape(&site.name)
    ));
    for a in entries {
        let url = article_url(base, a);
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <title>{}</title>\n", escape(&a.title)));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&url)
        ));
        xml.push_str(&format!("    <id>{}</id>\n", escape(&url)));
        xml.push_str(&format!(
            "    <published>{}</published>\n",
            rfc3339(a.published.millis)
        ));
        xml.push_str(&format!(
            "    <updated>{}</updated>\n",
            rfc3339(modified(a))
        ));
        for name in a.authors.iter().filter(|n| !n.trim().is_empty()) {
            xml.push_str(&format!(
                "    <author>\n      <name>{}</name>\n    </author>\n",
                escape(name)
            ));
        }
        xml.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\" scheme=\"{}\"/>\n",
            escape(&a.category),
            escape(routes::category_name(site, &a.category)),
            escape(&home)
        ));
        for t in &a.tags {
            xml.push_str(&format!(
                "    <category term=\"{}\" scheme=\"{}\"/>\n",
                escape(t),
                escape(&routes::join(base, "tag/"))
            ));
        }
        if let Some(standfirst) = a.standfirst.as_deref().filter(|s| !s.trim().is_empty()) {
            xml.push_str(&format!("    <summary>{}</summary>\n", escape(standfirst)));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    (xml, entries.len())
}

/// Text or attribute value for XML: the five special characters as entities, and the
/// characters XML 1.0 forbids dropped (a control character would make the file unreadable).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `2026-11-26T08:10:00Z`: RFC 3339 in UTC (valid for Atom and the sitemap's W3C format).
fn rfc3339(millis: i64) -> String {
    let (y, m, d, hh, mm) = crate::format::civil_from_millis(millis);
    let ss = millis.div_euclid(1000).rem_euclid(60);
    let ms = millis.rem_euclid(1000);
    if ms == 0 {
        format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}Z")
    } else {
        format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}.{ms:03}Z")
    }
}
