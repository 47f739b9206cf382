//! Builds the sharded body-search index (`meridian::search_index`, `docs/search-index.md`).
//!
//! ```text
//! cargo run --release --bin build_search_index -- public/api              # shards chosen by size
//! cargo run --release --bin build_search_index -- /tmp/paper10k/api --shards 512
//! ```
//! Reads `CONTENT_DIR/articles.json` (following `next`) and every article it lists,
//! decoded with the app's model, and writes `CONTENT_DIR/search/meta.json` and
//! `CONTENT_DIR/search/shard-XX.json`. Prints the sizes (gzip sizes from `gzip -9 -c`),
//! what sample one-word queries cost, and the time taken.

use meridian::model::{decode, Article, IndexPage};
use meridian::search_index::{self, body_hits, shard_file, shard_of, Meta, Shard};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::Instant;

/// Without `--shards`: one shard per this many body words, which gives a median shard of
/// ≈ 10 KB gzip (measured on the 10 000-article synthetic paper: 6.5 M words, 656 shards).
const WORDS_PER_SHARD: usize = 10_000;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!("usage: build_search_index CONTENT_DIR [--shards N]");
        return ExitCode::from(2);
    };
    let shards = match args.iter().position(|a| a == "--shards") {
        Some(i) => match args.get(i + 1).and_then(|n| n.parse::<usize>().ok()) {
            Some(n) if n > 0 => Some(n),
            _ => {
                eprintln!("--shards needs a positive number");
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    match run(Path::new(dir), shards) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("build_search_index: {e}");
            ExitCode::FAILURE
        }
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The (slug, body text) of every article of the index, in index order.
fn load(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut visited = HashSet::new();
    let mut next = Some("articles.json".to_string());
    while let Some(file) = next.take() {
        if !visited.insert(file.clone()) {
            return Err(format!("the index pages loop back to {file}"));
        }
        let path = dir.join(&file);
        let page: IndexPage =
            decode(&path.display().to_string(), &read(&path)?).map_err(|e| e.to_string())?;
        for summary in page.articles {
            let slug = summary.slug.0;
            if !seen.insert(slug.clone()) {
                continue; // listed twice: the first (newer) entry wins
            }
            let path = dir.join("articles").join(format!("{slug}.json"));
            let article: Article =
                decode(&path.display().to_string(), &read(&path)?).map_err(|e| e.to_string())?;
            out.push((slug, article.body_text()));
        }
        next = page.next;
    }
    Ok(out)
}

/// Bytes of `gzip -9 -c path`.
fn gzip_size(path: &Path) -> Result<usize, String> {
    let out = Command::new("gzip")
        .arg("-9")
        .arg("-c")
        .arg(path)
        .output()
        .map_err(|e| format!("gzip: {e}"))?;
    if !out.status.success() {
        return Err(format!("gzip failed on {}", path.display()));
    }
    Ok(out.stdout.len())
}

fn stats(mut sizes: Vec<usize>) -> String {
    sizes.sort_unstable();
    let kb = |b: usize| format!("{:.1} KB", b as f64 / 1000.0);
    format!(
        "min {} · median {} · max {}",
        kb(sizes[0]),
        kb(sizes[sizes.len() / 2]),
        kb(sizes[sizes.len() - 1])
    )
}

fn run(dir: &Path, shards: Option<usize>) -> Result<(), String> {
    let started = Instant::now();
    let articles = load(dir)?;
    let loaded = started.elapsed();
    let numbers: usize = articles
        .iter()
        .map(|(_, body)| meridian::search::words(body).len())
        .sum();
    let shards = shards.unwrap_or_else(|| numbers.div_ceil(WORDS_PER_SHARD).max(1));
    let t = Instant::now();
    let (meta, built) = search_index::build(&articles, shards);
    let building = t.elapsed();

    let t = Instant::now();
    let out = dir.join("search");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    // Remove the shards of an earlier build.
    for entry in std::fs::read_dir(&out)
        .map_err(|e| e.to_string())?
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with("shard-") && name.ends_with(".json") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    let meta_path = out.join("meta.json");
    let meta_text = serde_json::to_string(&meta).map_err(|e| e.to_string())?;
    std::fs::write(&meta_path, &meta_text).map_err(|e| e.to_string())?;
    let mut raw = Vec::with_capacity(shards);
    for (i, shard) in built.iter().enumerate() {
        let text = serde_json::to_string(shard).map_err(|e| e.to_string())?;
        raw.push(text.len());
        std::fs::write(out.join(shard_file(i, shards)), text).map_err(|e| e.to_string())?;
    }
    let writing = t.elapsed();
    let total = started.elapsed();

    let meta_gz = gzip_size(&meta_path)?;
    let gz: Vec<usize> = (0..shards)
        .map(|i| gzip_size(&out.join(shard_file(i, shards))))
        .collect::<Result<_, _>>()?;
    let terms: usize = built.iter().map(|s| s.terms.len()).sum();
    let postings: usize = built
        .iter()
        .flat_map(|s| s.terms.values())
        .map(Vec::len)
        .sum();
    let mb = |b: usize| format!("{:.2} MB", b as f64 / 1e6);
    println!(
        "indexed {} articles ({} words) into {}",
        articles.len(),
        numbers,
        out.display()
    );
    println!("{terms} distinct terms, {postings} postings, {shards} shards");
    println!(
        "total: {} raw, {} gzip (meta.json {:.1} KB raw, {:.1} KB gzip)",
        mb(meta_text.len() + raw.iter().sum::<usize>()),
        mb(meta_gz + gz.iter().sum::<usize>()),
        meta_text.len() as f64 / 1000.0,
        meta_gz as f64 / 1000.0
    );
    println!("shard raw:  {}", stats(raw));
    println!("shard gzip: {}", stats(gz.clone()));
    println!(
        "time: {:.2} s (reading {:.2} s, building {:.2} s, writing {:.2} s; gzip sizing not counted)",
        total.as_secs_f64(),
        loaded.as_secs_f64(),
        building.as_secs_f64(),
        writing.as_secs_f64()
    );
    sample_queries(&out, &built, meta_gz, &gz)
}

/// For one-word queries over a range of document frequencies: the bytes a client fetches
/// (meta + the term's shard, gzip) and the hits, answered from the files just written.
fn sample_queries(out: &Path, built: &[Shard], meta_gz: usize, gz: &[usize]) -> Result<(), String> {
    let mut by_df: Vec<(usize, &str)> = built
        .iter()
        .flat_map(|s| s.terms.iter())
        .map(|(t, p)| (p.len(), t.as_str()))
        .collect();
    if by_df.is_empty() {
        return Ok(());
    }
    by_df.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let meta: Meta = serde_json::from_str(&read(&out.join("meta.json"))?)
        .map_err(|e| format!("meta.json: {e}"))?;
    println!("sample one-word queries (term rank by document frequency):");
    let mut ranks = vec![0, 9, 99, 999, 4_999, by_df.len() - 1];
    ranks.retain(|r| *r < by_df.len());
    ranks.dedup();
    for rank in ranks {
        let term = by_df[rank].1.to_string();
        let i = shard_of(&term, meta.shards);
        let file = out.join(shard_file(i, meta.shards));
        let shard: Shard =
            serde_json::from_str(&read(&file)?).map_err(|e| format!("{}: {e}", file.display()))?;
        let hits = body_hits(
            &meta,
            &HashMap::from([(i, shard)]),
            std::slice::from_ref(&term),
            false,
        );
        println!(
            "  #{:<5} {:<14} {:>5} hits   fetch {:.1} KB gzip (meta {:.1} + shard {:.1})",
            rank + 1,
            term,
            hits.len(),
            (meta_gz + gz[i]) as f64 / 1000.0,
            meta_gz as f64 / 1000.0,
            gz[i] as f64 / 1000.0
        );
    }
    Ok(())
}
