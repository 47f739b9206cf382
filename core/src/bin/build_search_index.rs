//! Builds the sharded body-search index (`meridian_core::search_index`, `docs/search-index.md`).
//!
//! ```text
//! cargo run --release --bin build_search_index -- public/api              # shards chosen by size
//! cargo run --release --bin build_search_index -- /tmp/paper10k/api --shards 128 --block 1000
//! cargo run --release --bin build_search_index -- public/api --quiet      # no size report
//! ```
//! Reads `CONTENT_DIR/articles.json` (following `next`) and every article it lists,
//! decoded with the app's model, removes the files of an earlier build and writes
//! `CONTENT_DIR/search/meta.json`, `shard-XX.json` (doc ids) and `pos-XX-YY.json` (word
//! positions). Prints the sizes (gzip sizes from `gzip -9 -c`), what sample one-word
//! queries cost, and the time taken. The output depends only on the content: building
//! twice gives the same bytes. An article file that is missing or damaged is named with
//! why (the JSON path of a bad value) and indexed without its words; the index is still
//! written, and the exit code is then [`meridian_core::model::EXIT_WITH_SKIPS`].

use meridian_core::model::{decode, Article, IndexPage};
use meridian_core::publish::{search, Outputs};
use meridian_core::search_index::{
    self, blocks, body_hits, positions_file, shard_file, Index, Meta, Shard,
};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!("usage: build_search_index CONTENT_DIR [--shards N] [--block N] [--quiet]");
        return ExitCode::from(2);
    };
    let number = |flag: &str| match args.iter().position(|a| a == flag) {
        Some(i) => match args.get(i + 1).and_then(|n| n.parse::<usize>().ok()) {
            Some(n) if n > 0 => Ok(Some(n)),
            _ => Err(format!("{flag} needs a positive number")),
        },
        None => Ok(None),
    };
    let (shards, block) = match (number("--shards"), number("--block")) {
        (Ok(s), Ok(b)) => (s, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let quiet = args.iter().any(|a| a == "--quiet");
    match run(Path::new(dir), shards, block, quiet) {
        Ok(0) => ExitCode::SUCCESS,
        // Written, with the words of some articles left out: see `load`.
        Ok(_) => ExitCode::from(meridian_core::model::EXIT_WITH_SKIPS),
        Err(e) => {
            eprintln!("build_search_index: {e}");
            ExitCode::FAILURE
        }
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The (slug, body text) of every article of the index, in index order. An article whose file
/// is missing or does not decode is named on stderr and indexed without its words: it keeps
/// its doc id, so the index still matches the paper's (its fingerprint) and every other
/// article is found. The second value counts them.
fn load(dir: &Path) -> Result<(Vec<(String, String)>, usize), String> {
    let mut out = Vec::new();
    let mut skipped = 0;
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
            let article = read(&path).and_then(|text| {
                decode::<Article>(&path.display().to_string(), &text).map_err(|e| e.to_string())
            });
            match article {
                Ok(article) => out.push((slug, article.body_text())),
                Err(e) => {
                    eprintln!("build_search_index: skipped the words of {slug}: {e}");
                    skipped += 1;
                    out.push((slug, String::new()));
                }
            }
        }
        next = page.next;
    }
    Ok((out, skipped))
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

/// Writes the index; `Ok(n)`: written, `n` articles without their words.
fn run(
    dir: &Path,
    shards: Option<usize>,
    block: Option<usize>,
    quiet: bool,
) -> Result<usize, String> {
    let started = Instant::now();
    let (mut articles, skipped) = load(dir)?;
    articles.reverse(); // doc ids from the oldest
    let loaded = started.elapsed();
    let t = Instant::now();
    let out = dir.join("search");
    let shards = shards.unwrap_or_else(|| {
        search::shard_count(
            articles
                .iter()
                .map(|(_, body)| search::postings(body))
                .sum(),
        )
    });
    let block = block.unwrap_or(search::block_size(shards));
    let slugs: Vec<String> = articles.iter().map(|(slug, _)| slug.clone()).collect();
    let mut next = articles.iter();
    let bodies = |chunk: &[String]| next.by_ref().take(chunk.len()).cloned().collect();
    search::write(dir, &slugs, shards, block, bodies, &Outputs::default())?;
    // The same index in memory, for the report.
    let index = search_index::build(&articles, shards, block);
    let shards = index.meta.shards;
    let postings: usize = index
        .shards
        .iter()
        .flat_map(|s| s.terms.values())
        .map(Vec::len)
        .sum();
    let (meta, building) = (&index.meta, t.elapsed());
    let size = |name: String| std::fs::metadata(out.join(name)).map_or(0, |m| m.len() as usize);
    let meta_text = serde_json::to_string(meta).map_err(|e| e.to_string())?;
    let shard_raw: Vec<usize> = (0..shards).map(|i| size(shard_file(i, shards))).collect();
    let pos_raw: Vec<usize> = index
        .positions
        .keys()
        .map(|(s, b)| size(positions_file(meta, *s, *b)))
        .collect();
    let total = started.elapsed();
    let terms: usize = index.shards.iter().map(|s| s.terms.len()).sum();
    println!(
        "indexed {} articles into {}: {terms} terms, {postings} postings, {shards} shards, {} positions files ({} docs each) in {:.2} s",
        articles.len(),
        out.display(),
        index.positions.len(),
        meta.block,
        total.as_secs_f64(),
    );
    if quiet {
        return Ok(skipped);
    }
    println!(
        "time: reading {:.2} s, building and writing {:.2} s",
        loaded.as_secs_f64(),
        building.as_secs_f64()
    );
    let meta_gz = gzip_size(&out.join("meta.json"))?;
    let shard_gz: Vec<usize> = (0..shards)
        .map(|i| gzip_size(&out.join(shard_file(i, shards))))
        .collect::<Result<_, _>>()?;
    let pos_gz: HashMap<(usize, usize), usize> = index
        .positions
        .keys()
        .map(|&(s, b)| Ok(((s, b), gzip_size(&out.join(positions_file(meta, s, b)))?)))
        .collect::<Result<_, String>>()?;
    let mb = |b: usize| format!("{:.2} MB", b as f64 / 1e6);
    println!("meta.json: {} bytes raw, {} gzip", meta_text.len(), meta_gz);
    println!(
        "doc-id shards: {} raw, {} gzip; raw {}; gzip {}",
        mb(shard_raw.iter().sum()),
        mb(shard_gz.iter().sum()),
        stats(shard_raw),
        stats(shard_gz.clone())
    );
    if !pos_raw.is_empty() {
        println!(
            "positions: {} raw, {} gzip; raw {}; gzip {}",
            mb(pos_raw.iter().sum()),
            mb(pos_gz.values().sum()),
            stats(pos_raw),
            stats(pos_gz.values().copied().collect())
        );
    }
    sample_queries(&index, meta_gz, &shard_gz, &pos_gz);
    Ok(skipped)
}

/// For one-word queries over a range of document frequencies, and a phrase of two of
/// them: the bytes a client fetches (gzip) and the hits.
fn sample_queries(
    index: &Index,
    meta_gz: usize,
    shard_gz: &[usize],
    pos_gz: &HashMap<(usize, usize), usize>,
) {
    let mut by_df: Vec<(usize, &str)> = index
        .shards
        .iter()
        .flat_map(|s| s.terms.iter())
        .map(|(t, p)| (p.len(), t.as_str()))
        .collect();
    if by_df.is_empty() {
        return;
    }
    by_df.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let meta: &Meta = &index.meta;
    let all: HashMap<usize, Shard> = index.shards.iter().cloned().enumerate().collect();
    let positions: HashMap<(usize, usize), _> = index
        .positions
        .iter()
        .map(|(k, v)| (*k, v.clone()))
        .collect();
    let kb = |b: usize| format!("{:.1} KB", b as f64 / 1000.0);
    println!(
        "sample queries (term rank by document frequency; bytes: gzip, meta.json + files; {} blocks):",
        blocks(meta)
    );
    let mut ranks = vec![0, 9, 99, 999, 4_999, by_df.len() - 1];
    ranks.retain(|r| *r < by_df.len());
    ranks.dedup();
    let mut queries: Vec<(Vec<String>, bool)> = ranks
        .iter()
        .map(|r| (vec![by_df[*r].1.to_string()], false))
        .collect();
    if by_df.len() > 100 {
        for pair in [[0, 1], [99, 0], [999, 9]] {
            let words = pair.iter().map(|r| by_df[*r].1.to_string()).collect();
            queries.push((words, true));
        }
    }
    for (terms, exact) in queries {
        let needed = search_index::shards_needed(meta, &terms);
        let pos = search_index::positions_needed(meta, &all, &terms, exact).unwrap_or_default();
        let bytes = meta_gz
            + needed.iter().map(|i| shard_gz[*i]).sum::<usize>()
            + pos
                .iter()
                .map(|k| pos_gz.get(k).copied().unwrap_or(0))
                .sum::<usize>();
        let hits = body_hits(meta, &all, &positions, &terms, exact)
            .map(|h| h.matches.len())
            .unwrap_or(0);
        println!(
            "  {:<24} {:>5} hits   fetch {} ({} shard(s), {} positions file(s))",
            if exact {
                format!("\"{}\"", terms.join(" "))
            } else {
                terms.join(" ")
            },
            hits,
            kb(bytes),
            needed.len(),
            pos.len(),
        );
    }
}
