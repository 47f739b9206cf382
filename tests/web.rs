//! Browser tests: components mounted with fixture data in headless Chromium, asserting on
//! the DOM a reader gets. No network: every component here is data in, view out.
//! Run: `cargo test --target wasm32-unknown-unknown --test web` (see scripts/test).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use meridian::components::{
    article_body::ArticleBody,
    article_card::{ArticleCard, CardSize},
    error_view::ErrorView,
    sidebar::StoryList,
    weather::WeatherBadge,
};
use meridian::error::AppError;
use meridian::model::{decode, Ads, Article, ArticleSummary, RailItem, Weather};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{all, mount};

fn summary(slug: &str, category: &str) -> ArticleSummary {
    summary_at(slug, category, "2020-01-05T07:30:00+01:00")
}

fn summary_at(slug: &str, category: &str, published: &str) -> ArticleSummary {
    decode(
        "t",
        &format!(
            r#"{{"slug":"{slug}","title":"Title of {slug}","standfirst":"About {slug}","category":"{category}",
               "published":"{published}",
               "image":{{"src":"images/x.jpg","alt":"A picture","width":800,"height":450}}}}"#
        ),
    )
    .unwrap()
}

#[wasm_bindgen_test]
fn article_body_draws_every_block_and_places_ads_after_every_nth_paragraph() {
    let paragraphs: Vec<String> = (1..=9)
        .map(|i| format!(r#"{{"type":"paragraph","text":"Paragraph {i}"}}"#))
        .collect();
    let body = format!(
        r#"[{},{{"type":"heading","text":"A heading"}},{{"type":"quote","text":"Words","cite":"Someone"}},
            {{"type":"list","items":["one","two"],"ordered":true}},
            {{"type":"image","src":"images/y.jpg","alt":"Y","width":600,"height":800,"caption":"Cap","credit":"Cred"}},
            {{"type":"html","html":"<p>Safe <a href=\"https://example.org\">link</a></p><script>alert(1)</script><img src=x onerror=alert(2)>"}},
            {}]"#,
        paragraphs[..8].join(","),
        paragraphs[8]
    );
    let article: Article = decode(
        "a.json",
        &format!(r#"{{"slug":"a","title":"T","category":"world","published":"2026-11-24T07:30:00Z","body":{body}}}"#),
    )
    .unwrap();
    let ads = Ads {
        label: Some("- Advertisement -".into()),
        in_article_every: 4,
    };
    let el = mount(move || view! { <ArticleBody blocks=article.body ads=Some(ads) /> });
    let text = el.text_content().unwrap();
    assert!(text.contains("Paragraph 1") && text.contains("Paragraph 9"));
    assert_eq!(
        all(&el, "p")
            .iter()
            .filter(|p| p.text_content().unwrap().starts_with("Paragraph"))
            .count(),
        9
    );
    assert_eq!(all(&el, "h2").len(), 1);
    assert_eq!(
        all(&el, "blockquote cite")[0].text_content().unwrap(),
        "Someone"
    );
    assert_eq!(all(&el, "ol li").len(), 2);
    assert_eq!(
        all(&el, "figcaption")[0].text_content().unwrap(),
        "Cap Cred"
    );
    // After paragraphs 4 and 8; none at the end even though paragraph 9 is last.
    let slots = all(&el, "[data-ad-slot]");
    let ids: Vec<String> = slots.iter().map(|s| s.id()).collect();
    assert_eq!(ids, ["ad-inline-1", "ad-inline-2"]);
    for aside in all(&el, "aside.ad-slot") {
        assert_eq!(aside.get_attribute("aria-hidden").as_deref(), Some("true"));
        assert_eq!(aside.text_content().unwrap(), "- Advertisement -");
    }
    // Hostile HTML never reaches the DOM.
    assert!(all(&el, "script").is_empty());
    assert!(el.inner_html().find("onerror").is_none());
    let link = &all(&el, ".body__html a")[0];
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://example.org")
    );
    assert_eq!(
        link.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
}

#[wasm_bindgen_test]
fn html_nested_100000_deep_keeps_its_text_and_its_shape_shallow() {
    use meridian::html::{sanitize, text_of, Node};
    fn depth(nodes: &[Node]) -> usize {
        let mut deepest = 0;
        let mut stack: Vec<(&[Node], usize)> = vec![(nodes, 1)];
        while let Some((nodes, level)) = stack.pop() {
            for node in nodes {
                deepest = deepest.max(level);
                if let Node::Element { children, .. } = node {
                    stack.push((children, level + 1));
                }
            }
        }
        deepest
    }
    // The browser's parser alone would take tens of seconds over this (docs/decisions/0003).
    let n = 100_000;
    for html in [
        format!(
            "{}y{}",
            "<div><b>".repeat(n / 2),
            "</b></div>".repeat(n / 2)
        ),
        format!("{}y", "<li><ul>".repeat(n / 2)),
    ] {
        let nodes = sanitize(&html);
        assert_eq!(text_of(&nodes), "y");
        assert!(depth(&nodes) <= 65, "{} levels", depth(&nodes));
    }
}

#[wasm_bindgen_test]
fn no_ads_means_no_slots() {
    let article: Article = decode(
        "a.json",
        r#"{"slug":"a","title":"T","category":"world","published":"2026-11-24T07:30:00Z",
            "body":[{"type":"paragraph","text":"1"},{"type":"paragraph","text":"2"},{"type":"paragraph","text":"3"}]}"#,
    )
    .unwrap();
    let el = mount(move || view! { <ArticleBody blocks=article.body ads=None /> });
    assert!(all(&el, "[data-ad-slot]").is_empty());
}

#[wasm_bindgen_test]
fn weather_shows_rounded_temperature_and_words() {
    let weather: Weather = decode(
        "w.json",
        r#"{"current_units":{"temperature_2m":"°C"},"current":{"temperature_2m":22.6,"weather_code":1}}"#,
    )
    .unwrap();
    let el = mount(
        move || view! { <WeatherBadge place="Brussels".to_string() weather words=meridian::context::use_words() /> },
    );
    assert_eq!(
        all(&el, ".weather__temp")[0].text_content().unwrap(),
        "23 °C"
    );
    assert!(el
        .text_content()
        .unwrap()
        .contains("Mainly clear, Brussels"));
}

#[wasm_bindgen_test]
fn story_lists_link_each_article_and_vanish_when_empty() {
    let item = |slug: &str, category: &str| RailItem {
        slug: slug.into(),
        category: category.into(),
        title: format!("Title of {slug}"),
        section: category.to_uppercase(),
        live: slug == "b-two",
    };
    // A hostile rail file's entries that are no article address are left out.
    let items = vec![
        item("a-one", "world"),
        item("b-two", "sport"),
        item("/evil.example", "world"),
    ];
    let el = mount(move || {
        view! {
            <StoryList title="Top news" items root="/news/" ranked=true live_label="Live" />
            <StoryList title="Related articles" items=vec![] root="/news/" />
        }
    });
    assert_eq!(all(&el, "h2")[0].text_content().unwrap(), "Top news");
    assert!(!el.text_content().unwrap().contains("Related articles"));
    let hrefs: Vec<String> = all(&el, "ol a")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    assert_eq!(hrefs, ["/news/world/a-one", "/news/sport/b-two"]);
    assert_eq!(
        all(&el, ".story-list__section")[1].text_content().unwrap(),
        "SPORT"
    );
    // A live story is badged, outside its link.
    let badges = all(&el, ".badge");
    assert_eq!(badges.len(), 1);
    assert_eq!(badges[0].text_content().unwrap(), "Live");
    assert_eq!(
        all(&el, "li")[1].text_content().unwrap(),
        "LiveTitle of b-twoSPORT"
    );
}

#[wasm_bindgen_test]
fn an_article_card_links_the_article_and_reserves_its_picture() {
    let el = mount(
        || view! { <ArticleCard summary=summary("a-one", "world") size=CardSize::Standard show_section=true /> },
    );
    let link = &all(&el, "h3 a")[0];
    assert_eq!(link.get_attribute("href").as_deref(), Some("/world/a-one"));
    assert_eq!(link.text_content().unwrap(), "Title of a-one");
    assert_eq!(
        all(&el, ".card__section")[0].text_content().unwrap(),
        "World"
    );
    let img = &all(&el, "img")[0];
    assert_eq!(
        img.get_attribute("src").as_deref(),
        Some("/api/images/x.jpg")
    );
    assert_eq!(
        (
            img.get_attribute("width").as_deref(),
            img.get_attribute("height").as_deref()
        ),
        (Some("800"), Some("450"))
    );
    let time = &all(&el, "time")[0];
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2020-01-05T07:30:00+01:00")
    );
    // Older than a week: the date; the exact time on hover.
    assert_eq!(time.text_content().unwrap(), "Jan 5, 2020");
    assert_eq!(
        time.get_attribute("title").as_deref(),
        Some("January 5, 2020 at 7:30 AM")
    );
}

#[wasm_bindgen_test]
fn pictures_offer_every_width_the_content_gives() {
    let mut s = summary("wide", "world");
    if let Some(img) = s.image.as_mut() {
        img.srcset = Some("images/x-400.jpg 400w, images/x-1600.jpg 1600w".into());
    }
    let el = mount(move || view! { <ArticleCard summary=s size=CardSize::Standard /> });
    let img = &all(&el, "img")[0];
    assert_eq!(
        img.get_attribute("srcset").as_deref(),
        Some("/api/images/x-400.jpg 400w, /api/images/x-1600.jpg 1600w")
    );
    assert!(img.get_attribute("sizes").is_some());
    // Without widths in the content there is no srcset at all.
    let el = mount(
        || view! { <ArticleCard summary=summary("plain", "world") size=CardSize::Standard /> },
    );
    assert_eq!(all(&el, "img")[0].get_attribute("srcset"), None);
}

#[wasm_bindgen_test]
fn a_recent_article_says_how_long_ago() {
    let then = js_sys::Date::now() - 3.0 * 3_600_000.0 - 60_000.0;
    let iso = String::from(js_sys::Date::new(&then.into()).to_iso_string());
    let el = mount(move || {
        view! { <ArticleCard summary=summary_at("fresh", "world", &iso) size=CardSize::Compact /> }
    });
    assert_eq!(all(&el, "time")[0].text_content().unwrap(), "3 hours ago");
}

#[wasm_bindgen_test]
fn an_error_names_what_failed_and_retry_calls_back() {
    let (retries, set_retries) = signal(0);
    let error = AppError::Timeout {
        url: "/api/articles/x.json".into(),
    };
    let el = mount(
        move || view! { <ErrorView error on_retry=move || set_retries.update(|n| *n += 1) /> },
    );
    let text = el.text_content().unwrap();
    assert!(text.contains("The news server is taking too long"));
    assert!(text.contains("/api/articles/x.json"));
    let button: web_sys::HtmlElement = all(&el, "button")[0].clone().unchecked_into();
    assert_eq!(button.text_content().unwrap(), "Retry");
    button.click();
    assert_eq!(retries.get_untracked(), 1);
    // A missing file stays missing: no Retry.
    let el = mount(
        || view! { <ErrorView error=AppError::NotFound { url: "x".into() } on_retry=|| () /> },
    );
    assert!(all(&el, "button").is_empty());
}

#[wasm_bindgen_test]
fn a_panic_shows_a_something_went_wrong_page() {
    // Into a page of its own: the test runner's page must stay intact.
    let el = mount(|| view! { <p>"The paper"</p> });
    meridian::crash::show_crash_view_in(&el);
    let text = el.text_content().unwrap();
    assert!(!text.contains("The paper"));
    assert!(text.contains("Something went wrong"), "{text}");
    assert_eq!(all(&el, "a")[0].text_content().unwrap(), "Reload the page");
}
