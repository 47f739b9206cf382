//! Answers searches over a static paper natively, through the same [`Source`] and ranking
//! as the search page (with the paper's search index when it has a usable one), and
//! prints every hit: what `scripts/perf/bench-search.mjs` compares with MiniSearch.
//!
//! ```text
//! cargo run --release --bin search_query -- /tmp/paper10k/api 'q=glacier' 'q=water deal&exact=1'
//! ```
//! Each argument after the content directory is a query string of the search page (`q`,
//! `exact`, `in`, `category`, `from`, `to`, `sort`; spaces as spaces). One JSON line per
//! query: `{"query": …, "ranked_ms": …, "indexed": true, "count": N, "slugs": [… in result
//! order]}`, `ranked_ms` being the time `search::run_with` took (the corpus already loaded).

use meridian::model::{decode, Site};
use meridian::search::{run_with, Body, SearchQuery};
use meridian::source::Source;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((dir, queries)) = args.split_first() else {
        eprintln!("usage: search_query CONTENT_DIR QUERY_STRING...");
        return ExitCode::from(2);
    };
    let dir = match std::fs::canonicalize(dir) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{dir}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let site = format!(
        r#"{{"name":"N","content":{{"kind":"static","base":"file://{}"}},"categories":[]}}"#,
        dir.display()
    );
    let site: Site = match decode("site.json", &site) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let source = match Source::new("/", &site) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    for qs in queries {
        let query = SearchQuery::from_pairs(qs.split('&').filter_map(|p| p.split_once('=')));
        let corpus = match block_on(source.corpus(&query)) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("{qs}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let started = std::time::Instant::now();
        let slugs: Vec<&str> =
            run_with(
                &corpus.index,
                &corpus.folded,
                &query,
                |doc, a| match &corpus.indexed {
                    Some(hits) => Body::Indexed {
                        hits,
                        doc: doc as u32,
                    },
                    None => corpus.bodies.get(&*a.slug).map(String::as_str).into(),
                },
            )
            .into_iter()
            .map(|(_, a)| &*a.slug)
            .collect();
        let ranked_ms = started.elapsed().as_secs_f64() * 1000.0;
        let line = serde_json::json!({
            "query": qs,
            "ranked_ms": ranked_ms,
            "indexed": corpus.indexed.is_some(),
            "count": slugs.len(),
            "slugs": slugs,
        });
        println!("{line}");
    }
    ExitCode::SUCCESS
}

/// Runs a future that never waits: natively, the source reads files and answers at once.
fn block_on<T>(f: impl std::future::Future<Output = T>) -> T {
    let mut f = std::pin::pin!(f);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}
