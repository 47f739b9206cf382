//! The static content source over the bundled sample site (`public/`), read from disk.

use futures::executor::block_on;
use meridian::error::AppError;
use meridian::model::{Block, IndexPage};
use meridian::source::{load, load_site, set_native_root, Source};

fn sample() -> Source {
    set_native_root(concat!(env!("CARGO_MANIFEST_DIR"), "/public"));
    let site = block_on(load_site("/")).expect("site.json decodes");
    Source::new("/", &site).unwrap()
}

#[test]
fn the_sample_site_is_a_complete_paper() {
    let source = sample();
    let site = block_on(load_site("/")).unwrap();
    assert!(site.categories.len() >= 6);
    let index = block_on(source.index_until(|_| false)).unwrap();
    assert!(index.len() >= 30, "{} articles", index.len());
    let mut block_types = std::collections::BTreeSet::new();
    for summary in &index {
        assert!(
            site.categories.iter().any(|c| c.slug == summary.category),
            "{}",
            &*summary.slug
        );
        let article = block_on(source.article(&summary.slug)).unwrap();
        assert_eq!(article.summary.title, summary.title);
        let paragraphs = article
            .body
            .iter()
            .filter(|b| matches!(b, Block::Paragraph { .. }))
            .count();
        // A live page's body is a summary above its updates.
        let least = if article.live.is_some() { 2 } else { 6 };
        assert!(
            paragraphs >= least,
            "{} has {paragraphs} paragraphs",
            &*summary.slug
        );
        for b in &article.body {
            block_types.insert(
                format!("{b:?}")
                    .split([' ', '(', '{'])
                    .next()
                    .unwrap()
                    .to_string(),
            );
        }
        let images = article.body.iter().filter_map(|b| match b {
            Block::Image(i) => Some(i),
            _ => None,
        });
        for image in summary.image.iter().chain(images) {
            let path = format!("{}/public/api/{}", env!("CARGO_MANIFEST_DIR"), image.src);
            assert!(std::path::Path::new(&path).exists(), "{path}");
        }
    }
    assert_eq!(block_types.len(), 6, "{block_types:?}");
    // The index file is exactly what build_index makes from the articles: newest first.
    assert!(index.windows(2).all(|w| w[0].published >= w[1].published));
}

#[test]
fn an_unknown_slug_is_not_found() {
    let source = sample();
    assert!(matches!(
        block_on(source.article("no-such-story")),
        Err(AppError::NotFound { .. })
    ));
    assert!(matches!(
        block_on(source.article("../site")),
        Err(AppError::NotFound { .. })
    ));
}

#[test]
fn a_sharded_index_is_followed_only_as_far_as_needed() {
    let dir = std::env::temp_dir().join(format!("meridian-shards-{}", std::process::id()));
    let api = dir.join("api");
    std::fs::create_dir_all(&api).unwrap();
    let entry = |slug: &str, day: u32| {
        format!(
            r#"{{"slug":"{slug}","title":"{slug}","category":"world","published":"2026-11-{day:02}T10:00:00Z"}}"#
        )
    };
    std::fs::write(
        api.join("articles.json"),
        format!(
            r#"{{"articles":[{},{}],"next":"articles-2.json"}}"#,
            entry("a", 9),
            entry("b", 8)
        ),
    )
    .unwrap();
    std::fs::write(
        api.join("articles-2.json"),
        format!(
            r#"{{"articles":[{}],"next":"articles-3.json"}}"#,
            entry("c", 7)
        ),
    )
    .unwrap();
    // The third page loops back to the first: the loader must stop, not spin.
    std::fs::write(
        api.join("articles-3.json"),
        format!(
            r#"{{"articles":[{}],"next":"articles.json"}}"#,
            entry("d", 6)
        ),
    )
    .unwrap();
    let page: IndexPage =
        block_on(load(&format!("file://{}/api/articles.json", dir.display()))).unwrap();
    assert_eq!(page.articles.len(), 2);

    let site = meridian::model::decode(
        "site.json",
        &format!(r#"{{"name":"N","content":{{"kind":"static","base":"file://{}/api"}},"categories":[]}}"#, dir.display()),
    )
    .unwrap();
    let source = Source::new("/", &site).unwrap();
    assert_eq!(block_on(source.latest()).unwrap().len(), 2);
    assert_eq!(
        block_on(source.index_until(|l| l.len() >= 3))
            .unwrap()
            .len(),
        3
    );
    assert_eq!(block_on(source.index_until(|_| false)).unwrap().len(), 4);
    std::fs::remove_dir_all(&dir).ok();
}

/// A WordPress site behind the same methods, over recorded answers on disk (natively,
/// `file://` URLs read files and ignore the query string).
#[test]
fn a_wordpress_site_is_read_through_the_same_methods() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/wordpress");
    let dir = std::env::temp_dir().join(format!("meridian-wp-{}", std::process::id()));
    let api = dir.join("wp-json/wp/v2");
    std::fs::create_dir_all(&api).unwrap();
    std::fs::copy(format!("{fixtures}/posts-embed.json"), api.join("posts")).unwrap();
    std::fs::copy(
        format!("{fixtures}/categories.json"),
        api.join("categories"),
    )
    .unwrap();
    let root = format!("file://{}/", dir.display());
    std::fs::write(
        dir.join("site.json"),
        r#"{"name":"N","content":{"kind":"wordpress","base":"wp-json","popularity":"meta.popularity"},"categories":[]}"#,
    )
    .unwrap();
    let site = block_on(load_site(&root)).unwrap();
    let nav: Vec<&str> = site.categories.iter().map(|c| c.slug.as_str()).collect();
    for slug in [
        "world",
        "business",
        "technology",
        "science",
        "culture",
        "sport",
    ] {
        assert!(
            nav.contains(&slug),
            "WordPress's categories are the navigation: {nav:?}"
        );
    }
    let source = Source::new(&root, &site).unwrap();
    let latest = block_on(source.latest()).unwrap();
    assert_eq!(latest.len(), 3, "a short page is the last one");
    assert!(
        latest.iter().any(|a| a.popularity > 0.0),
        "popularity from the configured field"
    );
    assert_eq!(block_on(source.index_until(|_| false)).unwrap().len(), 3);
    // The index pages carried the bodies: the article needs no other request.
    std::fs::remove_file(api.join("posts")).unwrap();
    let article = block_on(source.article(&latest[0].slug)).unwrap();
    assert_eq!(article.summary, latest[0]);
    assert!(article.word_count() > 100);
    assert!(matches!(
        block_on(source.article("not-a-post")),
        Err(AppError::NotFound { .. })
    ));

    // Top news from a popular-posts endpoint (a route under the REST root): its order.
    std::fs::copy(format!("{fixtures}/posts-embed.json"), api.join("posts")).unwrap();
    let posts: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(api.join("posts")).unwrap()).unwrap();
    let ids: Vec<u64> = posts.iter().map(|p| p["id"].as_u64().unwrap()).collect();
    std::fs::create_dir_all(dir.join("wp-json/top")).unwrap();
    std::fs::write(
        dir.join("wp-json/top/posts"),
        format!(r#"[{{"id": {}}}, {{"id": {}}}]"#, ids[2], ids[0]),
    )
    .unwrap();
    let mut ranked = site.clone();
    ranked.content.popularity = Some("/top/posts".into());
    let source = Source::new(&root, &ranked).unwrap();
    let latest = block_on(source.latest()).unwrap();
    let top = meridian::related::top_news(&latest, 3);
    let slugs: Vec<&str> = top.iter().map(|a| &*a.slug).collect();
    let expected: Vec<&str> = [2, 0, 1]
        .iter()
        .map(|&i| posts[i]["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, expected, "listed first, then the rest by date");
    // A dead endpoint costs only the ranking.
    ranked.content.popularity = Some("/missing".into());
    let source = Source::new(&root, &ranked).unwrap();
    assert_eq!(block_on(source.latest()).unwrap().len(), 3);
    std::fs::remove_dir_all(&dir).ok();
}
