//! The static source with a body-search index, read from disk: a search through the index
//! finds what a scan of the article files finds, in the same order, and any broken index
//! (absent, damaged, another version, stale, a missing file) falls back to the scan.

use futures::executor::block_on;
use meridian::model::{decode, Article, IndexPage, Site};
use meridian::publish::Outputs;
use meridian::search::{run_with, Body, SearchQuery};
use meridian::source::{Corpus, Source};
use std::path::{Path, PathBuf};

/// A copy of the sample paper's index and articles in a fresh directory, with a search
/// index of `shards` shards and blocks of `block` docs.
fn paper(name: &str, shards: usize, block: usize) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/api");
    let dir = std::env::temp_dir().join(format!("meridian-si-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::create_dir_all(dir.join("search")).unwrap();
    std::fs::copy(from.join("articles.json"), dir.join("articles.json")).unwrap();
    let index: IndexPage = decode(
        "articles.json",
        &std::fs::read_to_string(from.join("articles.json")).unwrap(),
    )
    .unwrap();
    let mut bodies = Vec::new();
    for a in &index.articles {
        let file = format!("{}.json", &*a.slug);
        let text = std::fs::read_to_string(from.join("articles").join(&file)).unwrap();
        std::fs::write(dir.join("articles").join(&file), &text).unwrap();
        let article: Article = decode(&file, &text).unwrap();
        bodies.push((a.slug.to_string(), article.body_text()));
    }
    bodies.reverse(); // doc ids from the oldest
    let slugs: Vec<String> = bodies.iter().map(|(slug, _)| slug.clone()).collect();
    let mut next = bodies.iter();
    let read = |chunk: &[String]| next.by_ref().take(chunk.len()).cloned().collect();
    meridian::publish::search::write(&dir, &slugs, shards, block, read, &Outputs::default())
        .unwrap();
    dir
}

fn source(dir: &Path) -> Source {
    let site: Site = decode(
        "site.json",
        &format!(
            r#"{{"name":"N","content":{{"kind":"static","base":"file://{}"}},"categories":[]}}"#,
            dir.display()
        ),
    )
    .unwrap();
    Source::new("/", &site).unwrap()
}

fn query(qs: &str) -> SearchQuery {
    let qs = qs.replace("%20", " ");
    SearchQuery::from_pairs(qs.split('&').filter_map(|p| p.split_once('=')))
}

/// The slugs the search page shows for `corpus`, in order.
fn results(corpus: &Corpus, q: &SearchQuery) -> Vec<String> {
    run_with(&corpus.index, &corpus.folded, q, |doc, a| {
        match &corpus.indexed {
            Some(hits) => Body::Indexed {
                hits,
                doc: doc as u32,
            },
            None => corpus.bodies.get(&*a.slug).map(String::as_str).into(),
        }
    })
    .into_iter()
    .map(|(_, a)| a.slug.to_string())
    .collect()
}

const QUERIES: &[&str] = &[
    "q=shopkeepers",
    "q=glacier",
    "q=the",
    "q=water%20deal",
    "q=bottling%20company&exact=1",
    "q=aosta%20valley&exact=1",
    "q=of%20the&exact=1",
    "q=the%20the&exact=1",
    "q=energy&in=body",
    "q=energy&in=title,body&sort=oldest",
    "q=grid%20shopkeepers",
    "q=cafe",
    "q=zzzz",
    "q=2026&category=business",
];

#[test]
fn the_index_answers_like_the_article_files() {
    let dir = paper("same", 3, 10);
    let with_index = source(&dir);
    let scan_dir = paper("scan", 1, 1000);
    std::fs::remove_dir_all(scan_dir.join("search")).unwrap();
    let scan = source(&scan_dir);
    let mut found = 0;
    for qs in QUERIES {
        let q = query(qs);
        let indexed = block_on(with_index.corpus(&q)).unwrap();
        assert!(indexed.indexed.is_some(), "{qs}: through the index");
        assert!(indexed.bodies.is_empty(), "{qs}: no article file read");
        let scanned = block_on(scan.corpus(&q)).unwrap();
        assert!(scanned.indexed.is_none() && !scanned.bodies.is_empty());
        let shown = results(&indexed, &q);
        assert_eq!(shown, results(&scanned, &q), "{qs}");
        found += shown.len();
    }
    assert!(found > 50, "the queries find something: {found}");
    // A body-only word: found in the body alone.
    let q = query("q=shopkeepers&in=body");
    assert_eq!(
        results(&block_on(with_index.corpus(&q)).unwrap(), &q).len(),
        2
    );
    std::fs::remove_dir_all(&dir).ok();
    std::fs::remove_dir_all(&scan_dir).ok();
}

/// Breaks the index of the paper in a directory.
type Damage = dyn Fn(&Path);

#[test]
fn a_broken_index_falls_back_to_the_article_files() {
    let q = query("q=shopkeepers");
    let phrase = query("q=bottling%20company&exact=1");
    let damage: &[(&str, &Damage)] = &[
        ("absent", &|d| {
            std::fs::remove_file(d.join("search/meta.json")).unwrap()
        }),
        ("garbage", &|d| {
            std::fs::write(d.join("search/meta.json"), "{not json").unwrap()
        }),
        ("format1", &|d| {
            std::fs::write(
                d.join("search/meta.json"),
                r#"{"version":1,"hash":"fnv1a32","shards":3,"articles":["a"]}"#,
            )
            .unwrap()
        }),
        ("future", &|d| {
            let meta = std::fs::read_to_string(d.join("search/meta.json")).unwrap();
            std::fs::write(
                d.join("search/meta.json"),
                meta.replace(r#""version":3"#, r#""version":4"#),
            )
            .unwrap()
        }),
        ("stale", &|d| {
            // An article published after the index was built.
            let text = std::fs::read_to_string(d.join("articles.json")).unwrap();
            let mut index: serde_json::Value = serde_json::from_str(&text).unwrap();
            let list = index["articles"].as_array_mut().unwrap();
            let first = list.remove(0);
            list.push(first);
            std::fs::write(d.join("articles.json"), index.to_string()).unwrap();
        }),
        ("no-shards", &|d| {
            for e in std::fs::read_dir(d.join("search")).unwrap().flatten() {
                if e.file_name().to_string_lossy().starts_with("shard-") {
                    std::fs::remove_file(e.path()).unwrap();
                }
            }
        }),
        ("bad-shards", &|d| {
            for e in std::fs::read_dir(d.join("search")).unwrap().flatten() {
                if e.file_name().to_string_lossy().starts_with("shard-") {
                    std::fs::write(e.path(), r#"{"terms":{"shopkeepers":"x"}}"#).unwrap();
                }
            }
        }),
        ("no-positions", &|d| {
            for e in std::fs::read_dir(d.join("search")).unwrap().flatten() {
                if e.file_name().to_string_lossy().starts_with("pos-") {
                    std::fs::remove_file(e.path()).unwrap();
                }
            }
        }),
    ];
    for (name, break_it) in damage {
        let dir = paper(name, 3, 10);
        let good = source(&dir);
        let expected = (
            results(&block_on(good.corpus(&q)).unwrap(), &q),
            results(&block_on(good.corpus(&phrase)).unwrap(), &phrase),
        );
        assert_eq!(expected.0.len(), 2);
        assert_eq!(expected.1.len(), 1);
        break_it(&dir);
        let broken = source(&dir);
        for (q, want) in [(&phrase, &expected.1), (&q, &expected.0)] {
            let corpus = block_on(broken.corpus(q)).unwrap();
            if *name == "no-positions" && q.exact {
                assert!(
                    corpus.indexed.is_none(),
                    "{name}: the phrase needs positions"
                );
            }
            if *name != "no-positions" {
                assert!(corpus.indexed.is_none(), "{name}: the index is not used");
            }
            if corpus.indexed.is_none() {
                assert!(!corpus.bodies.is_empty(), "{name}: the files are read");
            }
            if *name == "stale" {
                // The same articles, in another order: the same results.
                let mut got = results(&corpus, q);
                let mut want = want.clone();
                got.sort();
                want.sort();
                assert_eq!(got, want, "{name}");
            } else {
                assert_eq!(&results(&corpus, q), want, "{name}");
            }
        }
        std::fs::remove_dir_all(&dir).ok();
    }
}
