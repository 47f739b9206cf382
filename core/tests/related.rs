//! Top news, related picks, listings and pagination.

use meridian_core::model::{decode, ArticleSummary};
use meridian_core::related::{for_rail, in_category, paginate, related, top_news, with_tag};

fn summary(
    slug: &str,
    category: &str,
    tags: &[&str],
    day: u32,
    popularity: Option<f64>,
) -> ArticleSummary {
    let pop = popularity.map_or(String::new(), |p| format!(r#","popularity":{p}"#));
    let tags = tags
        .iter()
        .map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(",");
    decode(
        "t",
        &format!(
            r#"{{"slug":"{slug}","title":"{slug}","category":"{category}","tags":[{tags}],"published":"2026-11-{day:02}T10:00:00+01:00"{pop}}}"#
        ),
    )
    .unwrap()
}

/// The sample paper's index (public/api/articles.json).
fn sample_index() -> Vec<ArticleSummary> {
    let text = include_str!("../../public/api/articles.json");
    decode::<meridian_core::model::IndexPage>("articles.json", text)
        .unwrap()
        .articles
}

fn slugs(list: &[ArticleSummary]) -> Vec<&str> {
    list.iter().map(|a| &*a.slug).collect()
}

#[test]
fn top_news_ranks_by_popularity_then_newer_first() {
    let list = vec![
        summary("old-tie", "world", &[], 1, Some(500.0)),
        summary("new-tie", "world", &[], 9, Some(500.0)),
        summary("big", "sport", &[], 2, Some(9000.0)),
        summary("none", "sport", &[], 20, None),
    ];
    assert_eq!(slugs(&top_news(&list, 3)), ["big", "new-tie", "old-tie"]);
    assert_eq!(
        slugs(&top_news(&list, 10)),
        ["big", "new-tie", "old-tie", "none"]
    );
}

#[test]
fn related_scores_category_and_tags_then_recency_and_never_itself() {
    let me = summary("me", "world", &["energy", "eu"], 10, None);
    let list = vec![
        me.clone(),
        summary("same-cat-old", "world", &[], 1, None),
        summary("same-cat-new", "world", &[], 5, None),
        summary("two-tags", "business", &["energy", "eu"], 2, None),
        summary("cat-and-tag", "world", &["eu"], 3, None),
        summary("unrelated", "sport", &["football"], 9, None),
    ];
    assert_eq!(
        slugs(&related(&me, &list, 10)),
        ["cat-and-tag", "two-tags", "same-cat-new", "same-cat-old"]
    );
    assert_eq!(slugs(&related(&me, &list, 2)), ["cat-and-tag", "two-tags"]);
}

#[test]
fn listings_filter_and_sort_newest_first() {
    let list = vec![
        summary("a", "world", &["Energy"], 1, None),
        summary("b", "sport", &["energy"], 3, None),
        summary("c", "world", &[], 2, None),
    ];
    let world: Vec<&str> = in_category(&list, "world")
        .iter()
        .map(|a| &*a.slug)
        .collect();
    assert_eq!(world, ["c", "a"]);
    let tagged: Vec<&str> = with_tag(&list, "energy").iter().map(|a| &*a.slug).collect();
    assert_eq!(tagged, ["b", "a"]);
}

#[test]
fn pagination_cuts_pages_and_counts_them() {
    let items: Vec<u32> = (1..=23).collect();
    let p = paginate(&items, 3, 10);
    assert_eq!((p.items, p.total_pages), (vec![21, 22, 23], 3));
    assert!(paginate(&items, 4, 10).items.is_empty());
    assert_eq!(paginate::<u32>(&[], 1, 10).total_pages, 1);
}

#[test]
fn the_rail_picks_the_same_articles_from_the_slimmed_index() {
    let full = sample_index();
    let slim: Vec<ArticleSummary> = full.iter().cloned().map(for_rail).collect();
    assert!(slim
        .iter()
        .all(|a| a.standfirst.is_none() && a.image.is_none()));
    let json = |list: &[ArticleSummary]| serde_json::to_string(list).unwrap().len();
    assert!(
        json(&slim) * 2 < json(&full),
        "{} vs {}",
        json(&slim),
        json(&full)
    );
    assert_eq!(slugs(&top_news(&slim, 5)), slugs(&top_news(&full, 5)));
    for article in &full {
        let (a, b) = (related(article, &slim, 4), related(article, &full, 4));
        assert_eq!(slugs(&a), slugs(&b), "{}", &*article.slug);
        // What the rail shows of each pick is all there.
        for (s, f) in a.iter().zip(&b) {
            assert_eq!((&s.title, &s.category), (&f.title, &f.category));
        }
    }
}

#[test]
fn the_publish_steps_picks_from_neighbours_are_the_apps_on_a_small_paper() {
    use meridian_core::related::Neighbours;
    let all = sample_index();
    let neighbours = Neighbours::new(&all);
    for (i, article) in all.iter().enumerate() {
        let near: Vec<ArticleSummary> = neighbours.picks(i, 4, 20).into_iter().cloned().collect();
        assert_eq!(
            slugs(&near),
            slugs(&related(article, &all, 4)),
            "{}",
            &*article.slug
        );
    }
}

#[test]
fn a_new_article_changes_only_its_neighbours_picks() {
    use meridian_core::related::Neighbours;
    // 300 articles of one section, a minute apart (newest first), tags in turn; then one
    // more, the newest.
    let at = |slug: &str, tag: &str, minute: u32| -> ArticleSummary {
        let json = format!(
            r#"{{"slug":"{slug}","title":"{slug}","category":"world","tags":["{tag}"],"published":"2026-11-20T{:02}:{:02}:00Z"}}"#,
            minute / 60,
            minute % 60
        );
        decode("t", &json).unwrap()
    };
    let tags = ["energy", "eu", "grid"];
    let old: Vec<ArticleSummary> = (0..300u32)
        .map(|i| at(&format!("a{i}"), tags[i as usize % 3], 300 - i))
        .collect();
    let mut new = vec![at("fresh", "energy", 301)];
    new.extend(old.iter().cloned());
    let picks = |all: &[ArticleSummary]| -> Vec<Vec<String>> {
        let n = Neighbours::new(all);
        (0..all.len())
            .map(|i| {
                n.picks(i, 4, 10)
                    .iter()
                    .map(|a| a.slug.to_string())
                    .collect()
            })
            .collect()
    };
    let (before, after) = (picks(&old), picks(&new));
    let changed = before
        .iter()
        .zip(&after[1..])
        .filter(|(b, a)| b != a)
        .count();
    assert!(changed <= 10, "{changed} of 300 articles' picks changed");
    // Ties go to the nearest in time: an old article's picks are its contemporaries.
    assert!(after[200].iter().all(|s| s != "fresh"));
}
