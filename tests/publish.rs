//! The `publish` command (src/bin/publish/): run again after a change, it gives byte for byte
//! what a full publish of the same content gives, and a damaged file never stops the paper.
//!
//! `cargo test --no-default-features --features ssr --test publish`

use meridian::search_index::{decode_docs, shard_file, shard_of, Meta, Shard};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PUBLISH: &str = env!("CARGO_BIN_EXE_publish");
const GEN_PAPER: &str = env!("CARGO_BIN_EXE_gen_paper");
const URL: &str = "https://paper.example/";

/// A stand-in for the build's shells: what the publish step needs of them is `<head>`,
/// `<body>` and the app root.
const SHELL: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
    <meta name=\"app-root\" content=\"/\"></head><body></body></html>";

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("meridian-publish-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A generated paper of `n` articles with the shells of a build: the publish step's inputs.
fn paper(name: &str, n: usize) -> PathBuf {
    let dir = temp(name);
    let run = Command::new(GEN_PAPER)
        .arg(&dir)
        .args([
            "--articles",
            &n.to_string(),
            "--shard",
            "500",
            "--seed",
            "7",
        ])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for name in ["404.html", ".page-shell.html"] {
        std::fs::write(dir.join(name), SHELL).unwrap();
    }
    dir
}

fn publish(dir: &Path, extra: &[&str]) -> Output {
    let out = Command::new(PUBLISH)
        .arg(dir)
        .args(["--url", URL, "--index-page", "40"])
        .args(extra)
        .output()
        .unwrap();
    let code = out.status.code();
    assert!(
        matches!(code, Some(0) | Some(3)),
        "publish failed ({code:?}): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Every file under `dir` but the publish step's memory, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            let rel = path.strip_prefix(root).unwrap().display().to_string();
            if rel == ".publish" {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The inputs of `dir` (site, shells, article files) in a new directory.
fn inputs_of(dir: &Path, name: &str) -> PathBuf {
    let copy = temp(name);
    for file in ["site.json", "404.html", ".page-shell.html"] {
        std::fs::copy(dir.join(file), copy.join(file)).unwrap();
    }
    std::fs::create_dir_all(copy.join("api/articles")).unwrap();
    for entry in std::fs::read_dir(dir.join("api/articles"))
        .unwrap()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.ends_with(".json") {
            std::fs::copy(entry.path(), copy.join("api/articles").join(name)).unwrap();
        }
    }
    copy
}

/// Asserts that `dir`, published incrementally, equals a full publish of its inputs.
fn same_as_full(dir: &Path, step: &str) {
    let fresh = inputs_of(dir, &format!("full-{step}"));
    publish(&fresh, &["--full"]);
    let (ours, full) = (files(dir), files(&fresh));
    let differ: Vec<&String> = ours
        .keys()
        .chain(full.keys())
        .filter(|k| ours.get(*k) != full.get(*k))
        .collect();
    assert!(
        differ.is_empty(),
        "after {step}, these differ from a full publish: {differ:?}"
    );
    std::fs::remove_dir_all(fresh).unwrap();
}

fn article_path(dir: &Path, slug: &str) -> PathBuf {
    dir.join("api/articles").join(format!("{slug}.json"))
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn write_json(path: &Path, value: &Value) {
    std::fs::write(path, serde_json::to_string_pretty(value).unwrap()).unwrap();
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every slug of the index chain, newest first.
fn listed(dir: &Path) -> Vec<String> {
    let mut slugs = Vec::new();
    let mut next = Some("articles.json".to_string());
    while let Some(page) = next {
        let page = read_json(&dir.join("api").join(page));
        for a in page["articles"].as_array().unwrap() {
            slugs.push(a["slug"].as_str().unwrap().to_string());
        }
        next = page["next"].as_str().map(String::from);
    }
    slugs
}

/// The slugs whose bodies hold `word`, from the search index on disk.
fn body_search(dir: &Path, word: &str) -> Vec<String> {
    let search = dir.join("api/search");
    let meta: Meta = serde_json::from_value(read_json(&search.join("meta.json"))).unwrap();
    let shard: Shard = serde_json::from_value(read_json(
        &search.join(shard_file(shard_of(word, meta.shards), meta.shards)),
    ))
    .unwrap();
    let mut slugs = listed(dir);
    assert_eq!(slugs.len(), meta.docs);
    slugs.reverse(); // doc ids count from the oldest
    let docs = shard
        .terms
        .get(word)
        .map(|d| decode_docs(d))
        .unwrap_or_default();
    docs.into_iter()
        .map(|d| slugs[d as usize].clone())
        .collect()
}

#[test]
fn publishing_again_after_each_change_equals_a_full_publish() {
    let dir = paper("incremental", 120);
    let first = publish(&dir, &[]);
    assert!(
        stdout(&first).contains("120 articles (120 read)"),
        "{}",
        stdout(&first)
    );
    same_as_full(&dir, "first");

    // An article's page and content file get a `.br` only; the shared files both siblings.
    let slugs = listed(&dir);
    let newest = read_json(&article_path(&dir, &slugs[0]));
    let page = dir
        .join(newest["category"].as_str().unwrap())
        .join(&slugs[0])
        .join("index.html");
    let content = article_path(&dir, &slugs[0]);
    let front = dir.join("index.html");
    let index = dir.join("api/articles.json");
    for (file, gzip) in [
        (&page, false),
        (&content, false),
        (&front, true),
        (&index, true),
    ] {
        let sibling = |suffix: &str| PathBuf::from(format!("{}{suffix}", file.display()));
        assert!(sibling(".br").exists(), "{}.br", file.display());
        assert_eq!(sibling(".gz").exists(), gzip, "{}.gz", file.display());
    }
    // A prerendered page is never hydrated: none of leptos' hydration markers.
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<h1 class=\"article__title\">"), "{html}");
    assert!(!html.contains("<!>") && !html.contains("<!--<"), "{html}");

    // Nothing changed: nothing is read or written again.
    let again = publish(&dir, &[]);
    assert!(stdout(&again).contains("(0 read)"), "{}", stdout(&again));
    assert!(
        stdout(&again).contains(" 0 files written"),
        "{}",
        stdout(&again)
    );

    // Added: the newest article, with a word no other article has.
    let mut added = read_json(&article_path(&dir, &slugs[0]));
    added["slug"] = "a-new-article".into();
    added["title"] = "A new article about quokkas".into();
    // At the newest's time: it enters its neighbours' related picks.
    added["published"] = read_json(&article_path(&dir, &slugs[0]))["published"].clone();
    added["body"] =
        serde_json::json!([{ "type": "paragraph", "text": "Zanzibarquokka sightings rose." }]);
    write_json(&article_path(&dir, "a-new-article"), &added);
    let older_pages = |dir: &Path| {
        files(&dir.join("api"))
            .into_iter()
            .filter(|(name, _)| name.starts_with("articles-"))
            .collect::<Vec<_>>()
    };
    let before = older_pages(&dir);
    let out = publish(&dir, &[]);
    // Only the first index page takes the new article: the older ones are counted from the
    // oldest and do not move.
    assert!(!before.is_empty());
    assert_eq!(older_pages(&dir), before);
    assert!(stdout(&out).contains("(1 read)"), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("search index updated"),
        "{}",
        stdout(&out)
    );
    let category = added["category"].as_str().unwrap();
    assert!(dir.join(category).join("a-new-article/index.html").exists());
    assert_eq!(body_search(&dir, "zanzibarquokka"), ["a-new-article"]);
    let picked_by = std::fs::read_dir(dir.join("api/rails/related"))
        .unwrap()
        .flatten()
        .filter(|f| f.path().extension().is_some_and(|e| e == "json"))
        .filter(|f| {
            std::fs::read_to_string(f.path())
                .unwrap()
                .contains("\"a-new-article\"")
        })
        .count();
    assert!(
        picked_by > 1,
        "the new article is in its neighbours' related picks"
    );
    same_as_full(&dir, "add");

    // Edited: a new title, and a new word in the body.
    let edited = article_path(&dir, &slugs[5]);
    let mut a = read_json(&edited);
    a["title"] = "An edited headline".into();
    a["body"] = serde_json::json!([{ "type": "paragraph", "text": "Now about okapiwords." }]);
    write_json(&edited, &a);
    let out = publish(&dir, &[]);
    assert!(
        stdout(&out).contains("search index updated"),
        "{}",
        stdout(&out)
    );
    assert_eq!(body_search(&dir, "okapiwords"), [slugs[5].clone()]);
    let page = std::fs::read_to_string(
        dir.join(a["category"].as_str().unwrap())
            .join(&slugs[5])
            .join("index.html"),
    )
    .unwrap();
    assert!(page.contains("An edited headline"));
    same_as_full(&dir, "edit");

    // An older article edited (beyond the first index page, where rails pick from): its new
    // tags change its own picks, and nobody else's.
    let older = article_path(&dir, &slugs[100]);
    let mut a = read_json(&older);
    a["title"] = "An archived story, retitled".into();
    a["tags"] = serde_json::json!(["archive"]);
    write_json(&older, &a);
    publish(&dir, &[]);
    same_as_full(&dir, "edit an older article");

    // The newest removed: its words leave the search index, nothing else moves.
    std::fs::remove_file(article_path(&dir, "a-new-article")).unwrap();
    let out = publish(&dir, &[]);
    assert!(
        stdout(&out).contains("search index updated"),
        "{}",
        stdout(&out)
    );
    assert!(body_search(&dir, "zanzibarquokka").is_empty());
    same_as_full(&dir, "remove the newest");

    // Removed further back: its page, its rail file and its listing go.
    let gone = read_json(&article_path(&dir, &slugs[10]));
    std::fs::remove_file(article_path(&dir, &slugs[10])).unwrap();
    publish(&dir, &[]);
    let gone_page = dir
        .join(gone["category"].as_str().unwrap())
        .join(&slugs[10]);
    assert!(!gone_page.exists(), "the removed article's page is gone");
    assert!(!dir
        .join(format!("api/rails/related/{}.json", slugs[10]))
        .exists());
    same_as_full(&dir, "remove");

    // A popularity change: Top news changes, no page does.
    let popular = article_path(&dir, &slugs[30]);
    let mut a = read_json(&popular);
    a["popularity"] = 1e9.into();
    write_json(&popular, &a);
    let out = publish(&dir, &[]);
    assert!(
        stdout(&out).contains("search index unchanged"),
        "{}",
        stdout(&out)
    );
    let top = read_json(&dir.join("api/rails/top.json"));
    assert_eq!(top["articles"][0]["slug"], slugs[30].as_str());
    same_as_full(&dir, "popularity");

    // A damaged file: named, left out, everything else published; exit code 3.
    std::fs::write(article_path(&dir, &slugs[20]), "{\"slug\": ").unwrap();
    let out = publish(&dir, &[]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{}.json", slugs[20])), "{err}");
    assert!(!std::fs::read_to_string(dir.join("api/articles.json"))
        .unwrap()
        .contains(&format!("\"{}\"", slugs[20])));
    same_as_full(&dir, "damaged");

    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_missing_build_or_site_is_a_clear_failure() {
    let dir = temp("nothing");
    let out = Command::new(PUBLISH).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("site.json"));
    let out = Command::new(PUBLISH).args(["--bogus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(dir).unwrap();
}
