//! Pure picks over the index: top news, related articles, sections and pages.

use crate::model::{ArticleSummary, RailItem, Site};
use std::cmp::Ordering;

/// Newest first.
fn by_recency(a: &ArticleSummary, b: &ArticleSummary) -> Ordering {
    b.published.cmp(&a.published)
}

/// An index entry with only what the rail picks and lists by (slug, title, section, tags,
/// dates, popularity): without the standfirst, the authors and the picture, most of an
/// entry's bytes, which a prerendered page would otherwise carry for links it never shows.
pub fn for_rail(mut a: ArticleSummary) -> ArticleSummary {
    a.standfirst = None;
    a.authors = Vec::new();
    a.image = None;
    a
}

/// What a rail shows of an article: its address, title and section name.
pub fn rail_item(site: &Site, a: &ArticleSummary) -> RailItem {
    RailItem {
        slug: a.slug.to_string(),
        category: a.category.clone(),
        title: a.title.clone(),
        section: crate::routes::category_name(site, &a.category).to_string(),
        live: a.live,
    }
}

/// The `n` most popular articles; ties go to the newer one.
pub fn top_news(list: &[ArticleSummary], n: usize) -> Vec<ArticleSummary> {
    let mut picks: Vec<&ArticleSummary> = list.iter().collect();
    picks.sort_by(|a, b| {
        b.popularity
            .partial_cmp(&a.popularity)
            .unwrap_or(Ordering::Equal)
            .then_with(|| by_recency(a, b))
    });
    picks.into_iter().take(n).cloned().collect()
}

/// How close `other` is to `article`: 3 for the same category, 2 per shared tag.
pub fn relatedness(article: &ArticleSummary, other: &ArticleSummary) -> u32 {
    let category = if article.category == other.category {
        3
    } else {
        0
    };
    let tags = other
        .tags
        .iter()
        .filter(|t| article.tags.iter().any(|u| u.eq_ignore_ascii_case(t)))
        .count() as u32;
    category + 2 * tags
}

/// Up to `n` articles sharing the category or tags of `article`, best first, then newest;
/// never the article itself.
pub fn related(article: &ArticleSummary, list: &[ArticleSummary], n: usize) -> Vec<ArticleSummary> {
    let mut scored: Vec<(u32, &ArticleSummary)> = list
        .iter()
        .filter(|o| o.slug != article.slug)
        .map(|o| (relatedness(article, o), o))
        .filter(|(score, _)| *score > 0)
        .collect();
    scored.sort_by(|(sa, a), (sb, b)| sb.cmp(sa).then_with(|| by_recency(a, b)));
    scored.into_iter().take(n).map(|(_, a)| a.clone()).collect()
}

/// The articles of one category, newest first.
pub fn in_category<'a>(list: &'a [ArticleSummary], slug: &str) -> Vec<&'a ArticleSummary> {
    newest_first(list.iter().filter(|a| a.category == slug))
}

/// The articles carrying a tag (case-insensitive), newest first.
pub fn with_tag<'a>(list: &'a [ArticleSummary], tag: &str) -> Vec<&'a ArticleSummary> {
    newest_first(
        list.iter()
            .filter(|a| a.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))),
    )
}

/// All articles, newest first.
pub fn latest(list: &[ArticleSummary]) -> Vec<&ArticleSummary> {
    newest_first(list.iter())
}

fn newest_first<'a>(it: impl Iterator<Item = &'a ArticleSummary>) -> Vec<&'a ArticleSummary> {
    let mut v: Vec<_> = it.collect();
    v.sort_by(|a, b| by_recency(a, b));
    v
}

/// One page of a list: the items and how many pages there are (at least 1).
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub number: usize,
    pub total_pages: usize,
}

/// Cuts page `number` (1-based) of `per_page` items out of `items`.
pub fn paginate<T: Clone>(items: &[T], number: usize, per_page: usize) -> Page<T> {
    let per_page = per_page.max(1);
    let total_pages = items.len().div_ceil(per_page).max(1);
    let start = number.saturating_sub(1).saturating_mul(per_page);
    Page {
        items: items.iter().skip(start).take(per_page).cloned().collect(),
        number,
        total_pages,
    }
}
