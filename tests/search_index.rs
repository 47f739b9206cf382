//! The sharded body-search index: format round trip, and every query answered from the
//! index equals a brute-force scan of the bodies with `search::text_matches`.

use meridian::model::{decode, Article, IndexPage};
use meridian::search::{text_matches, words};
use meridian::search_index::{
    body_hits, build, decode_postings, encode_postings, fnv1a32, shard_file, shard_of,
    shards_needed, Meta, Shard, HASH_SCHEME, VERSION,
};
use proptest::prelude::*;
use std::collections::HashMap;

fn corpus() -> Vec<(String, String)> {
    [
        ("grid-deal", "The grid deal was signed in Liège.\nA café owner in Québec said the deal is fair; the grid is old."),
        ("cafe-culture", "Café culture: the cafe, the CAFÉ and the café’s terrace. Europe’s cafés close at 22:00."),
        ("quebec-vote", "Quebec votes in 2026. Québec City counts 549,459 people, 3% more than in 2021."),
        ("empty", ""),
        ("punctuation", "— … !!! ??? ---"),
        ("repeat", "deal deal deal no deal grid deal the grid deal"),
        ("liege", "From Liege to Liège, the river Meuse; the grid\nis the deal."),
    ]
    .iter()
    .map(|(s, b)| (s.to_string(), b.to_string()))
    .collect()
}

/// Every shard, keyed by number, as a client holding all of them would have.
fn all(shards: Vec<Shard>) -> HashMap<usize, Shard> {
    shards.into_iter().enumerate().collect()
}

/// The slugs whose body matches, by scanning every body.
fn brute(articles: &[(String, String)], terms: &[String], exact: bool) -> Vec<String> {
    articles
        .iter()
        .filter(|(_, body)| text_matches(body, terms, exact))
        .map(|(slug, _)| slug.clone())
        .collect()
}

/// The first match position a scan finds: first occurrence of any term, or first phrase.
fn brute_first(body: &str, terms: &[String], exact: bool) -> Option<u32> {
    let ws = words(body);
    let p = if exact {
        ws.windows(terms.len()).position(|w| w == terms)
    } else {
        ws.iter().position(|w| terms.contains(w))
    };
    p.map(|p| p as u32)
}

/// Asserts the index answers `query` like the scan, with the same first positions.
fn check(articles: &[(String, String)], shards: usize, query: &str, exact: bool) {
    let (meta, built) = build(articles, shards);
    check_built(articles, &meta, &built, query, exact);
}

/// [`check`] against an index built once.
fn check_built(
    articles: &[(String, String)],
    meta: &Meta,
    built: &[Shard],
    query: &str,
    exact: bool,
) {
    let shards = meta.shards;
    let terms = words(query);
    // Only the shards the query needs, as a client would fetch them.
    let needed: HashMap<usize, Shard> = shards_needed(meta, &terms)
        .into_iter()
        .map(|i| (i, built[i].clone()))
        .collect();
    let hits = body_hits(meta, &needed, &terms, exact);
    let slugs: Vec<String> = hits.iter().map(|(s, _)| s.clone()).collect();
    assert_eq!(
        slugs,
        brute(articles, &terms, exact),
        "query {query:?} exact={exact} shards={shards}"
    );
    for (slug, first) in hits {
        let body = &articles.iter().find(|(s, _)| *s == slug).unwrap().1;
        assert_eq!(
            Some(first),
            brute_first(body, &terms, exact),
            "{query:?} in {slug}"
        );
    }
}

#[test]
fn fnv1a_is_the_reference_hash() {
    // Reference values of 32-bit FNV-1a.
    assert_eq!(fnv1a32(b""), 0x811c_9dc5);
    assert_eq!(fnv1a32(b"a"), 0xe40c_292c);
    assert_eq!(fnv1a32(b"foobar"), 0xbf9c_f968);
    assert_eq!(shard_of("a", 16), 0xe40c_292c % 16);
    assert_eq!(shard_of("anything", 0), 0);
    assert_eq!(shard_of("anything", 1), 0);
}

#[test]
fn shard_files_are_zero_padded() {
    assert_eq!(shard_file(0, 1), "shard-00.json");
    assert_eq!(shard_file(7, 64), "shard-07.json");
    assert_eq!(shard_file(99, 100), "shard-99.json");
    assert_eq!(shard_file(5, 101), "shard-005.json");
    assert_eq!(shard_file(1023, 1024), "shard-1023.json");
}

#[test]
fn postings_are_delta_encoded_and_round_trip() {
    let list = vec![(3, vec![17, 57]), (5, vec![5]), (40, vec![0, 1, 2, 1000])];
    let encoded = encode_postings(&list);
    assert_eq!(
        encoded,
        vec![vec![3, 17, 40], vec![2, 5], vec![35, 0, 1, 1, 998]]
    );
    assert_eq!(decode_postings(&encoded), list);
    // Damaged entries are skipped or saturate; never a panic.
    assert_eq!(
        decode_postings(&[vec![], vec![u32::MAX, 1], vec![9]]),
        vec![(u32::MAX, vec![1])]
    );
}

#[test]
fn meta_and_shards_round_trip_through_json() {
    let articles = corpus();
    let (meta, built) = build(&articles, 4);
    assert_eq!(meta.version, VERSION);
    assert_eq!(meta.hash, HASH_SCHEME);
    assert_eq!(meta.shards, 4);
    assert_eq!(
        meta.articles,
        articles.iter().map(|(s, _)| s.clone()).collect::<Vec<_>>()
    );
    let text = serde_json::to_string(&meta).unwrap();
    assert!(text.starts_with(r#"{"version":1,"hash":"fnv1a32","shards":4,"articles":["#));
    assert_eq!(serde_json::from_str::<Meta>(&text).unwrap(), meta);
    assert_eq!(built.len(), 4);
    for (i, shard) in built.iter().enumerate() {
        for term in shard.terms.keys() {
            assert_eq!(shard_of(term, 4), i, "{term} is in the wrong shard");
        }
        let text = serde_json::to_string(shard).unwrap();
        assert_eq!(&serde_json::from_str::<Shard>(&text).unwrap(), shard);
    }
    // "cafe": doc 0 word 8 ("café"); doc 1 words 0, 3, 5 ("Café", "cafe", "CAFÉ"; "café’s"
    // and "cafés" are "cafes").
    let cafe = &built[shard_of("cafe", 4)].terms["cafe"];
    assert_eq!(cafe, &vec![vec![0, 8], vec![1, 0, 3, 2]]);
    // Terms are exactly the normalised words of the bodies.
    let mut all_terms: Vec<&String> = built.iter().flat_map(|s| s.terms.keys()).collect();
    all_terms.sort();
    let mut expected: Vec<String> = articles.iter().flat_map(|(_, b)| words(b)).collect();
    expected.sort();
    expected.dedup();
    assert_eq!(all_terms, expected.iter().collect::<Vec<_>>());
}

#[test]
fn the_index_answers_like_a_scan() {
    let articles = corpus();
    let queries = [
        "deal",
        "grid",
        "the",
        "café",
        "CAFE",
        "Quebec",
        "québec",
        "liège",
        "LIEGE",
        "2026",
        "549",
        "22",
        "café’s",
        "europe's",
        "grid deal",
        "deal grid",
        "the grid deal",
        "grid is",
        "deal deal",
        "deal deal deal deal",
        "no deal grid",
        "said the deal",
        "old grid",
        "nothing here",
        "meuse grid",
        "the grid\nis the deal",
        "",
        "!!!",
    ];
    for shards in [1, 2, 3, 16] {
        let (meta, built) = build(&articles, shards);
        for q in queries {
            for exact in [false, true] {
                check_built(&articles, &meta, &built, q, exact);
            }
        }
    }
}

#[test]
fn a_phrase_spans_blocks_as_in_the_scan() {
    // body_text puts one block a line; text_matches treats the newline as a separator.
    let articles = corpus();
    check(&articles, 2, "signed in liege a cafe", true);
    check(&articles, 2, "meuse the grid is", true);
    let (meta, built) = build(&articles, 2);
    let hits = body_hits(&meta, &all(built), &words("grid is"), true);
    assert_eq!(
        hits,
        vec![("grid-deal".to_string(), 18), ("liege".to_string(), 8)]
    );
}

#[test]
fn a_missing_shard_counts_as_no_hits() {
    let (meta, _) = build(&corpus(), 8);
    assert!(body_hits(&meta, &HashMap::new(), &words("deal"), false).is_empty());
    assert!(body_hits(&meta, &HashMap::new(), &[], false).is_empty());
}

/// The bodies of the sample paper in `public/api`, as `build_search_index` reads them.
fn sample_paper() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/public/api");
    let text = std::fs::read_to_string(format!("{dir}/articles.json")).unwrap();
    let index: IndexPage = decode("articles.json", &text).unwrap();
    index
        .articles
        .iter()
        .map(|a| {
            let path = format!("{dir}/articles/{}.json", &*a.slug);
            let article: Article = decode(&path, &std::fs::read_to_string(&path).unwrap()).unwrap();
            (a.slug.0.clone(), article.body_text())
        })
        .collect()
}

#[test]
fn the_sample_paper_answers_like_a_scan() {
    let articles = sample_paper();
    assert!(articles.len() > 10);
    let mut queries: Vec<String> = [
        "the",
        "glacier",
        "water deal",
        "meltwater",
        "bottling company",
        "aosta valley",
        "Aosta Valley",
        "thirty years",
        "the the",
        "of the",
        "café",
        "2026",
        "zzzz",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // A word and a 3-word phrase from the start and the middle of each body.
    for (_, body) in &articles {
        let ws = words(body);
        for start in [0, ws.len() / 2] {
            for n in [1, 3] {
                if start + n <= ws.len() {
                    queries.push(ws[start..start + n].join(" "));
                }
            }
        }
    }
    let (meta, built) = build(&articles, 7);
    for q in &queries {
        for exact in [false, true] {
            check_built(&articles, &meta, &built, q, exact);
        }
    }
}

/// Small corpora from a small vocabulary (with accents, capitals and apostrophes) so
/// queries often hit, and words repeat inside a body.
fn body() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "a", "b", "cafe", "Café", "CAFÉ", "liège", "Liege", "x’s", "x's", "x", "2026", "ünd",
        "und", "Straße", "strasse", "œuvre",
    ]);
    let sep = prop::sample::select(vec![" ", " ", " ", ", ", ". ", "\n", " — ", "-"]);
    prop::collection::vec((word, sep), 0..30).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(w, s)| format!("{w}{s}"))
            .collect::<String>()
    })
}

fn query() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "a", "b", "café", "cafe", "LIEGE", "x's", "x", "2026", "und", "ünd", "strasse", "oeuvre",
        "nope",
    ]);
    prop::collection::vec(word, 0..4).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn index_equals_brute_force(
        bodies in prop::collection::vec(body(), 0..12),
        queries in prop::collection::vec(query(), 1..6),
        shards in 1usize..6,
        exact in any::<bool>(),
    ) {
        let articles: Vec<(String, String)> = bodies
            .into_iter()
            .enumerate()
            .map(|(i, b)| (format!("a-{i}"), b))
            .collect();
        let (meta, built) = build(&articles, shards);
        let every = all(built);
        for q in &queries {
            let terms = words(q);
            let hits = body_hits(&meta, &every, &terms, exact);
            let slugs: Vec<String> = hits.iter().map(|(s, _)| s.clone()).collect();
            prop_assert_eq!(&slugs, &brute(&articles, &terms, exact), "query {:?}", q);
            for (slug, first) in &hits {
                let body = &articles.iter().find(|(s, _)| s == slug).unwrap().1;
                prop_assert_eq!(Some(*first), brute_first(body, &terms, exact));
            }
        }
    }
}
