//! Decoding the contract: every example, defaults, unknown fields and blocks, bad input.

use meridian_core::error::AppError;
use meridian_core::model::{ad_positions, decode, Article, Block, IndexPage, Site, Weather};

const SITE_EXAMPLE: &str = r#"{
  "name": "The Daily Meridian",
  "tagline": "Independent news, every day",
  "locale": "en-US",
  "time_zone": "Europe/Brussels",
  "content": { "kind": "static", "base": "api" },
  "categories": [
    { "slug": "world", "name": "World" },
    { "slug": "business", "name": "Business" }
  ],
  "weather": { "place": "Brussels", "url": "api/weather.json" },
  "ads": { "label": "- Advertisement -", "in_article_every": 4 }
}"#;

fn article_json(body: &str) -> String {
    format!(
        r#"{{"slug":"a","title":"T","category":"world","published":"2023-02-01T09:00:00+01:00","body":{body}}}"#
    )
}

#[test]
fn the_contract_site_example_decodes() {
    let site: Site = decode("site.json", SITE_EXAMPLE).unwrap();
    assert_eq!(site.name, "The Daily Meridian");
    assert_eq!(site.time_zone.as_deref(), Some("Europe/Brussels"));
    assert_eq!(site.categories[1].name, "Business");
    assert_eq!(site.weather.unwrap().place, "Brussels");
    assert_eq!(site.ads.unwrap().in_article_every, 4);
}

#[test]
fn site_defaults_apply_when_fields_are_absent() {
    let site: Site = decode(
        "site.json",
        r#"{"name":"N","content":{"kind":"static","base":"api"},"categories":[],"extra":true}"#,
    )
    .unwrap();
    assert_eq!(site.locale, "en-US");
    assert_eq!(site.time_zone, None);
    assert!(site.weather.is_none());
    let ads = site.ads.expect("absent ads means default ads");
    // The label is then the language's ("- Advertisement -", "- إعلان -": i18n/*.json).
    assert_eq!(ads.label, None);
    assert_eq!(ads.in_article_every, 4);
    assert!(site.strings.is_empty());
    // Words a site gives; a value that is not a string is left out, the rest kept.
    let site: Site = decode(
        "site.json",
        r#"{"name":"N","content":{"kind":"static","base":"api"},"categories":[],
            "strings":{"top_news":"Most read","related":7}}"#,
    )
    .unwrap();
    assert_eq!(site.strings.len(), 1);
    assert_eq!(site.strings["top_news"], "Most read");
}

#[test]
fn null_ads_remove_every_slot() {
    let site: Site = decode(
        "site.json",
        r#"{"name":"N","content":{"kind":"static","base":"api"},"categories":[],"ads":null}"#,
    )
    .unwrap();
    assert!(site.ads.is_none());
}

#[test]
fn a_missing_required_field_is_named_with_the_file() {
    let err = decode::<Site>(
        "site.json",
        r#"{"content":{"kind":"static","base":"api"},"categories":[]}"#,
    )
    .unwrap_err();
    let AppError::Decode { url, message, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(url, "site.json");
    assert!(message.contains("missing field `name`"), "{message}");
}

#[test]
fn a_bad_value_names_its_json_path() {
    let text = r#"{"articles":[{"slug":"ok","title":"T","category":"world","published":"2023-02-01T09:00:00Z"},
                               {"slug":"b","title":"T","category":"world","published":"yesterday"}]}"#;
    let err = decode::<IndexPage>("api/articles.json", text).unwrap_err();
    let AppError::Decode { path, message, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(path, "articles[1].published");
    assert!(message.contains("RFC 3339"), "{message}");
    assert!(err.to_string().contains("api/articles.json"));
}

#[test]
fn malformed_json_is_a_decode_error_not_a_panic() {
    for text in ["", "{", "[]", "null", r#"{"articles": [1, 2]}"#, "\u{0}"] {
        assert!(
            matches!(
                decode::<IndexPage>("x.json", text),
                Err(AppError::Decode { .. })
            ),
            "{text:?}"
        );
    }
}

#[test]
fn slugs_and_popularity_are_validated() {
    let bad = [
        r#"{"slug":"Bad Slug","title":"T","category":"w","published":"2023-02-01T09:00:00Z"}"#,
        r#"{"slug":"a","title":"T","category":"w","published":"2023-02-01T09:00:00Z","popularity":-3}"#,
    ];
    for entry in bad {
        let text = format!(r#"{{"articles":[{entry}]}}"#);
        assert!(decode::<IndexPage>("i.json", &text).is_err(), "{entry}");
    }
    let ok = r#"{"articles":[{"slug":"a-1","title":"T","category":"w","published":"2023-02-01T09:00:00Z","popularity":null}],"next":"articles-2.json"}"#;
    let page: IndexPage = decode("i.json", ok).unwrap();
    assert_eq!(page.articles[0].popularity, 0.0);
    assert_eq!(page.next.as_deref(), Some("articles-2.json"));
}

#[test]
fn every_block_type_decodes_and_unknown_blocks_are_skipped() {
    let body = r#"[
        {"type":"paragraph","text":"One"},
        {"type":"heading","text":"Two"},
        {"type":"quote","text":"Three","cite":"Someone"},
        {"type":"list","items":["a","b"],"ordered":true},
        {"type":"image","src":"images/x.jpg","alt":"X","width":800,"height":450,"caption":"C"},
        {"type":"html","html":"<p>Hi</p>"},
        {"type":"poll","question":"Skipped?"},
        {"text":"no type at all"}
    ]"#;
    let article: Article = decode("a.json", &article_json(body)).unwrap();
    assert_eq!(article.body.len(), 6);
    assert_eq!(article.body[0], Block::Paragraph { text: "One".into() });
    assert!(matches!(&article.body[3], Block::List { ordered: true, items } if items.len() == 2));
    assert!(
        matches!(&article.body[4], Block::Image(img) if img.width == 800 && img.credit.is_none())
    );
}

#[test]
fn a_known_block_with_a_bad_field_names_the_block() {
    let err = decode::<Article>(
        "a.json",
        &article_json(r#"[{"type":"paragraph","text":"ok"},{"type":"image","src":"x.jpg"}]"#),
    )
    .unwrap_err();
    assert!(err.to_string().contains("block 1"), "{err}");
    // A missing or mistyped field is named too; a `null` optional field is absent.
    for (block, says) in [
        (
            r#"{"type":"quote","cite":"Someone"}"#,
            "block 0: missing field `text`",
        ),
        (
            r#"{"type":"list","items":"a, b"}"#,
            "block 0: items: invalid type",
        ),
        (
            r#"{"type":"list","items":["a"],"ordered":"yes"}"#,
            "block 0: ordered: invalid type",
        ),
        (
            r#"{"type":"heading","text":7}"#,
            "block 0: text: invalid type",
        ),
        (
            r#"{"type":"html","html":null}"#,
            "block 0: missing field `html`",
        ),
    ] {
        let err = decode::<Article>("a.json", &article_json(&format!("[{block}]"))).unwrap_err();
        assert!(err.to_string().contains(says), "{block}: {err}");
    }
    let article: Article = decode(
        "a.json",
        &article_json(r#"[{"type":"quote","text":"Q","cite":null},{"type":"list","items":[]}]"#),
    )
    .unwrap();
    assert_eq!(
        article.body,
        [
            Block::Quote {
                text: "Q".into(),
                cite: None
            },
            Block::List {
                items: vec![],
                ordered: false
            },
        ]
    );
}

#[test]
fn weather_reads_only_the_current_fields() {
    let text = r#"{"current_units":{"temperature_2m":"°C"},"current":{"time":"2023-02-01T09:00","temperature_2m":23.0,"weather_code":1}}"#;
    let w: Weather = decode("weather.json", text).unwrap();
    assert_eq!(w.current.weather_code, 1);
    assert_eq!(w.current_units.temperature_2m, "°C");
}

#[test]
fn ad_slots_go_after_every_nth_paragraph_never_last() {
    let p = || Block::Paragraph { text: "p".into() };
    let h = || Block::Heading { text: "h".into() };
    // p p h p p | p p p  → slots after the 2nd, 4th, 6th paragraph (every 2)
    let body = vec![p(), p(), h(), p(), p(), p(), p(), p()];
    assert_eq!(ad_positions(&body, 2), vec![1, 4, 6]);
    // The 4th paragraph is the last block: no slot at the very end.
    let body = vec![p(), p(), p(), p()];
    assert_eq!(ad_positions(&body, 4), Vec::<usize>::new());
    assert_eq!(ad_positions(&body, 0), Vec::<usize>::new());
    let body = vec![p(), p(), p(), p(), h()];
    assert_eq!(ad_positions(&body, 4), vec![3]);
}

#[test]
fn word_count_covers_every_text_block() {
    let body = r#"[{"type":"paragraph","text":"one two three"},{"type":"list","items":["four five"]},{"type":"html","html":"<p>six <b>seven</b></p>"}]"#;
    let article: Article = decode("a.json", &article_json(body)).unwrap();
    assert_eq!(article.word_count(), 7);
}

#[test]
fn the_json_path_names_the_value_or_the_object_that_failed() {
    let path = |text: &str| match decode::<IndexPage>("i.json", text).unwrap_err() {
        AppError::Decode { path, .. } => path,
        e => panic!("{e:?}"),
    };
    let ok = r#"{"slug":"a","title":"T","category":"w","published":"2023-02-01T09:00:00Z"}"#;
    // A value of the wrong type, on a later line, after keys with escapes and brackets.
    let text = format!(
        "{{\"articles\": [\n {ok},\n {{\"slug\":\"b\",\"title\":\"a \\\"[q]\\\" {{x}}\",\"category\":7,\"published\":\"2023-02-01T09:00:00Z\"}}]}}"
    );
    assert_eq!(path(&text), "articles[1].category");
    // A value that fails its own check, as the last field of its object.
    let text = format!(r#"{{"articles":[{ok},{ok},{{"slug":"Bad Slug"}}]}}"#);
    assert_eq!(path(&text), "articles[2].slug");
    let text = r#"{"articles":[{"slug":"a","title":"T","category":"w","published":"2023-02-01T09:00:00Z","popularity":-1}]}"#;
    assert_eq!(path(text), "articles[0].popularity");
    // A missing field names the object that lacks it.
    let text = format!(
        r#"{{"articles":[{ok},{{"slug":"c","category":"w","published":"2023-02-01T09:00:00Z"}}]}}"#
    );
    assert_eq!(path(&text), "articles[1]");
    // Broken JSON: where the reading stopped.
    assert_eq!(path(r#"{"articles":[{"slug":"#), "articles[0].slug");
    assert_eq!(path("[]"), "$");
}

#[test]
fn the_writing_direction_follows_the_locale_unless_site_json_says() {
    let site = |extra: &str| -> Site {
        decode(
            "site.json",
            &format!(
                r#"{{"name":"N","content":{{"kind":"static","base":"api"}},"categories":[]{extra}}}"#
            ),
        )
        .unwrap()
    };
    assert_eq!(site("").direction(), "ltr");
    for locale in ["ar", "ar-EG", "fa-IR", "he", "ur-PK", "ckb"] {
        assert_eq!(
            site(&format!(r#","locale":"{locale}""#)).direction(),
            "rtl",
            "{locale}"
        );
    }
    for locale in ["en-US", "fr", "uk-UA", "el-GR", "tr"] {
        assert_eq!(
            site(&format!(r#","locale":"{locale}""#)).direction(),
            "ltr",
            "{locale}"
        );
    }
    assert_eq!(site(r#","locale":"en","dir":"rtl""#).direction(), "rtl");
    assert_eq!(site(r#","locale":"ar","dir":"ltr""#).direction(), "ltr");
    // An unknown value is ignored, not an error.
    assert_eq!(
        site(r#","locale":"ar","dir":"sideways""#).direction(),
        "rtl"
    );
}
