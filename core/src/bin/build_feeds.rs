//! Writes the sitemap and an Atom 1.0 `feed.xml` for a publisher's URL from the content the
//! app reads (`site.json` and the index, following `next` shards). The sitemap follows the
//! protocol at any size: `sitemap.xml` is a sitemap index of parts of at most 50,000 URLs
//! each, blocks of articles counted from the oldest (`sitemap-1.xml`, …) and
//! `sitemap-latest.xml` (docs/offline-and-feeds.md).
//!
//! ```text
//! cargo run --bin build_feeds -- public dist --url https://paper.example/
//! cargo run --bin build_feeds -- dist dist --url https://paper.example/news/
//! ```
//! CONTENT_ROOT is the directory holding `site.json` (the app root on disk, `public` or
//! `dist`); the index is read from `content.base` relative to it. Everything is decoded
//! with the app's own model and every link is built by `meridian_core::routes`, so the URLs are
//! the ones the app serves. The same input always gives the same bytes.

use meridian_core::publish::{feeds, Outputs};
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage: build_feeds CONTENT_ROOT OUT_DIR --url https://paper.example/[sub/]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(e)) => {
            eprintln!("build_feeds: {e}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Input(e)) => {
            eprintln!("build_feeds: {e}");
            ExitCode::FAILURE
        }
    }
}

enum Failure {
    Usage(String),
    Input(String),
}

fn run(args: &[String]) -> Result<String, Failure> {
    let mut positional = Vec::new();
    let mut url = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--url" => {
                url = Some(
                    args.get(i + 1)
                        .ok_or_else(|| Failure::Usage("--url needs a value".into()))?
                        .clone(),
                );
                i += 2;
            }
            a if a.starts_with("--url=") => {
                url = Some(a["--url=".len()..].to_string());
                i += 1;
            }
            a if a.starts_with("--") => return Err(Failure::Usage(format!("unknown option {a}"))),
            a => {
                positional.push(a.to_string());
                i += 1;
            }
        }
    }
    let [content_root, out_dir] = positional.as_slice() else {
        return Err(Failure::Usage(
            "expected CONTENT_ROOT and OUT_DIR".to_string(),
        ));
    };
    let url = url.ok_or_else(|| Failure::Usage("--url is required".into()))?;

    let base = feeds::base_url(&url).map_err(Failure::Usage)?;
    let (site, articles) =
        feeds::read_content(Path::new(content_root), &base).map_err(Failure::Input)?;
    let out = Path::new(out_dir);
    let report =
        feeds::write(out, &site, &articles, &base, &Outputs::default()).map_err(Failure::Input)?;
    Ok(format!("wrote {report} in {}", out.display()))
}
