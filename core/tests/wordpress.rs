//! The WordPress mapping (docs/content-api.md §5) on answers recorded from a real WordPress 6.1
//! (tests/fixtures/wordpress, see docs/wordpress-testing.md) and on hand-made posts for what a
//! real site can send: missing `_embedded` parts, empty excerpts, entities, shortcodes,
//! hostile HTML.

use meridian_core::html;
use meridian_core::model::{ad_positions, Block, Category};
use meridian_core::search::{SearchQuery, Sort};
use meridian_core::wordpress::{self as wp};
use serde_json::{json, Value};

fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/../tests/fixtures/wordpress/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn known() -> Vec<Category> {
    [
        "world",
        "business",
        "technology",
        "science",
        "culture",
        "sport",
    ]
    .iter()
    .map(|s| Category {
        slug: s.to_string(),
        name: s.to_string(),
    })
    .collect()
}

const POPULARITY: Option<&str> = Some("meta.popularity");

#[test]
fn a_recorded_post_maps_to_the_article_a_reader_sees() {
    let post = &wp::post_values(fixture("post-by-slug.json"))[0];
    let a = wp::article(post, &known(), POPULARITY).expect("maps");
    let s = &a.summary;
    assert_eq!(&*s.slug, "eu-leaders-agree-grid-compact");
    assert_eq!(
        s.title,
        "EU leaders strike overnight deal on a shared electricity grid compact"
    );
    assert!(s
        .standfirst
        .as_deref()
        .unwrap()
        .starts_with("After fourteen hours of talks in Brussels"));
    assert_eq!(s.category, "world");
    assert_eq!(s.tags, ["climate", "energy", "eu"]);
    assert_eq!(s.authors, ["Hélène Dufresne"]);
    // `date` is local (the site is on Brussels time), `date_gmt` UTC: the offset is kept.
    assert_eq!(s.published.text, "2026-11-25T06:45:00+01:00");
    assert_eq!(
        s.published.millis,
        meridian_core::format::parse_rfc3339("2026-11-25T05:45:00Z").unwrap()
    );
    assert_eq!(
        s.updated.as_ref().unwrap().millis,
        meridian_core::format::parse_rfc3339("2026-11-25T08:20:00Z").unwrap()
    );
    assert_eq!(s.popularity, 52310.0);
    let image = s.image.as_ref().expect("the featured image");
    assert!(image
        .src
        .ends_with("/wp-content/uploads/2026/11/parliament-1.jpg"));
    assert_eq!((image.width, image.height), (800, 450));
    assert!(image
        .alt
        .starts_with("Illustration of a pale classical building"));
    assert_eq!(
        image.caption.as_deref(),
        Some("Talks ran through the night and ended shortly before five in the morning.")
    );
    let srcset = image.srcset.as_deref().unwrap();
    assert!(srcset.contains("parliament-1-300x169.jpg 300w"), "{srcset}");
    assert!(srcset.contains("parliament-1.jpg 800w"), "{srcset}");
    assert!(
        !srcset.contains("150x150"),
        "a square crop is not a width of a 16:9 picture: {srcset}"
    );

    // The body: every block type the sample article has, in order.
    let kinds: Vec<&str> = a
        .body
        .iter()
        .map(|b| match b {
            Block::Paragraph { .. } => "p",
            Block::Heading { .. } => "h",
            Block::Quote { .. } => "quote",
            Block::List { .. } => "list",
            Block::Image(_) => "image",
            Block::Html { .. } => "html",
        })
        .collect();
    for kind in ["p", "h", "quote", "image", "html"] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    assert_eq!(kinds[0], "p");
    assert!(a.body.contains(&Block::Heading {
        text: "A fund with strings attached".into()
    }));
    assert!(a.body.contains(&Block::Quote {
        text: "Nobody got everything they wanted, which is usually how you know the arithmetic is about right.".into(),
        cite: Some("Katrien Moulaert, Belgian energy minister".into()),
    }));
    let figure = a
        .body
        .iter()
        .find_map(|b| match b {
            Block::Image(i) => Some(i),
            _ => None,
        })
        .unwrap();
    assert!(figure.src.ends_with("turbines-1.jpg"));
    assert_eq!((figure.width, figure.height), (800, 450));
    assert!(figure.srcset.as_deref().unwrap().contains("300w"));
    assert_eq!(
        figure.caption.as_deref(),
        Some("Exporters of wind power argued they were paying for lines that mainly benefit their neighbours.")
    );
    let table = a
        .body
        .iter()
        .find_map(|b| match b {
            Block::Html { html } if html.contains("<table>") => Some(html),
            _ => None,
        })
        .expect("the table stays as sanitized HTML");
    assert!(table.contains("<th>Country group</th>"));
    assert!(a.word_count() > 300);
}

/// The same article, read from the static sample: WordPress loses no text.
#[test]
fn the_recorded_post_has_the_text_of_the_sample_article() {
    let post = &wp::post_values(fixture("post-by-slug.json"))[0];
    let from_wp = wp::article(post, &known(), None).unwrap();
    let path = format!(
        "{}/../public/api/articles/eu-leaders-agree-grid-compact.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let sample: meridian_core::model::Article =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let normalize = |t: String| t.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(
        normalize(from_wp.body_text()),
        normalize(sample.body_text())
    );
    assert_eq!(from_wp.summary.title, sample.summary.title);
    assert_eq!(from_wp.summary.standfirst, sample.summary.standfirst);
    assert_eq!(from_wp.summary.published, sample.summary.published);
    // The sample's one HTML block (a table, then a source line) comes back from WordPress
    // as two top-level elements; the source line is a paragraph, so the ads may fall
    // differently, but never last.
    let ads = ad_positions(&from_wp.body, 4);
    assert!(!ads.is_empty() && !ads.contains(&(from_wp.body.len() - 1)));
}

#[test]
fn every_recorded_post_maps_and_paging_follows_the_headers() {
    let posts = wp::post_values(fixture("posts-embed.json"));
    assert_eq!(posts.len(), 3);
    for post in &posts {
        let a = wp::article(post, &known(), POPULARITY).unwrap();
        assert!(known().iter().any(|c| c.slug == a.summary.category));
        assert!(!a.body.is_empty());
        assert!(a.summary.image.is_some());
    }
    // Newest first, as WordPress answers.
    let dates: Vec<i64> = posts
        .iter()
        .map(|p| wp::summary(p, &known(), None).unwrap().published.millis)
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));
    let headers = std::fs::read_to_string(format!(
        "{}/../tests/fixtures/wordpress/posts-embed.headers.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let total_pages: u32 = headers
        .lines()
        .find_map(|l| l.strip_prefix("X-WP-TotalPages: "))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let url = "https://site/wp-json/wp/v2/posts?_embed=1&per_page=3&page=1";
    assert_eq!(
        wp::next_posts_page(url, 3, Some(total_pages)).as_deref(),
        Some("https://site/wp-json/wp/v2/posts?_embed=1&per_page=3&page=2")
    );
    let last = format!("https://site/wp-json/wp/v2/posts?_embed=1&per_page=3&page={total_pages}");
    assert_eq!(wp::next_posts_page(&last, 3, Some(total_pages)), None);
    // Without the headers (a proxy dropped them), a full page means there may be more.
    assert!(wp::next_posts_page(url, 3, None).is_some());
    assert_eq!(wp::next_posts_page(url, 2, None), None);
}

#[test]
fn recorded_categories_map_with_ids_and_decoded_names() {
    let values = fixture("categories.json");
    let cats = wp::categories(values.as_array().unwrap());
    let slugs: Vec<&str> = cats.iter().map(|c| c.category.slug.as_str()).collect();
    for slug in known().iter().map(|c| c.slug.as_str()) {
        assert!(slugs.contains(&slug), "{slug} in {slugs:?}");
    }
    assert!(cats.iter().all(|c| c.id > 0));
}

#[test]
fn endpoints_work_under_both_rest_roots() {
    assert_eq!(
        wp::posts_page("https://example.com/wp-json/", 2),
        "https://example.com/wp-json/wp/v2/posts?_embed=1&per_page=20&page=2"
    );
    assert_eq!(
        wp::posts_page("https://example.com/?rest_route=", 1),
        "https://example.com/?rest_route=/wp/v2/posts&_embed=1&per_page=20&page=1"
    );
    assert_eq!(
        wp::posts_page("https://example.com/?rest_route=/", 1),
        "https://example.com/?rest_route=/wp/v2/posts&_embed=1&per_page=20&page=1"
    );
    assert_eq!(
        wp::post_url("https://example.com/wp-json", "a-b"),
        "https://example.com/wp-json/wp/v2/posts?_embed=1&slug=a-b"
    );
    // An all-digit slug is a post id (see `slug_of`).
    assert_eq!(
        wp::post_url("https://example.com/wp-json", "123"),
        "https://example.com/wp-json/wp/v2/posts/123?_embed=1"
    );
    let next = wp::next_posts_page(
        &wp::posts_page("https://example.com/?rest_route=", 1),
        20,
        Some(5),
    );
    assert_eq!(
        next.as_deref(),
        Some("https://example.com/?rest_route=/wp/v2/posts&_embed=1&per_page=20&page=2")
    );
}

#[test]
fn a_search_is_delegated_with_every_filter_the_server_understands() {
    let q = SearchQuery::from_pairs([
        ("q", "Grid Québec"),
        ("in", "title"),
        ("category", "world,science"),
        ("from", "2026-11-01"),
        ("to", "2026-11-30"),
        ("sort", "oldest"),
    ]);
    let ids = vec![("world".to_string(), 4), ("science".to_string(), 7)];
    let url = wp::search_url("https://s/wp-json", &q, &ids, 2).unwrap();
    let params: Vec<(&str, String)> = url
        .split_once('?')
        .unwrap()
        .1
        .split('&')
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap();
            (
                k,
                v.replace("%20", " ")
                    .replace("%2C", ",")
                    .replace("%3A", ":"),
            )
        })
        .collect();
    let get = |k: &str| {
        params
            .iter()
            .find(|(key, _)| *key == k)
            .map(|(_, v)| v.as_str())
    };
    assert!(url.starts_with("https://s/wp-json/wp/v2/posts?"));
    assert_eq!(get("search"), Some("grid quebec"));
    assert_eq!(get("search_columns"), Some("post_title"));
    assert_eq!(get("categories"), Some("4,7"));
    // A day's margin each side; the exact dates are applied in the client.
    assert_eq!(get("after"), Some("2026-10-31T00:00:00"));
    assert_eq!(get("before"), Some("2026-12-02T00:00:00"));
    assert_eq!(get("orderby"), Some("date"));
    assert_eq!(get("order"), Some("asc"));
    assert_eq!(get("page"), Some("2"));
    assert_eq!(get("per_page"), Some("100"));
    assert_eq!(get("_embed"), Some("1"));

    // Every field: no column restriction; relevance is WordPress's own order.
    let all = SearchQuery {
        q: "grid".into(),
        sort: Sort::Relevance,
        ..Default::default()
    };
    let url = wp::search_url("https://s/wp-json", &all, &[], 1).unwrap();
    assert!(!url.contains("search_columns"), "{url}");
    assert!(url.contains("orderby=relevance"), "{url}");
    // A standfirst may be a generated excerpt: it searches the content too.
    let standfirst = SearchQuery::from_pairs([("q", "grid"), ("in", "standfirst")]);
    let url = wp::search_url("https://s/wp-json", &standfirst, &[], 1).unwrap();
    assert!(
        url.contains("search_columns=post_excerpt%2Cpost_content"),
        "{url}"
    );
    // A category WordPress does not have: nothing can match, nothing is asked.
    let unknown = SearchQuery::from_pairs([("q", "grid"), ("category", "weather")]);
    assert_eq!(wp::search_url("https://s/wp-json", &unknown, &ids, 1), None);
}

/// A post as a WordPress site with plugins gone and editors at work can send it.
fn hostile_post() -> Value {
    json!({
        "id": 981,
        "slug": "%e4%b8%ad%e6%96%87",
        "date": "2026-03-04T10:00:00",
        "date_gmt": null,
        "modified_gmt": "2026-03-04T09:00:00",
        "title": { "rendered": "Tips &#038; Tricks: &#8220;Don&#8217;t&#8221; <script>alert(1)</script>panic" },
        "excerpt": { "rendered": "" },
        "content": { "rendered": concat!(
            "[vc_row][vc_column]<p>Intro with [sic] and [1] left alone.</p>[/vc_column][/vc_row]\n",
            "<p>A <a href=\"javascript:alert(1)\" onclick=\"x()\">bad link</a> and <a href=\"https://ok.example/\">a good one</a>.</p>\n",
            "<script>alert('x')</script><style>p{}</style>",
            "<iframe src=\"https://evil.example/\"></iframe>",
            "[caption id=\"attachment_5\" align=\"alignnone\" width=\"640\"]<img src=\"https://cdn.example/a.jpg\" alt=\"A\" width=\"640\" height=\"480\" onerror=\"alert(1)\" /> A caption[/caption]\n",
            "<p><img src=\"javascript:alert(1)\" width=\"10\" height=\"10\"></p>",
            "<ul><li>One</li><li>Two &amp; three</li></ul>",
            "<div class=\"wp-block-group\"><p>Inside a group</p></div>",
            "<p>   </p>",
            "<h3>Sub head</h3>",
            "[gallery ids=\"1,2,3\"]",
        ) },
        "_embedded": {
            "author": [ { "code": "rest_user_invalid_id", "message": "Invalid user ID." } ],
            "wp:featuredmedia": [ { "code": "rest_forbidden", "message": "Sorry." } ],
            "wp:term": [ [ { "taxonomy": "category", "slug": "opinion", "name": "Opinion" } ], [] ]
        },
        "meta": { "popularity": "-5" }
    })
}

#[test]
fn a_hostile_post_maps_to_safe_text_and_loses_no_prose() {
    let post = hostile_post();
    let a = wp::article(&post, &known(), POPULARITY).expect("maps");
    let s = &a.summary;
    assert_eq!(s.title, "Tips & Tricks: “Don’t” panic");
    assert_eq!(
        &*s.slug, "981",
        "a non-Latin slug falls back to the post id"
    );
    assert_eq!(s.standfirst, None, "an empty excerpt is no standfirst");
    assert_eq!(
        s.category, "opinion",
        "an unknown category keeps its raw slug"
    );
    assert!(s.authors.is_empty() && s.image.is_none() && s.tags.is_empty());
    assert_eq!(s.popularity, 0.0, "a negative popularity counts as none");
    assert_eq!(s.published.text, "2026-03-04T10:00:00Z");
    assert_eq!(s.updated, None, "modified before published is no update");

    let body = &a.body;
    assert_eq!(
        body[0],
        Block::Paragraph {
            text: "Intro with [sic] and [1] left alone.".into()
        }
    );
    let Block::Html { html: links } = &body[1] else {
        panic!("a paragraph with links stays HTML: {:?}", body[1])
    };
    assert!(
        !links.contains("javascript") && !links.contains("onclick"),
        "{links}"
    );
    assert!(links.contains("href=\"https://ok.example/\""), "{links}");
    assert!(body[1].is_paragraph());
    let image = body
        .iter()
        .find_map(|b| match b {
            Block::Image(i) => Some(i),
            _ => None,
        })
        .expect("the [caption] image");
    assert_eq!(image.src, "https://cdn.example/a.jpg");
    assert!(body.contains(&Block::List {
        items: vec!["One".into(), "Two & three".into()],
        ordered: false
    }));
    assert!(body.contains(&Block::Paragraph {
        text: "Inside a group".into()
    }));
    assert!(body.contains(&Block::Heading {
        text: "Sub head".into()
    }));
    let text = a.body_text();
    assert!(text.contains("A caption"));
    for bad in ["alert", "script", "vc_row", "[caption", "[gallery", "evil"] {
        assert!(!text.contains(bad), "{bad} in {text}");
        for b in body {
            if let Block::Html { html } = b {
                assert!(!html.contains(bad), "{bad} in {html}");
            }
        }
    }
}

#[test]
fn a_post_without_embedded_parts_or_a_date() {
    let bare = json!({ "id": 7, "slug": "bare", "date_gmt": "2026-01-02T03:04:05" });
    let a = wp::article(&bare, &known(), POPULARITY).expect("maps");
    assert_eq!(a.summary.category, "uncategorized");
    assert_eq!(a.summary.title, "(untitled)");
    assert!(a.body.is_empty());
    assert_eq!(a.summary.published.text, "2026-01-02T03:04:05Z");
    // A draft without dates is not an article; neither is garbage.
    assert!(wp::article(&json!({ "id": 8, "slug": "draft" }), &known(), None).is_none());
    assert!(wp::article(&json!("text"), &known(), None).is_none());
    assert!(wp::article(
        &json!({ "slug": "x", "date_gmt": "yesterday" }),
        &known(),
        None
    )
    .is_none());
    assert!(wp::post_values(json!({ "code": "rest_no_route" })).len() == 1);
    assert!(wp::post_values(json!(null)).is_empty());
}

#[test]
fn generated_excerpts_lose_their_more_marker() {
    let post = json!({
        "slug": "x", "date_gmt": "2026-01-02T03:04:05",
        "excerpt": { "rendered": "<p>The first words of the story [&hellip;]</p>\n" },
        "title": { "rendered": "T" },
    });
    let s = wp::summary(&post, &known(), None).unwrap();
    assert_eq!(
        s.standfirst.as_deref(),
        Some("The first words of the story…")
    );
}

#[test]
fn in_article_ads_count_paragraphs_kept_as_html() {
    let body =
        wp::body("<p>One <em>a</em></p><p>Two</p><p>Three <a href=\"/x\">x</a></p><p>Four</p>");
    assert_eq!(body.len(), 4);
    assert_eq!(ad_positions(&body, 2), vec![1]);
}

#[test]
fn serialized_nodes_sanitize_back_to_themselves() {
    let html = "<p>a &amp; b &lt;c&gt; <a href=\"https://x.example/?a=1&amp;b=&quot;2&quot;\" title=\"t &quot;q&quot;\">l</a><br>n\u{a0}b</p><img src=\"/i.jpg\" alt=\"&lt;\" width=\"3\" height=\"4\">";
    let nodes = html::sanitize(html);
    assert_eq!(html::sanitize(&html::to_html(&nodes)), nodes);
}

#[test]
fn top_news_reads_a_field_or_a_popular_posts_endpoint() {
    use wp::Popularity;
    assert_eq!(
        Popularity::of("meta.popularity"),
        Popularity::Field("meta.popularity")
    );
    let plugin = Popularity::of("/wordpress-popular-posts/v1/popular-posts");
    assert_eq!(
        plugin.endpoint_url("https://s/wp-json").as_deref(),
        Some("https://s/wp-json/wordpress-popular-posts/v1/popular-posts")
    );
    assert_eq!(
        plugin.endpoint_url("https://s/?rest_route=").as_deref(),
        Some("https://s/?rest_route=/wordpress-popular-posts/v1/popular-posts")
    );
    assert_eq!(
        Popularity::of("https://stats.example/top.json")
            .endpoint_url("https://s/wp-json")
            .as_deref(),
        Some("https://stats.example/top.json")
    );
    assert_eq!(
        Popularity::of("views").endpoint_url("https://s/wp-json"),
        None
    );
    let ranks = wp::popular_ranks(&[
        json!({"id": 9}),
        json!({"title": "no id"}),
        json!({"id": 4}),
        json!({"id": 9}),
    ]);
    assert_eq!(
        ranks.get(&9),
        Some(&2.0),
        "the first listed ranks highest, once"
    );
    assert_eq!(ranks.get(&4), Some(&1.0));
    assert_eq!(ranks.get(&5), None);
}
