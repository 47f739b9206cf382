//! Pure: absolute URLs for canonical and OpenGraph tags, and an article's `NewsArticle`
//! JSON-LD.

use crate::model::{ArticleSummary, Site};
use serde_json::json;

/// The absolute URL of an app path (`/world/a-story`): under the site's configured `url`
/// when there is one, else under the reader's `origin`; `None` when neither is known.
pub fn absolute(site: &Site, root: &str, origin: Option<&str>, path: &str) -> Option<String> {
    if crate::routes::has_scheme(path) {
        return Some(path.to_string());
    }
    match (&site.url, origin) {
        (Some(base), _) => {
            let rest = path
                .strip_prefix(root.trim_end_matches('/'))
                .unwrap_or(path);
            Some(crate::routes::join(base, rest))
        }
        (None, Some(origin)) => Some(format!("{}{path}", origin.trim_end_matches('/'))),
        (None, None) => None,
    }
}

/// `NewsArticle` structured data for an article, safe to put inside a `<script>` element
/// (every `<` is escaped, so no `</script>` can close it early).
pub fn news_article_json_ld(
    site: &Site,
    article: &ArticleSummary,
    section: &str,
    url: &str,
    image: Option<&str>,
) -> String {
    let authors: Vec<_> = article
        .authors
        .iter()
        .map(|name| json!({ "@type": "Person", "name": name }))
        .collect();
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.published.text,
        "dateModified": article.updated.as_ref().unwrap_or(&article.published).text,
        "articleSection": section,
        "mainEntityOfPage": url,
        "url": url,
        "publisher": { "@type": "Organization", "name": site.name },
    });
    if let Some(d) = &article.standfirst {
        ld["description"] = json!(d);
    }
    if !authors.is_empty() {
        ld["author"] = json!(authors);
    }
    if !article.tags.is_empty() {
        ld["keywords"] = json!(article.tags.join(", "));
    }
    if let Some(image) = image {
        ld["image"] = json!([image]);
    }
    ld.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
