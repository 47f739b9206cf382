//! The sharded body-search index (format 2): round trip, damaged files, and every query
//! answered from the index equals a brute-force scan of the bodies with
//! `search::text_matches`, fetching only the files a client would.

use meridian_core::model::{decode, Article, IndexPage};
use meridian_core::search::{text_matches, words};
use meridian_core::search_index::{
    blocks, body_hits, build, decode_docs, decode_postings, encode_docs, encode_postings,
    fingerprint, fnv1a32, positions_file, positions_needed, shard_file, shard_of, shards_needed,
    BodyHits, Index, Meta, Missing, Positions, Shard, HASH_SCHEME, VERSION,
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

/// Every file of an index, as a client holding all of them would have.
fn all(index: &Index) -> (HashMap<usize, Shard>, HashMap<(usize, usize), Positions>) {
    (
        index.shards.iter().cloned().enumerate().collect(),
        index
            .positions
            .iter()
            .map(|(k, v)| (*k, v.clone()))
            .collect(),
    )
}

/// The slugs whose body matches, by scanning every body.
fn brute(articles: &[(String, String)], terms: &[String], exact: bool) -> Vec<String> {
    articles
        .iter()
        .filter(|(_, body)| text_matches(body, terms, exact))
        .map(|(slug, _)| slug.clone())
        .collect()
}

/// [`brute`] over bodies already split into words (`text_matches` on them).
fn brute_words(
    articles: &[(String, String)],
    ws: &[Vec<String>],
    terms: &[String],
    exact: bool,
) -> Vec<String> {
    articles
        .iter()
        .zip(ws)
        .filter(|(_, w)| {
            !terms.is_empty()
                && if exact {
                    w.windows(terms.len()).any(|x| x == terms)
                } else {
                    terms.iter().all(|t| w.contains(t))
                }
        })
        .map(|((slug, _), _)| slug.clone())
        .collect()
}

/// Asks the index for `terms` the way a client does: the shards first, then the positions
/// files the shards say are needed, nothing else.
fn ask(index: &Index, terms: &[String], exact: bool) -> BodyHits {
    let meta = &index.meta;
    let shards: HashMap<usize, Shard> = shards_needed(meta, terms)
        .into_iter()
        .map(|i| (i, index.shards[i].clone()))
        .collect();
    // Without its positions files, a phrase asks for them.
    let needed = positions_needed(meta, &shards, terms, exact).unwrap();
    if !needed.is_empty() {
        let names: Vec<String> = needed
            .iter()
            .map(|(s, b)| positions_file(meta, *s, *b))
            .collect();
        match body_hits(meta, &shards, &HashMap::new(), terms, exact) {
            Err(Missing(name)) => assert!(names.contains(&name), "{name} not in {names:?}"),
            other => panic!("{other:?} without positions"),
        }
    }
    let positions: HashMap<(usize, usize), Positions> = needed
        .into_iter()
        .filter_map(|k| index.positions.get(&k).map(|p| (k, p.clone())))
        .collect();
    body_hits(meta, &shards, &positions, terms, exact).unwrap()
}

/// Asserts the index answers `query` like the scan: the matches, and which body holds
/// which word. `ws` is `words` of each body.
fn check_built(
    articles: &[(String, String)],
    ws: &[Vec<String>],
    index: &Index,
    query: &str,
    exact: bool,
) {
    let terms = words(query);
    let hits = ask(index, &terms, exact);
    let slugs: Vec<String> = hits
        .matches
        .iter()
        .map(|d| articles[*d as usize].0.clone())
        .collect();
    assert_eq!(
        slugs,
        brute_words(articles, ws, &terms, exact),
        "query {query:?} exact={exact} shards={} block={}",
        index.meta.shards,
        index.meta.block
    );
    // The scan itself, once in a while, to keep `brute_words` honest.
    if query.len() % 7 == 0 {
        assert_eq!(slugs, brute(articles, &terms, exact));
    }
    for t in &terms {
        for (doc, (slug, w)) in articles.iter().zip(ws).enumerate() {
            assert_eq!(
                hits.has(t, doc as u32),
                w.contains(t),
                "{t:?} in {}, query {query:?}",
                slug.0
            );
        }
    }
}

fn split(articles: &[(String, String)]) -> Vec<Vec<String>> {
    articles.iter().map(|(_, b)| words(b)).collect()
}

fn check(articles: &[(String, String)], shards: usize, block: usize, query: &str, exact: bool) {
    check_built(
        articles,
        &split(articles),
        &build(articles, shards, block),
        query,
        exact,
    );
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
fn doc_ids_and_postings_are_delta_encoded_and_round_trip() {
    assert_eq!(encode_docs(&[3, 5, 40]), vec![3, 2, 35]);
    assert_eq!(decode_docs(&[3, 2, 35]), vec![3, 5, 40]);
    assert_eq!(decode_docs(&[]), Vec::<u32>::new());
    // Damaged lists: repeats dropped, sums saturate; always ascending, never a panic.
    assert_eq!(decode_docs(&[0, 0, 4, u32::MAX, 1]), vec![0, 4, u32::MAX]);
    let list = vec![(3, vec![17, 57]), (5, vec![5]), (40, vec![0, 1, 2, 1000])];
    let encoded = encode_postings(&list);
    assert_eq!(
        encoded,
        vec![vec![3, 17, 40], vec![2, 5], vec![35, 0, 1, 1, 998]]
    );
    assert_eq!(decode_postings(&encoded), list);
    assert_eq!(
        decode_postings(&[vec![], vec![u32::MAX, 1], vec![9]]),
        vec![(u32::MAX, vec![1])]
    );
}

#[test]
fn shard_numbers_are_zero_padded_and_block_numbers_not() {
    let (meta, _) = {
        let index = build(&corpus(), 101, 3);
        (index.meta, ())
    };
    assert_eq!(blocks(&meta), 3);
    assert_eq!(positions_file(&meta, 5, 2), "pos-005-2.json");
}

#[test]
fn meta_shards_and_positions_round_trip_through_json() {
    let articles = corpus();
    let index = build(&articles, 4, 3);
    let meta = &index.meta;
    assert_eq!(meta.version, VERSION);
    assert_eq!(meta.hash, HASH_SCHEME);
    assert_eq!((meta.shards, meta.docs, meta.block), (4, 7, 3));
    assert_eq!(meta.problem(), None);
    assert!(meta.describes(articles.iter().map(|(s, _)| s.as_str())));
    let text = serde_json::to_string(meta).unwrap();
    assert_eq!(
        text,
        format!(
            r#"{{"version":3,"hash":"fnv1a32","shards":4,"docs":7,"fingerprint":"{}","block":3}}"#,
            fingerprint(articles.iter().map(|(s, _)| s.as_str()))
        )
    );
    assert_eq!(&serde_json::from_str::<Meta>(&text).unwrap(), meta);
    assert_eq!(index.shards.len(), 4);
    for (i, shard) in index.shards.iter().enumerate() {
        for term in shard.terms.keys() {
            assert_eq!(shard_of(term, 4), i, "{term} is in the wrong shard");
        }
        let text = serde_json::to_string(shard).unwrap();
        assert_eq!(&serde_json::from_str::<Shard>(&text).unwrap(), shard);
    }
    for ((s, b), positions) in &index.positions {
        assert!(!positions.terms.is_empty(), "an empty file is not written");
        for (term, list) in &positions.terms {
            assert_eq!(shard_of(term, 4), *s);
            for (doc, _) in decode_postings(list) {
                assert_eq!(doc as usize / 3, *b, "{term}: doc {doc} outside block {b}");
            }
        }
        let text = serde_json::to_string(positions).unwrap();
        assert_eq!(
            &serde_json::from_str::<Positions>(&text).unwrap(),
            positions
        );
    }
    // "cafe": doc 0 word 8 ("café"); doc 1 words 0, 3, 5 ("Café", "cafe", "CAFÉ"; "café’s"
    // and "cafés" are "cafes"). Both in block 0.
    let s = shard_of("cafe", 4);
    assert_eq!(index.shards[s].terms["cafe"], vec![0, 1]);
    assert_eq!(
        index.positions[&(s, 0)].terms["cafe"],
        vec![vec![0, 8], vec![1, 0, 3, 2]]
    );
    // Terms are exactly the normalised words of the bodies.
    let mut all_terms: Vec<&String> = index.shards.iter().flat_map(|s| s.terms.keys()).collect();
    all_terms.sort();
    let mut expected: Vec<String> = articles.iter().flat_map(|(_, b)| words(b)).collect();
    expected.sort();
    expected.dedup();
    assert_eq!(all_terms, expected.iter().collect::<Vec<_>>());
    // The same content gives the same files.
    assert_eq!(build(&articles, 4, 3), index);
}

#[test]
fn a_stale_or_foreign_meta_is_refused() {
    let articles = corpus();
    let meta = build(&articles, 4, 3).meta;
    let slugs: Vec<&str> = articles.iter().map(|(s, _)| s.as_str()).collect();
    assert!(meta.describes(slugs.iter().copied()));
    // One article more, one less, or the same ones in another order: stale.
    assert!(!meta.describes(slugs[1..].iter().copied()));
    let mut more = slugs.clone();
    more.insert(0, "breaking-news");
    assert!(!meta.describes(more.iter().copied()));
    let mut swapped = slugs.clone();
    swapped.swap(0, 1);
    assert!(!meta.describes(swapped.iter().copied()));
    for broken in [
        Meta {
            version: 1,
            ..meta.clone()
        },
        Meta {
            hash: "murmur3".into(),
            ..meta.clone()
        },
        Meta {
            shards: 0,
            ..meta.clone()
        },
        Meta {
            block: 0,
            ..meta.clone()
        },
    ] {
        assert!(broken.problem().is_some(), "{broken:?}");
    }
    // A format-1 meta.json does not even decode as format 2.
    assert!(serde_json::from_str::<Meta>(
        r#"{"version":1,"hash":"fnv1a32","shards":4,"articles":["a","b"]}"#
    )
    .is_err());
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
    let ws = split(&articles);
    for (shards, block) in [(1, 1000), (2, 1), (3, 2), (16, 3)] {
        let index = build(&articles, shards, block);
        for q in queries {
            for exact in [false, true] {
                check_built(&articles, &ws, &index, q, exact);
            }
        }
    }
}

#[test]
fn a_phrase_spans_blocks_as_in_the_scan() {
    // body_text puts one block a line; text_matches treats the newline as a separator.
    let articles = corpus();
    check(&articles, 2, 2, "signed in liege a cafe", true);
    check(&articles, 2, 2, "meuse the grid is", true);
    let index = build(&articles, 2, 2);
    let hits = ask(&index, &words("grid is"), true);
    // "grid-deal" (doc 0) and "liege" (doc 6).
    assert_eq!(hits.matches, vec![0, 6]);
}

#[test]
fn only_a_phrase_needs_positions_and_only_in_blocks_with_candidates() {
    let articles = corpus();
    let index = build(&articles, 3, 2);
    let (shards, _) = all(&index);
    let meta = &index.meta;
    for q in ["deal", "grid deal", "deal deal"] {
        assert!(positions_needed(meta, &shards, &words(q), false)
            .unwrap()
            .is_empty());
    }
    assert!(positions_needed(meta, &shards, &words("deal"), true)
        .unwrap()
        .is_empty());
    // "grid" and "deal" are both in docs 0 ("grid-deal"), 5 ("repeat") and 6 ("liege"):
    // blocks 0 and 2 of 2 docs, none from block 1.
    let needed = positions_needed(meta, &shards, &words("grid deal"), true).unwrap();
    let blocks_asked: Vec<usize> = needed.iter().map(|(_, b)| *b).collect();
    assert!(
        blocks_asked.iter().all(|b| [0, 2, 3].contains(b)),
        "{needed:?}"
    );
    assert!(!blocks_asked.contains(&1));
    // No doc has both words: nothing to fetch.
    assert!(positions_needed(meta, &shards, &words("meuse cafe"), true)
        .unwrap()
        .is_empty());
}

#[test]
fn a_missing_file_is_reported_never_guessed() {
    let index = build(&corpus(), 8, 1000);
    let meta = &index.meta;
    let deal = shard_of("deal", 8);
    assert_eq!(
        body_hits(
            meta,
            &HashMap::new(),
            &HashMap::new(),
            &words("deal"),
            false
        ),
        Err(Missing(shard_file(deal, 8)))
    );
    assert_eq!(
        body_hits(meta, &HashMap::new(), &HashMap::new(), &[], false),
        Ok(BodyHits::default())
    );
    // A word absent from its (present) shard: no hits, not an error.
    let (shards, positions) = all(&index);
    let hits = body_hits(meta, &shards, &positions, &words("zzz deal"), false).unwrap();
    assert!(hits.matches.is_empty());
    assert!(hits.has("deal", 0) && !hits.has("zzz", 0));
}

#[test]
fn damaged_files_never_panic() {
    let index = build(&corpus(), 2, 2);
    let meta = &index.meta;
    let (mut shards, mut positions) = all(&index);
    for shard in shards.values_mut() {
        for list in shard.terms.values_mut() {
            list.push(u32::MAX);
            list.insert(0, 0);
        }
    }
    for p in positions.values_mut() {
        for list in p.terms.values_mut() {
            list.push(vec![]);
            list.push(vec![u32::MAX, u32::MAX, 1]);
        }
    }
    for q in ["grid deal", "the grid", "deal deal deal"] {
        for exact in [false, true] {
            let _ = body_hits(meta, &shards, &positions, &words(q), exact);
        }
    }
    // A meta that claims more shards or blocks than there are files.
    let liar = Meta {
        shards: 1000,
        block: 1,
        ..meta.clone()
    };
    assert!(body_hits(&liar, &shards, &positions, &words("grid deal"), true).is_err());
}

/// The bodies of the sample paper in `public/api`, as `build_search_index` reads them.
fn sample_paper() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/api");
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
    let index = build(&articles, 7, 10);
    let ws = split(&articles);
    for q in &queries {
        for exact in [false, true] {
            check_built(&articles, &ws, &index, q, exact);
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
        block in 1usize..5,
        exact in any::<bool>(),
    ) {
        let articles: Vec<(String, String)> = bodies
            .into_iter()
            .enumerate()
            .map(|(i, b)| (format!("a-{i}"), b))
            .collect();
        let index = build(&articles, shards, block);
        let (every, positions) = all(&index);
        for q in &queries {
            let terms = words(q);
            // Everything at hand, and only what a client fetches: the same answer.
            let hits = body_hits(&index.meta, &every, &positions, &terms, exact).unwrap();
            prop_assert_eq!(&hits, &ask(&index, &terms, exact));
            let slugs: Vec<String> = hits
                .matches
                .iter()
                .map(|d| articles[*d as usize].0.clone())
                .collect();
            prop_assert_eq!(&slugs, &brute(&articles, &terms, exact), "query {:?}", q);
            for (doc, (_, body)) in articles.iter().enumerate() {
                let ws = words(body);
                for t in &terms {
                    prop_assert_eq!(hits.has(t, doc as u32), ws.contains(t));
                }
            }
        }
    }
}
