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

/// Up to `n` articles sharing the category or tags of `article`, best first, a tie to the one
/// nearest in time; never the article itself.
pub fn related(article: &ArticleSummary, list: &[ArticleSummary], n: usize) -> Vec<ArticleSummary> {
    best(article, list.iter().filter(|o| o.slug != article.slug), n)
        .into_iter()
        .cloned()
        .collect()
}

/// The `n` of `candidates` most related to `article`: the highest [`relatedness`] first, a
/// tie to the one nearest in time (then the newer), never one of no relation.
fn best<'a>(
    article: &ArticleSummary,
    candidates: impl Iterator<Item = &'a ArticleSummary>,
    n: usize,
) -> Vec<&'a ArticleSummary> {
    let at = article.published.millis;
    let mut scored: Vec<(u32, &ArticleSummary)> = candidates
        .map(|o| (relatedness(article, o), o))
        .filter(|(score, _)| *score > 0)
        .collect();
    scored.sort_by(|(sa, a), (sb, b)| {
        sb.cmp(sa)
            .then_with(|| {
                let (da, db) = (
                    a.published.millis.abs_diff(at),
                    b.published.millis.abs_diff(at),
                );
                da.cmp(&db)
            })
            .then_with(|| by_recency(a, b))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    scored.into_iter().take(n).map(|(_, a)| a).collect()
}

/// The index's order: newest first, then by slug (so it never depends on the disk's).
pub fn index_order(a: &ArticleSummary, b: &ArticleSummary) -> Ordering {
    b.published
        .millis
        .cmp(&a.published.millis)
        .then_with(|| a.slug.0.cmp(&b.slug.0))
}

/// The lists of [`Neighbours`] an article is in: its section's, and each of its tags'.
fn lists_of(article: &ArticleSummary) -> impl Iterator<Item = String> + '_ {
    std::iter::once(format!("c:{}", article.category)).chain(
        article
            .tags
            .iter()
            .map(|t| format!("t:{}", t.to_lowercase())),
    )
}

/// The related picks of a whole archive, for the publish step: each article's come from its
/// neighbours in time (the `window` nearest on either side in its section and in each of
/// its tags), so that a new article changes the picks of its neighbours only. Over a list no
/// longer than `window` per section and tag, the picks are [`related`]'s.
pub struct Neighbours<'a> {
    all: &'a [ArticleSummary],
    /// Section, then each lowercased tag → the positions in `all` of its articles, in order.
    lists: std::collections::HashMap<String, Vec<usize>>,
}

impl<'a> Neighbours<'a> {
    /// The lists of `all` (newest first, as the index is).
    pub fn new(all: &'a [ArticleSummary]) -> Self {
        let mut lists: std::collections::HashMap<String, Vec<usize>> = Default::default();
        for (i, a) in all.iter().enumerate() {
            for key in lists_of(a) {
                let list = lists.entry(key).or_default();
                // A tag written twice on one article counts once here.
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        Neighbours { all, lists }
    }

    /// The positions of the articles whose picks can change when `article` comes, goes or
    /// changes: those within `window` of where it stands, or would stand, in each of its lists
    /// (itself included). `all` must be in the index's order ([`index_order`]).
    pub fn around(&self, article: &ArticleSummary, window: usize) -> Vec<usize> {
        self.near(article, window + 1, |list| {
            Some(list.partition_point(|j| index_order(&self.all[*j], article).is_lt()))
        })
    }

    /// The `n` picks of the article at `i`, from the `window` nearest on either side.
    pub fn picks(&self, i: usize, n: usize, window: usize) -> Vec<&'a ArticleSummary> {
        let article = &self.all[i];
        let candidates = self
            .near(article, window, |list| list.binary_search(&i).ok())
            .into_iter()
            .filter(|j| *j != i)
            .map(|j| &self.all[j])
            .filter(|o| o.slug != article.slug);
        best(article, candidates, n)
    }

    /// The positions within `reach` on either side of `at` (where `article` stands in a
    /// list) in each of its lists, in order, once each.
    fn near(
        &self,
        article: &ArticleSummary,
        reach: usize,
        at: impl Fn(&[usize]) -> Option<usize>,
    ) -> Vec<usize> {
        let mut near: Vec<usize> = Vec::new();
        for list in lists_of(article).filter_map(|key| self.lists.get(&key)) {
            if let Some(at) = at(list) {
                near.extend(&list[at.saturating_sub(reach)..(at + reach + 1).min(list.len())]);
            }
        }
        near.sort_unstable();
        near.dedup();
        near
    }
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
