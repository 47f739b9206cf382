//! Builds `articles.json` (the index of docs/content-api.md §2) from the article files.
//!
//! ```text
//! cargo run --bin build_index -- public/api            # one index file
//! cargo run --bin build_index -- public/api --shard 50 # pages of 50, chained by `next`
//! ```
//! Every article is decoded with the app's own model first, so a file the app would
//! reject stops the build with the file name and the JSON path of the bad value.

use meridian::model::{decode, Article};
use serde_json::{json, Value};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: build_index CONTENT_DIR [--shard N]");
        return ExitCode::from(2);
    };
    let shard = match args.iter().position(|a| a == "--shard") {
        Some(i) => match args.get(i + 1).and_then(|n| n.parse::<usize>().ok()) {
            Some(n) if n > 0 => n,
            _ => {
                eprintln!("--shard needs a positive number");
                return ExitCode::from(2);
            }
        },
        None => usize::MAX,
    };
    match build(Path::new(dir), shard) {
        Ok(n) => {
            println!("indexed {n} articles in {dir}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("build_index: {e}");
            ExitCode::FAILURE
        }
    }
}

fn build(dir: &Path, shard: usize) -> Result<usize, String> {
    let articles_dir = dir.join("articles");
    let mut entries: Vec<(i64, Value)> = Vec::new();
    let read = std::fs::read_dir(&articles_dir)
        .map_err(|e| format!("cannot read {}: {e}", articles_dir.display()))?;
    for entry in read {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?;
        let article: Article = decode(&name, &text).map_err(|e| e.to_string())?;
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if *article.summary.slug != *stem {
            return Err(format!(
                "{name}: slug `{}` does not match the file name",
                &*article.summary.slug
            ));
        }
        let mut value: Value = serde_json::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
        if let Some(obj) = value.as_object_mut() {
            obj.remove("body");
        }
        entries.push((article.summary.published.millis, value));
    }
    // Newest first; the slug breaks ties so the output is stable.
    entries.sort_by(|(a, va), (b, vb)| {
        b.cmp(a)
            .then_with(|| va["slug"].as_str().cmp(&vb["slug"].as_str()))
    });
    let total = entries.len();
    let pages: Vec<Vec<Value>> = if entries.is_empty() {
        vec![Vec::new()]
    } else {
        entries
            .into_iter()
            .map(|(_, v)| v)
            .collect::<Vec<_>>()
            .chunks(shard)
            .map(<[Value]>::to_vec)
            .collect()
    };
    // Remove shards of an earlier, larger build.
    for entry in std::fs::read_dir(dir).map_err(|e| e.to_string())?.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with("articles-") && name.ends_with(".json") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    let count = pages.len();
    for (i, page) in pages.into_iter().enumerate() {
        let file = if i == 0 {
            "articles.json".to_string()
        } else {
            format!("articles-{}.json", i + 1)
        };
        let mut doc = json!({ "articles": page });
        if i + 1 < count {
            doc["next"] = json!(format!("articles-{}.json", i + 2));
        }
        let text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n";
        std::fs::write(dir.join(&file), text).map_err(|e| format!("{file}: {e}"))?;
    }
    Ok(total)
}
