//! The publishing tools on damaged content: they name what they could not read, write
//! everything else, and say so with their exit code (`model::EXIT_WITH_SKIPS`).

use std::path::Path;
use std::process::Command;

/// A copy of the sample content in a fresh directory.
fn sample_copy(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("meridian-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/api");
    std::fs::copy(from.join("articles.json"), dir.join("articles.json")).unwrap();
    for entry in std::fs::read_dir(from.join("articles")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join("articles").join(entry.file_name())).unwrap();
    }
    dir
}

#[test]
fn the_search_index_is_written_without_the_words_of_a_damaged_or_missing_article() {
    let dir = sample_copy("search-skips");
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("articles.json")).unwrap()).unwrap();
    let slugs: Vec<&str> = index["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["slug"].as_str().unwrap())
        .collect();
    let (damaged, missing) = (slugs[0], slugs[1]);
    std::fs::write(
        dir.join("articles").join(format!("{damaged}.json")),
        r#"{"slug": "x", "title": 7}"#,
    )
    .unwrap();
    std::fs::remove_file(dir.join("articles").join(format!("{missing}.json"))).unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_build_search_index"))
        .arg(&dir)
        .arg("--quiet")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(meridian_core::model::EXIT_WITH_SKIPS.into()),
        "{stderr}"
    );
    // Each is named, and why: the damaged one with what is wrong where.
    assert!(
        stderr.contains(&format!("skipped the words of {damaged}")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{damaged}.json is damaged: missing field `body`")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("skipped the words of {missing}")),
        "{stderr}"
    );
    // Every article keeps its doc id: the index matches the paper's list.
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("search/meta.json")).unwrap())
            .unwrap();
    assert_eq!(meta["docs"].as_u64(), Some(slugs.len() as u64));
    assert!(std::fs::read_dir(dir.join("search")).unwrap().count() > 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The index's pages: the newest in the first (half a page to one and a half pages of them),
/// then blocks counted from the oldest, so that a new article moves no block.
#[test]
fn index_pages_are_counted_from_the_oldest() {
    use meridian_core::publish::index::pages;
    let shape = |n: usize| -> Vec<(usize, usize)> {
        let entries: Vec<usize> = (0..n).rev().collect(); // newest first
        pages(&entries, 10)
            .into_iter()
            .map(|(block, page)| (block, page.len()))
            .collect()
    };
    assert_eq!(shape(0), [(0, 0)]);
    assert_eq!(shape(7), [(0, 7)]);
    assert_eq!(shape(10), [(0, 10)]);
    assert_eq!(shape(14), [(0, 14)]);
    assert_eq!(shape(15), [(0, 5), (1, 10)]);
    assert_eq!(shape(34), [(0, 14), (2, 10), (1, 10)]);
    assert_eq!(shape(35), [(0, 5), (3, 10), (2, 10), (1, 10)]);
    // Block 1 holds the ten oldest, whatever comes after them.
    for n in [20, 21, 35, 99, 1000] {
        let entries: Vec<usize> = (0..n).rev().collect();
        let all = pages(&entries, 10);
        let (block, oldest) = all.last().unwrap();
        assert_eq!(
            (*block, oldest.to_vec()),
            (1, (0..10).rev().collect()),
            "{n}"
        );
        // Together, in the chain's order, they are the index.
        let chained: Vec<usize> = all.iter().flat_map(|(_, p)| p.iter().copied()).collect();
        assert_eq!(chained, entries);
    }
}
