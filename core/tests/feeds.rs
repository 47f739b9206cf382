//! `build_feeds`: the sitemap and the Atom feed, run as the built binary over the sample
//! paper (`public/`) and over small fixtures written to a temporary directory.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

const BIN: &str = env!("CARGO_BIN_EXE_build_feeds");
const PUBLIC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../public");

/// A fresh, empty directory of this test run.
fn temp_dir(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "meridian-feeds-{}-{}-{name}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Output {
    /// The sitemap parts, one after the other.
    sitemap: String,
    /// `sitemap.xml`: the sitemap index.
    index: String,
    /// Each part, in the index's order.
    parts: Vec<String>,
    feed: String,
}

/// Runs the generator and returns what it wrote; panics with its stderr if it failed.
fn generate(content_root: &Path, url: &str) -> Output {
    let out = temp_dir("out");
    let run = Command::new(BIN)
        .arg(content_root)
        .arg(&out)
        .args(["--url", url])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "build_feeds failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap();
    let index = read("sitemap.xml");
    well_formed(&index);
    // The index lists its parts, which are beside it.
    let parts: Vec<String> = texts(&index, "loc")
        .iter()
        .map(|loc| read(loc.rsplit('/').next().unwrap()))
        .collect();
    for part in &parts {
        well_formed(part);
    }
    let output = Output {
        sitemap: parts.concat(),
        index,
        parts,
        feed: read("feed.xml"),
    };
    let _ = std::fs::remove_dir_all(&out);
    well_formed(&output.feed);
    output
}

/// Runs the generator expecting a failure; returns its stderr.
fn fails(args: &[&str]) -> String {
    let run = Command::new(BIN).args(args).output().unwrap();
    assert!(!run.status.success(), "build_feeds {args:?} should fail");
    String::from_utf8_lossy(&run.stderr).into_owned()
}

/// A strict, small well-formedness check: balanced elements, one root, quoted attributes,
/// and `&` only as one of the five predefined entities; `<`, `>` never in text.
fn well_formed(xml: &str) {
    let entity = |s: &str| {
        let mut rest = s;
        while let Some(i) = rest.find('&') {
            let tail = &rest[i..];
            let ok = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                .iter()
                .find(|e| tail.starts_with(**e));
            let e = ok.unwrap_or_else(|| panic!("bare & in {:?}", &tail[..tail.len().min(30)]));
            rest = &tail[e.len()..];
        }
    };
    let body = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .expect("XML declaration");
    let mut stack: Vec<&str> = Vec::new();
    let mut roots = 0;
    let mut rest = body;
    while !rest.is_empty() {
        let lt = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..lt];
        assert!(!text.contains('>'), "raw > in text {text:?}");
        if stack.is_empty() {
            assert!(text.trim().is_empty(), "text outside the root: {text:?}");
        }
        entity(text);
        rest = &rest[lt..];
        if rest.is_empty() {
            break;
        }
        let gt = rest.find('>').expect("unclosed tag");
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name), "mismatched </{name}>");
            continue;
        }
        let (inner, empty) = match tag.strip_suffix('/') {
            Some(t) => (t, true),
            None => (tag, false),
        };
        let name = inner.split_whitespace().next().expect("element name");
        assert!(
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || ":_-.".contains(c)),
            "bad element name {name:?}"
        );
        // Attributes: name="value" pairs, values without < and with entities only.
        let mut attrs = inner[name.len()..].trim();
        while !attrs.is_empty() {
            let eq = attrs.find("=\"").expect("attribute without a quoted value");
            let close = attrs[eq + 2..].find('"').expect("unterminated attribute") + eq + 2;
            let value = &attrs[eq + 2..close];
            assert!(!value.contains('<'), "< in attribute {value:?}");
            entity(value);
            attrs = attrs[close + 1..].trim_start();
        }
        if stack.is_empty() {
            roots += 1;
        }
        if !empty {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed elements {stack:?}");
    assert_eq!(roots, 1, "one root element");
}

/// The text of every `<tag>…</tag>`, in order.
fn texts<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    xml.split(open.as_str())
        .skip(1)
        .map(|s| &s[..s.find(close.as_str()).unwrap()])
        .collect()
}

fn count(xml: &str, needle: &str) -> usize {
    xml.matches(needle).count()
}

fn sample_index() -> Vec<Value> {
    let text = std::fs::read_to_string(format!("{PUBLIC}/api/articles.json")).unwrap();
    let index: Value = serde_json::from_str(&text).unwrap();
    index["articles"].as_array().unwrap().clone()
}

#[test]
fn the_sample_sitemap_lists_home_sections_tags_and_articles() {
    let out = generate(Path::new(PUBLIC), "https://paper.example/");
    let index = sample_index();
    assert_eq!(index.len(), 37);
    let tags: std::collections::BTreeSet<&str> = index
        .iter()
        .flat_map(|a| a["tags"].as_array().unwrap())
        .map(|t| t.as_str().unwrap())
        .collect();
    let locs = texts(&out.sitemap, "loc");
    assert_eq!(locs.len(), 1 + 6 + tags.len() + 37, "{locs:#?}");
    assert_eq!(count(&out.sitemap, "<url>"), locs.len());
    assert_eq!(count(&out.sitemap, "<lastmod>"), locs.len());
    assert!(out
        .sitemap
        .contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    assert_eq!(locs[0], "https://paper.example/");
    for section in [
        "world",
        "business",
        "technology",
        "science",
        "culture",
        "sport",
    ] {
        assert!(locs.contains(&format!("https://paper.example/{section}").as_str()));
    }
    for tag in &tags {
        assert!(
            locs.contains(&format!("https://paper.example/tag/{tag}").as_str()),
            "{tag}"
        );
    }
    for a in &index {
        let loc = format!(
            "https://paper.example/{}/{}",
            a["category"].as_str().unwrap(),
            a["slug"].as_str().unwrap()
        );
        assert_eq!(locs.iter().filter(|l| **l == loc).count(), 1, "{loc}");
    }
    // The newest sample article was published at 09:10 Brussels time (08:10 UTC).
    assert!(out.sitemap.contains(
        "<loc>https://paper.example/sport/brussels-marathon-adopts-air-quality-rule</loc>\n    \
         <lastmod>2026-11-26T08:10:00Z</lastmod>"
    ));
}

#[test]
fn the_sample_feed_is_atom_with_every_article_newest_first() {
    let out = generate(Path::new(PUBLIC), "https://paper.example/");
    let index = sample_index();
    let feed = &out.feed;
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en-US\">"));
    assert!(feed.contains("  <title>The Daily Meridian</title>\n"));
    assert!(feed.contains("<subtitle>Independent news, every day</subtitle>"));
    assert!(feed.contains(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"https://paper.example/feed.xml\"/>"
    ));
    assert!(feed.contains("  <updated>2026-11-26T08:10:00Z</updated>\n"));
    assert_eq!(count(feed, "<entry>"), 37);
    assert_eq!(count(feed, "</entry>"), 37);
    for tag in ["id", "published", "updated", "summary"] {
        // One per entry, plus the feed's own id and updated.
        let feed_level = usize::from(tag == "id" || tag == "updated");
        assert_eq!(texts(feed, tag).len(), 37 + feed_level, "<{tag}>");
    }
    // Titles in the index's order (newest first), ids are the article URLs.
    let titles: Vec<_> = texts(feed, "title").into_iter().skip(1).collect();
    let expected: Vec<String> = index
        .iter()
        .map(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .replace('&', "&amp;")
                .replace('\'', "&apos;")
                .replace('"', "&quot;")
        })
        .collect();
    assert_eq!(titles, expected);
    let ids: Vec<_> = texts(feed, "id").into_iter().skip(1).collect();
    assert_eq!(
        ids[0],
        "https://paper.example/sport/brussels-marathon-adopts-air-quality-rule"
    );
    assert!(feed.contains("<category term=\"sport\" label=\"Sport\""));
    assert!(feed.contains("<name>Tomasz Kowalczyk</name>"));
}

/// A small paper: `site.json` and an index of `articles`, under a new directory.
fn fixture(site: Value, articles: Vec<Value>) -> PathBuf {
    let dir = temp_dir("site");
    std::fs::create_dir_all(dir.join("api")).unwrap();
    std::fs::write(dir.join("site.json"), site.to_string()).unwrap();
    std::fs::write(
        dir.join("api/articles.json"),
        json!({ "articles": articles }).to_string(),
    )
    .unwrap();
    dir
}

fn site(name: &str) -> Value {
    json!({
        "name": name,
        "tagline": "News & views",
        "content": { "kind": "static", "base": "api" },
        "categories": [{ "slug": "world", "name": "World" }]
    })
}

fn article(slug: &str, day: u32, title: &str) -> Value {
    json!({
        "slug": slug,
        "title": title,
        "category": "world",
        "published": format!("2026-01-{day:02}T10:00:00+01:00"),
    })
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let hostile = "<script>alert(\"x\")</script> & 'quotes' ]]>";
    let mut a = article("hostile", 2, hostile);
    a["standfirst"] = json!("Tom & Jerry <b>bold</b> \"said\"\u{7} it's \u{0}fine");
    a["authors"] = json!(["O'Brien <ob@example.org>"]);
    a["tags"] = json!(["a b", "r&d", "<tag>"]);
    a["updated"] = json!("2026-01-03T12:30:45.250Z");
    let dir = fixture(
        site("Tom & Jerry's <Daily> \"Paper\""),
        vec![a, article("plain", 1, "Plain")],
    );
    let out = generate(&dir, "https://paper.example/");
    for xml in [&out.sitemap, &out.feed] {
        assert!(!xml.contains("<script>"));
        assert!(!xml.contains("<b>"));
        assert!(!xml.contains('\u{7}') && !xml.contains('\u{0}'));
    }
    let feed = &out.feed;
    assert!(feed.contains(
        "<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;quotes&apos; ]]&gt;</title>"
    ));
    assert!(feed.contains("<title>Tom &amp; Jerry&apos;s &lt;Daily&gt; &quot;Paper&quot;</title>"));
    assert!(feed.contains("<subtitle>News &amp; views</subtitle>"));
    assert!(feed.contains(
        "<summary>Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt; &quot;said&quot; it&apos;s fine</summary>"
    ));
    assert!(feed.contains("<name>O&apos;Brien &lt;ob@example.org&gt;</name>"));
    assert!(feed.contains("<category term=\"r&amp;d\""));
    assert!(feed.contains("<category term=\"&lt;tag&gt;\""));
    assert!(feed.contains("<updated>2026-01-03T12:30:45.250Z</updated>"));
    assert!(feed.contains("<published>2026-01-02T09:00:00Z</published>"));
    // Tag pages are percent-encoded, exactly as the app links them.
    let locs = texts(&out.sitemap, "loc");
    for tag in ["a%20b", "r%26d", "%3Ctag%3E"] {
        assert!(locs.contains(&format!("https://paper.example/tag/{tag}").as_str()));
    }
    assert_eq!(locs.len(), 1 + 1 + 3 + 2);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_feed_keeps_the_fifty_newest_and_the_sitemap_every_article() {
    let articles: Vec<Value> = (1..=60)
        .map(|n| {
            let mut a = article(&format!("story-{n:02}"), 1, &format!("Story {n}"));
            a["published"] = json!(format!("2026-03-{:02}T{:02}:00:00Z", 1 + n / 24, n % 24));
            a
        })
        .collect();
    let dir = fixture(site("Big"), articles);
    let out = generate(&dir, "https://paper.example/");
    assert_eq!(count(&out.feed, "<entry>"), 50);
    let titles: Vec<_> = texts(&out.feed, "title").into_iter().skip(1).collect();
    let expected: Vec<String> = (11..=60).rev().map(|n| format!("Story {n}")).collect();
    assert_eq!(titles, expected);
    assert_eq!(count(&out.sitemap, "<url>"), 1 + 1 + 60);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_sub_path_base_prefixes_every_url() {
    for url in ["https://paper.example/news", "https://paper.example/news/"] {
        let out = generate(Path::new(PUBLIC), url);
        let locs = texts(&out.sitemap, "loc");
        assert_eq!(locs[0], "https://paper.example/news/");
        assert!(locs
            .iter()
            .all(|l| l.starts_with("https://paper.example/news/")));
        assert!(locs.contains(&"https://paper.example/news/world"));
        assert!(locs.contains(&"https://paper.example/news/tag/belgium"));
        assert!(locs.contains(
            &"https://paper.example/news/sport/brussels-marathon-adopts-air-quality-rule"
        ));
        assert!(!out.sitemap.contains("news//") && !out.feed.contains("news//"));
        assert!(out.feed.contains("<id>https://paper.example/news/</id>"));
        assert!(out
            .feed
            .contains("href=\"https://paper.example/news/feed.xml\""));
        assert!(out.feed.contains(
            "<id>https://paper.example/news/sport/brussels-marathon-adopts-air-quality-rule</id>"
        ));
    }
}

#[test]
fn the_output_is_stable() {
    let a = generate(Path::new(PUBLIC), "https://paper.example/");
    let b = generate(Path::new(PUBLIC), "https://paper.example/");
    assert_eq!(a.sitemap, b.sitemap);
    assert_eq!(a.feed, b.feed);
}

#[test]
fn sharded_indexes_are_followed_and_duplicates_and_loops_ignored() {
    let mut site = site("Shards");
    // A root-relative content base under the deploy's sub-path.
    site["content"]["base"] = json!("/news/api/");
    let dir = fixture(
        site,
        vec![article("one", 1, "One"), article("two", 2, "Two")],
    );
    let page1 = json!({ "articles": [article("one", 1, "One")], "next": "articles-2.json" });
    let page2 = json!({ "articles": [article("two", 2, "Two"), article("one", 1, "One")],
                        "next": "/news/api/articles-3.json" });
    let page3 = json!({ "articles": [article("three", 3, "Three")], "next": "articles.json" });
    for (name, page) in [
        ("articles.json", page1),
        ("articles-2.json", page2),
        ("articles-3.json", page3),
    ] {
        std::fs::write(dir.join("api").join(name), page.to_string()).unwrap();
    }
    let out = generate(&dir, "https://paper.example/news/");
    let ids: Vec<_> = texts(&out.feed, "id").into_iter().skip(1).collect();
    assert_eq!(
        ids,
        [
            "https://paper.example/news/world/three",
            "https://paper.example/news/world/two",
            "https://paper.example/news/world/one"
        ]
    );
    assert_eq!(count(&out.sitemap, "<url>"), 1 + 1 + 3);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bad_input_fails_with_a_clear_message() {
    let out = temp_dir("bad-out");
    let out_arg = out.to_str().unwrap();
    // Arguments.
    assert!(fails(&[PUBLIC, out_arg]).contains("--url is required"));
    assert!(fails(&[PUBLIC, "--url", "https://x.example/"]).contains("CONTENT_ROOT and OUT_DIR"));
    assert!(fails(&[PUBLIC, out_arg, "--url", "paper.example"]).contains("absolute http(s) URL"));
    assert!(fails(&[PUBLIC, out_arg, "--url", "https://x.example/?a=1"]).contains("no query"));
    // No site.json.
    let empty = temp_dir("empty");
    let err = fails(&[
        empty.to_str().unwrap(),
        out_arg,
        "--url",
        "https://x.example/",
    ]);
    assert!(err.contains("site.json"), "{err}");
    // A damaged index names the file and the JSON path of the bad value.
    let mut broken = article("broken", 1, "Broken");
    broken["published"] = json!("yesterday");
    let dir = fixture(site("Broken"), vec![article("ok", 2, "OK"), broken]);
    let err = fails(&[
        dir.to_str().unwrap(),
        out_arg,
        "--url",
        "https://x.example/",
    ]);
    assert!(err.contains("articles.json"), "{err}");
    assert!(err.contains("articles[1].published"), "{err}");
    // A missing shard.
    std::fs::write(
        dir.join("api/articles.json"),
        json!({ "articles": [article("ok", 2, "OK")], "next": "articles-2.json" }).to_string(),
    )
    .unwrap();
    let err = fails(&[
        dir.to_str().unwrap(),
        out_arg,
        "--url",
        "https://x.example/",
    ]);
    assert!(err.contains("articles-2.json"), "{err}");
    // Content on another origin cannot be read from disk.
    let mut remote = site("Remote");
    remote["content"]["base"] = json!("https://cms.example/api");
    let remote = fixture(remote, vec![]);
    let err = fails(&[
        remote.to_str().unwrap(),
        out_arg,
        "--url",
        "https://x.example/",
    ]);
    assert!(err.contains("is not on disk"), "{err}");
    assert!(!out.join("sitemap.xml").exists() && !out.join("feed.xml").exists());
    for d in [out, empty, dir, remote] {
        let _ = std::fs::remove_dir_all(d);
    }
}

#[test]
fn a_large_paper_gets_a_sitemap_index_of_parts_within_the_protocol_limit() {
    let articles: Vec<Value> = (0..119_998)
        .map(|n| article(&format!("story-{n}"), 1 + n % 28, "A story"))
        .collect();
    let dir = fixture(site("Archive"), articles.clone());
    let out = generate(&dir, "https://paper.example/news/");
    // The front page, one section and every article: 120,000 URLs in three parts, the
    // oldest 100,000 articles in two blocks of 50,000 counted from the oldest.
    assert!(out
        .index
        .contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    assert_eq!(
        texts(&out.index, "loc"),
        ["latest", "2", "1"].map(|n| format!("https://paper.example/news/sitemap-{n}.xml"))
    );
    assert_eq!(count(&out.index, "<lastmod>"), 3);
    assert_eq!(out.parts.len(), 3);
    assert_eq!(count(&out.sitemap, "<url>"), 120_000);
    assert_eq!(count(&out.sitemap, "<urlset "), 3);
    let _ = std::fs::remove_dir_all(dir);

    // One more article, the newest: only the part of the newest changes.
    let mut articles = articles;
    let mut newest = article("story-new", 1, "A new story");
    newest["published"] = "2026-02-01T10:00:00+01:00".into();
    articles.push(newest);
    let dir = fixture(site("Archive"), articles);
    let again = generate(&dir, "https://paper.example/news/");
    assert_ne!(again.parts[0], out.parts[0]);
    assert!(again.parts[0].contains("/story-new"));
    assert_eq!(again.parts[1..], out.parts[1..]);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_smaller_paper_removes_the_sitemap_parts_it_no_longer_needs() {
    let out = temp_dir("parts");
    std::fs::write(out.join("sitemap-2.xml"), "stale").unwrap();
    std::fs::write(out.join("sitemap-3.xml"), "stale").unwrap();
    std::fs::write(out.join("sitemap-news.xml"), "the publisher's").unwrap();
    let dir = fixture(site("Small"), vec![article("one", 1, "One")]);
    let run = Command::new(BIN)
        .arg(&dir)
        .arg(&out)
        .args(["--url", "https://paper.example/"])
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(out.join("sitemap-latest.xml").exists());
    assert!(!out.join("sitemap-2.xml").exists() && !out.join("sitemap-3.xml").exists());
    assert!(out.join("sitemap-news.xml").exists(), "not a part: kept");
    let _ = std::fs::remove_dir_all(dir);
    let _ = std::fs::remove_dir_all(out);
}
