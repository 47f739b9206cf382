//! Search filters ⇄ query string, normalisation and matching.

use meridian_core::model::{decode, ArticleSummary};
use meridian_core::search::{normalize, run, words, Fields, SearchQuery, Sort};

fn parse(qs: &str) -> SearchQuery {
    let pairs: Vec<(String, String)> = qs
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_string(), v.replace("%20", " "))
        })
        .collect();
    SearchQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

#[test]
fn the_query_string_round_trips() {
    for qs in [
        "",
        "q=grid",
        "q=grid%20deal&exact=1&in=title,body&category=world,business&from=2026-11-01&to=2026-11-20&sort=oldest&page=2",
        "q=x&in=standfirst&sort=newest",
    ] {
        assert_eq!(parse(qs).to_query_string(), qs, "{qs}");
    }
}

#[test]
fn bad_filter_values_are_ignored() {
    let q = parse("in=nothing&category=Bad%20Slug&from=yesterday&sort=sideways&page=-2&x=1");
    assert_eq!(q.fields, Fields::default());
    assert!(q.categories.is_empty() && q.from.is_none());
    assert_eq!((q.sort, q.page), (Sort::Relevance, 1));
}

#[test]
fn repeated_form_keys_are_merged() {
    let q = parse("in=title&in=body&category=world&category=sport&category=world");
    assert_eq!(
        q.fields,
        Fields {
            title: true,
            standfirst: false,
            body: true
        }
    );
    assert_eq!(q.categories, ["world", "sport"]);
}

#[test]
fn normalisation_folds_case_and_accents() {
    assert_eq!(
        normalize("Québec LIÈGE São Straße"),
        "quebec liege sao strasse"
    );
    assert_eq!(
        words("Europe’s grid: a €2bn deal!"),
        ["europes", "grid", "a", "2bn", "deal"]
    );
}

fn article(slug: &str, title: &str, standfirst: &str, day: u32) -> ArticleSummary {
    decode(
        "t",
        &format!(r#"{{"slug":"{slug}","title":"{title}","standfirst":"{standfirst}","category":"world","published":"2026-11-{day:02}T10:00:00Z"}}"#),
    )
    .unwrap()
}

#[test]
fn matching_is_whole_word_and_ranks_title_over_standfirst() {
    let list = vec![
        article("in-standfirst", "Other news", "The power grid deal", 5),
        article("in-title", "Grid deal agreed", "Leaders meet", 1),
        article("partial", "Gridlock in town", "Traffic", 9),
        article("quebec", "Québec director chosen", "Festival", 3),
    ];
    let hits: Vec<&str> = run(&list, &parse("q=grid"), |_| None)
        .iter()
        .map(|a| &*a.slug)
        .collect();
    assert_eq!(hits, ["in-title", "in-standfirst"]);
    let hits: Vec<&str> = run(&list, &parse("q=quebec"), |_| None)
        .iter()
        .map(|a| &*a.slug)
        .collect();
    assert_eq!(hits, ["quebec"]);
    let hits: Vec<&str> = run(&list, &parse("q=deal%20grid&exact=1"), |_| None)
        .iter()
        .map(|a| &*a.slug)
        .collect();
    assert!(hits.is_empty(), "exact needs the phrase in order: {hits:?}");
    let hits: Vec<&str> = run(&list, &parse("q=grid&in=standfirst"), |_| None)
        .iter()
        .map(|a| &*a.slug)
        .collect();
    assert_eq!(hits, ["in-standfirst"]);
    let hits: Vec<&str> = run(&list, &parse("q=grid&sort=newest"), |_| None)
        .iter()
        .map(|a| &*a.slug)
        .collect();
    assert_eq!(hits, ["in-standfirst", "in-title"]);
    let hits: Vec<&str> = run(&list, &parse("q=grid&to=2026-11-02"), |_| None)
        .iter()
        .map(|a| &*a.slug)
        .collect();
    assert_eq!(hits, ["in-title"]);
}

fn terms(q: &str) -> Vec<String> {
    words(q)
}

#[test]
fn highlights_mark_each_word_or_the_whole_phrase() {
    use meridian_core::search::highlight;
    let marked = |text: &str, q: &str, exact: bool| -> String {
        highlight(text, &terms(q), exact)
            .into_iter()
            .map(|(t, m)| if m { format!("[{t}]") } else { t })
            .collect()
    };
    assert_eq!(
        marked("The Grid deal: grid prices fall", "grid", false),
        "The [Grid] deal: [grid] prices fall"
    );
    assert_eq!(
        marked("Festival picks Québec director", "quebec", false),
        "Festival picks [Québec] director"
    );
    assert_eq!(
        marked("Europe’s grid deal", "europes grid deal", true),
        "[Europe’s grid deal]"
    );
    assert_eq!(
        marked("grid deal then deal grid", "grid deal", true),
        "[grid deal] then deal grid"
    );
    assert_eq!(marked("no match here", "grid", false), "no match here");
    assert_eq!(marked("", "grid", false), "");
}

#[test]
fn snippets_surround_the_first_hit_at_word_boundaries() {
    use meridian_core::search::snippet;
    let text = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen.";
    assert_eq!(
        snippet(text, &terms("seven"), false, 12).as_deref(),
        Some("…five six seven eight nine…")
    );
    assert_eq!(
        snippet(text, &terms("one"), false, 8).as_deref(),
        Some("One two…")
    );
    assert_eq!(snippet(text, &terms("absent"), false, 8), None);
    assert_eq!(
        snippet("Liège café", &terms("cafe"), false, 40).as_deref(),
        Some("Liège café")
    );
}

#[test]
fn body_words_count_in_search_when_body_is_on() {
    let list = vec![article("a", "Markets", "Prices", 1)];
    let body = "The barge operators met in Liège.";
    let hits = run(&list, &parse("q=liege"), |_| Some(body));
    assert_eq!(hits.len(), 1);
    let hits = run(&list, &parse("q=liege&in=title,standfirst"), |_| Some(body));
    assert!(hits.is_empty());
}

#[test]
fn snippets_mark_block_boundaries() {
    use meridian_core::search::snippet;
    let body = "A fund with strings attached\nThe money will not flow.";
    assert_eq!(
        snippet(body, &terms("money"), false, 60).as_deref(),
        Some("A fund with strings attached · The money will not flow.")
    );
}

mod ranking_by_word_ids {
    //! `run_with` matches titles and standfirsts through word ids made once per index
    //! (`Folded`); it must rank exactly as a scan of the texts with `text_matches` does.
    use meridian_core::model::{decode, ArticleSummary};
    use meridian_core::search::{run_with, text_matches, words, Body, Fields, Folded, SearchQuery};
    use proptest::prelude::*;

    /// The ranking of the scan: title 3, standfirst 2, body 1, or 1 for words spread over
    /// the fields searched; newest first on ties.
    fn reference<'a>(list: &'a [(ArticleSummary, String)], q: &SearchQuery) -> Vec<&'a str> {
        let terms = words(&q.q);
        let f = q.fields;
        let mut hits: Vec<(u32, &ArticleSummary)> = list
            .iter()
            .filter_map(|(a, body)| {
                if terms.is_empty() {
                    return Some((0, a));
                }
                let sf = a.standfirst.as_deref().unwrap_or("");
                let m = |on: bool, t: &str| on && text_matches(t, &terms, q.exact);
                let total = 3 * u32::from(m(f.title, &a.title))
                    + 2 * u32::from(m(f.standfirst, sf))
                    + u32::from(m(f.body, body));
                let all = [
                    (f.title, a.title.as_str()),
                    (f.standfirst, sf),
                    (f.body, body),
                ]
                .iter()
                .filter(|(on, _)| *on)
                .map(|(_, t)| format!("{t} "))
                .collect::<String>();
                let spread = !q.exact && text_matches(&all, &terms, false);
                match (total, spread) {
                    (0, false) => None,
                    (0, true) => Some((1, a)),
                    (t, _) => Some((t, a)),
                }
            })
            .collect();
        hits.sort_by(|(sa, a), (sb, b)| sb.cmp(sa).then(b.published.cmp(&a.published)));
        hits.into_iter().map(|(_, a)| &*a.slug).collect()
    }

    fn text() -> impl Strategy<Value = String> {
        let word = prop::sample::select(vec![
            "grid",
            "Grid",
            "deal",
            "Québec",
            "quebec",
            "café’s",
            "cafes",
            "a",
            "the",
            "2026",
        ]);
        prop::collection::vec(word, 0..8).prop_map(|w| w.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn word_ids_rank_like_the_scan(
            entries in prop::collection::vec((text(), text(), text(), 1u32..28), 0..10),
            q in prop::collection::vec(prop::sample::select(vec!["grid", "deal", "québec", "cafés", "the", "nope", "2026"]), 0..4),
            exact in any::<bool>(),
            fields in (any::<bool>(), any::<bool>(), any::<bool>()),
        ) {
            let list: Vec<(ArticleSummary, String)> = entries
                .iter()
                .enumerate()
                .map(|(i, (title, standfirst, body, day))| {
                    let json = serde_json::json!({
                        "slug": format!("a-{i}"), "title": title, "standfirst": standfirst,
                        "category": "world", "published": format!("2026-11-{day:02}T10:00:00Z"),
                    });
                    (decode::<ArticleSummary>("t", &json.to_string()).unwrap(), body.clone())
                })
                .collect();
            let fields = Fields { title: fields.0, standfirst: fields.1, body: fields.2 };
            let query = SearchQuery { q: q.join(" "), exact, fields, ..SearchQuery::default() };
            let summaries: Vec<ArticleSummary> = list.iter().map(|(a, _)| a.clone()).collect();
            let folded = Folded::new(&summaries);
            let got: Vec<&str> = run_with(&summaries, &folded, &query, |i, _| Body::Text(&list[i].1))
                .into_iter()
                .map(|(_, a)| &*a.slug)
                .collect();
            prop_assert_eq!(got, reference(&list, &query));
        }
    }
}
