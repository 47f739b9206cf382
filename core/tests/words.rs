//! The interface words (src/words.rs, i18n/*.json): every table complete and well formed,
//! plurals by each language's rules, digits as the browser's `Intl` writes them.

use meridian_core::words::{bundled, plural, zero_digit, Words, ENGLISH, LANGUAGES, PLURAL_FORMS};
use std::collections::{BTreeMap, BTreeSet};

fn table(language: &str) -> BTreeMap<String, String> {
    let text = if language == "en" {
        ENGLISH
    } else {
        bundled(language).unwrap()
    };
    serde_json::from_str(text).unwrap_or_else(|e| panic!("i18n/{language}.json: {e}"))
}

/// The placeholders (`{name}`) of a text.
fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}

#[test]
fn every_language_has_every_word_with_the_same_placeholders() {
    let english = table("en");
    for language in LANGUAGES {
        let words = table(language);
        for (key, en) in &english {
            if let Some((base, "other")) = key.rsplit_once('.') {
                // Each plural form the language uses, for a few counts.
                for n in [0, 1, 2, 3, 5, 11, 21, 100, 101, 1_000_000] {
                    let form = format!("{base}.{}", plural(language, n));
                    let text = words.get(&form).or(words.get(key));
                    let text = text.unwrap_or_else(|| panic!("{language}: no {form} nor {key}"));
                    let mut wanted = placeholders(en);
                    // A form for one number may spell it out ("نتيجة واحدة").
                    if !["other", "many", "few"].contains(&plural(language, n)) {
                        wanted.remove("n");
                    }
                    assert!(
                        wanted.is_subset(&placeholders(text)),
                        "{language} {form}: {text:?} lacks one of {wanted:?}"
                    );
                }
                continue;
            }
            if key
                .rsplit_once('.')
                .is_some_and(|(_, f)| PLURAL_FORMS.contains(&f))
            {
                continue;
            }
            let text = words
                .get(key)
                .unwrap_or_else(|| panic!("{language}: no {key}"));
            assert!(!text.trim().is_empty(), "{language}: {key} is empty");
            assert_eq!(
                placeholders(text),
                placeholders(en),
                "{language}: {key}: {text:?}"
            );
        }
        for key in words.keys() {
            let known = english.contains_key(key)
                || key.rsplit_once('.').is_some_and(|(base, form)| {
                    PLURAL_FORMS.contains(&form) && english.contains_key(&format!("{base}.other"))
                });
            assert!(known, "{language}: {key} is not a word of the app");
        }
    }
}

#[test]
fn counts_take_the_languages_plural_forms() {
    let words = |locale: &str| {
        let language = meridian_core::words::language(locale);
        Words::new(locale, bundled(&language), &BTreeMap::new()).0
    };
    let en = words("en-US");
    assert_eq!(
        en.count("results", 1, &[("q", "rain")]),
        "1 result for “rain”"
    );
    assert_eq!(
        en.count("results", 2, &[("q", "rain")]),
        "2 results for “rain”"
    );
    // Arabic: six forms, Arabic-Indic digits in Egypt.
    let ar = words("ar-EG");
    let forms: Vec<String> = [0, 1, 2, 3, 11, 100]
        .iter()
        .map(|n| ar.count("min_read", *n, &[]))
        .collect();
    assert_eq!(forms.iter().collect::<BTreeSet<_>>().len(), 6, "{forms:?}");
    assert!(forms[3].contains('٣'), "{}", forms[3]);
    assert!(forms[4].contains("١١"), "{}", forms[4]);
    // Ukrainian: 1, 2–4 and 5+ differ; 21 is like 1, 12 like 5.
    let uk = words("uk-UA");
    let r = |n| uk.count("results", n, &[("q", "х")]);
    assert_ne!(r(1), r(2).replace('2', "1"));
    assert_ne!(r(2).replace('2', "5"), r(5));
    assert_eq!(r(21).replace("21", "1"), r(1));
    assert_eq!(r(12).replace("12", "5"), r(5));
    assert_eq!(plural("fr", 0), "one");
    assert_eq!(plural("en", 0), "other");
    assert_eq!(plural("fa", 1), "one");
    assert_eq!(plural("ar", 102), "other");
}

#[test]
fn a_sites_strings_win_and_unknown_keys_are_ignored() {
    let strings: BTreeMap<String, String> = [
        ("top_news", "الأكثر قراءة"),
        ("results.two", "نتيجتان فقط"),
        ("no_such_word", "x"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let (ar, warning) = Words::new("ar-EG", bundled("ar"), &strings);
    assert_eq!(warning, None);
    assert_eq!(ar.get("top_news"), "الأكثر قراءة");
    assert_eq!(ar.count("results", 2, &[("q", "")]), "نتيجتان فقط");
    assert_eq!(ar.get("no_such_word"), "no_such_word");
    // A language without a table is English; a damaged table is English, with a warning.
    let (sw, _) = Words::new("sw-KE", None, &BTreeMap::new());
    assert_eq!(sw.get("top_news"), "Top news");
    let (broken, warning) = Words::new("fr-FR", Some("{\"top_news\": "), &BTreeMap::new());
    assert_eq!(broken.get("top_news"), "Top news");
    assert!(warning.unwrap().contains("fr-FR"));
}

#[test]
fn lists_of_names_read_in_the_language() {
    let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let en = Words::new("en", None, &BTreeMap::new()).0;
    assert_eq!(en.list(&names(&["Ana"])), "Ana");
    assert_eq!(en.list(&names(&["Ana", "Tom", "Lea"])), "Ana, Tom and Lea");
    let ar = Words::new("ar", bundled("ar"), &BTreeMap::new()).0;
    assert_eq!(ar.list(&names(&["سارة", "علي", "منى"])), "سارة، علي ومنى");
}

#[test]
fn digits_follow_the_locales_default_numbering_system() {
    // What Chromium's Intl.NumberFormat writes (checked in tests/e2e/languages.test.mjs).
    for (locale, zero) in [
        ("en-US", '0'),
        ("ar", '0'),
        ("ar-EG", '٠'),
        ("ar-SA", '٠'),
        ("ar-MA", '0'),
        ("ar-AE", '0'),
        ("fa-IR", '۰'),
        ("fa", '۰'),
        ("ur-PK", '0'),
        ("ur-IN", '۰'),
        ("uk-UA", '0'),
        ("el-GR", '0'),
        ("ar-EG-u-nu-latn", '0'),
        ("en-u-nu-arab", '٠'),
    ] {
        assert_eq!(zero_digit(locale), zero, "{locale}");
    }
    let fa = Words::new("fa-IR", bundled("fa"), &BTreeMap::new()).0;
    assert_eq!(fa.number(1405), "۱۴۰۵");
    assert_eq!(fa.digits("-3 °C"), "-۳ °C");
}

#[test]
fn the_live_words_travel_in_the_page() {
    let strings = [("share".to_string(), "Two\nlines".to_string())].into();
    let uk = Words::new("uk-UA", bundled("uk"), &strings).0;
    let live = Words::live(uk.counter_style(), &uk.live_text());
    for key in meridian_core::words::LIVE_KEYS {
        assert_eq!(live.get(key), uk.get(key).replace('\n', " "));
    }
    assert_eq!(live.digits("-3"), "-3");
    // Fewer words than keys (a page from an older build): the rest show as their keys.
    assert_eq!(Words::live(None, "Темний режим").get("share"), "share");
    let fa = Words::new("fa-IR", bundled("fa"), &BTreeMap::new()).0;
    assert_eq!(Words::live(fa.counter_style(), "").digits("21"), "۲۱");
}

#[test]
fn placeholders_are_filled_and_other_braces_kept() {
    use meridian_core::words::fill;
    let args = [("q", "rain"), ("n", "3")];
    assert_eq!(fill("{n} results for “{q}”", &args), "3 results for “rain”");
    assert_eq!(fill("{x} {q} {q", &args), "{x} rain {q");
    assert_eq!(fill("{}{{q}}", &args), "{}{rain}");
    // A value is not filled again.
    assert_eq!(fill("{q}", &[("q", "{n}"), ("n", "3")]), "{n}");
}
