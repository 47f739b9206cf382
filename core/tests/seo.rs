//! Absolute URLs for head tags, the NewsArticle JSON-LD, and relative times.

use meridian_core::format::{relative_label_en, relative_unit};
use meridian_core::model::{decode, ArticleSummary, Site};
use meridian_core::seo::{absolute, news_article_json_ld};

fn site(url: Option<&str>) -> Site {
    let url = url.map_or(String::new(), |u| format!(r#","url":"{u}""#));
    decode(
        "site.json",
        &format!(r#"{{"name":"The Test Times","content":{{"kind":"static","base":"api"}},"categories":[]{url}}}"#),
    )
    .unwrap()
}

#[test]
fn absolute_urls_prefer_the_configured_site_url() {
    let configured = site(Some("https://paper.example/news/"));
    assert_eq!(
        absolute(
            &configured,
            "/news/",
            Some("http://localhost:8080"),
            "/news/world/a"
        )
        .as_deref(),
        Some("https://paper.example/news/world/a")
    );
    let plain = site(None);
    assert_eq!(
        absolute(&plain, "/", Some("http://127.0.0.1:8080"), "/world/a").as_deref(),
        Some("http://127.0.0.1:8080/world/a")
    );
    assert_eq!(absolute(&plain, "/", None, "/world/a"), None);
    assert_eq!(
        absolute(&plain, "/", None, "https://cdn.example/x.jpg").as_deref(),
        Some("https://cdn.example/x.jpg")
    );
}

#[test]
fn json_ld_describes_the_article_and_cannot_close_its_script() {
    let article: ArticleSummary = decode(
        "a",
        r#"{"slug":"a","title":"Deal </script><script>alert(1)</script> & more","standfirst":"S",
            "category":"world","tags":["eu","energy"],"authors":["Ana","Tom"],
            "published":"2026-11-24T07:30:00+01:00","updated":"2026-11-24T09:00:00+01:00"}"#,
    )
    .unwrap();
    let text = news_article_json_ld(
        &site(None),
        &article,
        "World",
        "https://p.example/world/a",
        Some("https://p.example/x.jpg"),
    );
    assert!(!text.contains('<') && !text.contains('>'), "{text}");
    let ld: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(
        ld["headline"],
        "Deal </script><script>alert(1)</script> & more"
    );
    assert_eq!(ld["dateModified"], "2026-11-24T09:00:00+01:00");
    assert_eq!(ld["author"][1]["name"], "Tom");
    assert_eq!(ld["keywords"], "eu, energy");
    assert_eq!(ld["image"][0], "https://p.example/x.jpg");
    assert_eq!(ld["publisher"]["name"], "The Test Times");
}

#[test]
fn relative_times_use_the_largest_whole_unit_within_a_week() {
    let now = 1_000_000_000_000;
    let cases = [
        (now - 5_000, Some((-5, "second")), "now"),
        (now - 3 * 60_000, Some((-3, "minute")), "3 minutes ago"),
        (
            now - 3 * 3_600_000 - 59 * 60_000,
            Some((-3, "hour")),
            "3 hours ago",
        ),
        (now - 86_400_000, Some((-1, "day")), "yesterday"),
        (now - 2 * 86_400_000, Some((-2, "day")), "2 days ago"),
        (now + 2 * 3_600_000, Some((2, "hour")), "in 2 hours"),
    ];
    for (then, unit, label) in cases {
        assert_eq!(relative_unit(now, then), unit);
        let (v, u) = unit.unwrap();
        assert_eq!(relative_label_en(v, u), label);
    }
    assert_eq!(relative_unit(now, now - 7 * 86_400_000), None);
}
