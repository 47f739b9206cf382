//! `publish DIST`: everything a publisher runs after `trunk build`, in one command, costing
//! what changed since the last run. See docs/publishing.md.
//!
//! ```sh
//! cargo run --profile native --no-default-features --features ssr --bin publish -- dist
//! cargo run … --bin publish -- dist --url https://paper.example/   # feeds for that address
//! cargo run … --bin publish -- dist --full                          # redo everything
//! ```
//!
//! From the article files under the static content base of `dist/site.json` it writes:
//! the index pages, the body-search index, the rail files (Top news, with the masthead's
//! coming days, and each article's related picks), the finished HTML of the front page,
//! every section and every article, the feed and the sitemaps (with `--url` or `site.json`
//! `url`), and the `.br`/`.gz` beside every file a host serves.
//!
//! What it read is remembered in `DIST/.publish/state.json`; run again, it reads only the
//! article files whose size or time changed, renders only their pages (and the front and
//! section pages), and leaves every file whose bytes are already right untouched. The result
//! is byte for byte that of `--full` (tests/publish.rs). A file that is missing or does not
//! decode is named with the JSON path of what is wrong and left out; everything else is
//! published, and the exit code is then [`meridian::model::EXIT_WITH_SKIPS`].

mod render;

use meridian::intl::{masthead_days, now_millis};
use meridian::model::{decode, is_slug, Article, ArticleSummary, ContentKind, RailFile, Site};
use meridian::publish::{compress, feeds, index, search, Outputs};
use meridian::related::{for_rail, rail_item, top_news, Neighbours};
use meridian::source::{load_site, set_native_root, set_native_url_root};
use render::block_on;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Instant, UNIX_EPOCH};

const USAGE: &str =
    "usage: publish DIST [--full] [--url https://paper.example/] [--jobs N] [--index-page N] [--brotli N] [--site FILE]";

/// The shell of a prerendered page, written by the build (scripts/build/post-build.mjs).
const PAGE_SHELL: &str = ".page-shell.html";

/// Where the publish step remembers what it read (not served: hosts skip dot-directories,
/// and so does [`compress::precompress`]).
const STATE: &str = ".publish/state.json";

/// How many neighbours in time on either side, in its section and in each of its tags, an
/// article's related picks come from.
const RELATED_WINDOW: usize = 20;

fn main() -> ExitCode {
    let mut raw = std::env::args().skip(1);
    if let (Some(flag), Some(dist)) = (raw.next(), raw.next()) {
        if flag == "--render-pages" {
            return match render_pages(Path::new(&dist)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("publish: {e}");
                    ExitCode::FAILURE
                }
            };
        }
    }
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(e) => {
            eprintln!("publish: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(meridian::model::EXIT_WITH_SKIPS),
        Err(e) => {
            eprintln!("publish: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Args {
    dist: PathBuf,
    /// The site's configuration, when not `DIST/site.json`.
    site: Option<PathBuf>,
    full: bool,
    url: Option<String>,
    jobs: usize,
    per_page: usize,
    /// Brotli quality of the pages and content (1–11).
    brotli: u32,
}

impl Args {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
        let mut out = Args {
            dist: PathBuf::new(),
            site: None,
            full: false,
            url: None,
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            per_page: index::DEFAULT_PAGE,
            brotli: compress::PAGE_QUALITY,
        };
        let number = |v: Option<String>, flag: &str| {
            v.and_then(|n| n.parse::<usize>().ok())
                .filter(|n| *n > 0)
                .ok_or(format!("{flag} needs a positive number"))
        };
        let mut dist = None;
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--full" => out.full = true,
                "--url" => out.url = Some(args.next().ok_or("--url needs a value")?),
                "--site" => out.site = Some(args.next().ok_or("--site needs a file")?.into()),
                "--jobs" => out.jobs = number(args.next(), "--jobs")?,
                "--index-page" => out.per_page = number(args.next(), "--index-page")?,
                "--brotli" => match number(args.next(), "--brotli")? {
                    q @ 1..=11 => out.brotli = q as u32,
                    _ => return Err("--brotli takes a quality from 1 to 11".into()),
                },
                a if a.starts_with("--") => return Err(format!("unknown option {a}")),
                a if dist.is_none() => dist = Some(PathBuf::from(a)),
                a => return Err(format!("unexpected argument {a}")),
            }
        }
        out.dist = dist.ok_or("DIST is required")?;
        Ok(out)
    }
}

/// What the last run read: enough to know, from a file's size and time alone, that it is
/// unchanged, and to list it without reading it.
#[derive(Default, Serialize, Deserialize)]
struct State {
    /// [`inputs`] of that run: when they differ, nothing of it is trusted.
    inputs: String,
    /// Article file name → what it held.
    articles: BTreeMap<String, Cached>,
    /// The pages written, one path each below the root (the front page is "").
    pages: BTreeSet<String>,
    /// What the search index was built from: (slug, body hash), in doc-id order.
    #[serde(default)]
    search: Vec<(String, String)>,
}

#[derive(Clone, Serialize, Deserialize)]
struct Cached {
    len: u64,
    modified: u128,
    hash: String,
    /// The index entry (the file without `body`), as JSON text.
    entry: Box<serde_json::value::RawValue>,
    /// [`meridian::publish::hash`] of the body's JSON.
    body: String,
    /// Its distinct words.
    postings: usize,
    /// [`meridian::publish::hash`] of its related rail file.
    #[serde(default)]
    related: String,
}

/// What every page depends on besides its own content: the publish binary, the build's
/// shells, `site.json` and the options. A change to any of them redoes everything.
fn inputs(args: &Args, parts: &[&str]) -> String {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| format!("{} {:?}", m.len(), m.modified().ok()))
        .unwrap_or_default();
    let mut all = format!("{exe}\n{} {}\n", args.per_page, args.brotli);
    for part in parts {
        all.push_str(part);
        all.push('\n');
    }
    meridian::publish::hash(all.as_bytes())
}

/// A progress bar on stderr when it is a terminal.
struct Progress {
    what: &'static str,
    total: usize,
    done: AtomicUsize,
    shown: bool,
}

impl Progress {
    fn new(what: &'static str, total: usize) -> Progress {
        let shown = std::io::stderr().is_terminal() && total > 0;
        Progress {
            what,
            total,
            done: AtomicUsize::new(0),
            shown,
        }
    }

    fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if self.shown && (done == self.total || done % 97 == 0) {
            let filled = done * 30 / self.total;
            eprint!(
                "\r{:<10} [{}{}] {done}/{}",
                self.what,
                "#".repeat(filled),
                " ".repeat(30 - filled),
                self.total
            );
            if done == self.total {
                eprintln!();
            }
        }
    }
}

/// Publishes; `Ok(n)`: published, with `n` article files left out (named on stderr).
fn run(args: &Args) -> Result<usize, String> {
    let started = Instant::now();
    let dist = &args.dist;
    let read = |name: &str| {
        let path = dist.join(name);
        std::fs::read_to_string(&path).map_err(|e| {
            format!(
                "{}: {e} (run trunk build --release --offline first)",
                path.display()
            )
        })
    };
    let site_text = match &args.site {
        Some(file) => {
            std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?
        }
        None => read("site.json")?,
    };
    if !dist.join(PAGE_SHELL).exists() {
        return content_only(args, &site_text);
    }
    if args.site.is_some() {
        // The pages render the app, which reads DIST/site.json as a reader's browser does.
        return Err(format!(
            "--site is for a directory without a build; copy the file to {}",
            dist.join("site.json").display()
        ));
    }
    let (shell, page_shell) = (read("404.html")?, read(PAGE_SHELL)?);
    let root = render::app_root(&shell);
    render::init()?;
    set_native_root(dist);
    set_native_url_root(&root);
    let site = block_on(load_site(&root)).map_err(|e| format!("site.json: {e}"))?;
    let out = Outputs::default();
    if !is_static(&site) {
        println!(
            "publish: the content is not static files under {}; every route renders client-side",
            dist.display()
        );
        let packed = compress::precompress(dist, args.jobs, args.brotli, args.full, &|_| false)?;
        println!("publish: {} compressed files written", packed.written);
        return Ok(0);
    }
    let content = render::content_dir(dist, &root, &site.content.base);
    let inputs = inputs(args, &[&shell, &page_shell, &site_text]);
    let state_path = dist.join(STATE);
    let mut previous: State = std::fs::read_to_string(&state_path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let trusted = !args.full && previous.inputs == inputs;
    if !trusted {
        // Nothing read last time is trusted; only its pages, so that those of articles gone
        // since are removed.
        previous = State {
            pages: previous.pages,
            ..State::default()
        };
    }

    let mut laps: Vec<(&str, f64)> = Vec::new();
    let mut since = Instant::now();
    let mut lap = |what: &'static str| {
        laps.push((what, since.elapsed().as_secs_f64()));
        since = Instant::now();
    };
    // 1. The article files: read only what changed since the last run.
    let Scan {
        mut entries,
        mut cached,
        changed,
        skipped,
        read,
    } = scan(&content.join("articles"), &previous, args.jobs)?;
    index::sort(&mut entries);
    let summaries: Vec<ArticleSummary> = entries.iter().map(|e| e.summary.clone()).collect();

    lap("scan");
    // 2. The index pages.
    let pages_of_index = index::write(&content, &entries, args.per_page, &out)?;

    lap("index");
    // 3. The search index: doc ids from the oldest article, so a new article changes only
    // the files that hold its words; built whole when that cannot be done.
    let docs: Vec<(String, String)> = entries
        .iter()
        .rev()
        .map(|e| (e.summary.slug.0.clone(), e.body.clone()))
        .collect();
    let articles_dir = content.join("articles");
    let search_index =
        if trusted && previous.search == docs && content.join("search/meta.json").exists() {
            "search index unchanged"
        } else {
            let body = |slug: &str| body_text(&articles_dir.join(file_name(slug)));
            let postings = entries.iter().map(|e| e.postings).sum();
            if trusted && search::patch(&content, &previous.search, &docs, postings, body, &out)? {
                "search index updated"
            } else {
                write_search(&content, &entries, args.jobs, &out)?;
                "search index built"
            }
        };
    lap("search");
    // 4. The rail files: Top news (with the masthead's days) and each article's related picks.
    let latest: Vec<ArticleSummary> = summaries
        .iter()
        .take(args.per_page)
        .cloned()
        .map(for_rail)
        .collect();
    let rail = |list: Vec<ArticleSummary>, days| {
        let articles = list.iter().map(|a| rail_item(&site, a)).collect();
        serde_json::to_string(&RailFile { articles, days }).map_err(|e| e.to_string())
    };
    let days = masthead_days(
        &site.locale,
        site.time_zone.as_deref(),
        now_millis(),
        RailFile::DAYS_AHEAD,
    );
    out.write(
        &content.join(RailFile::TOP),
        rail(top_news(&latest, 5), days)?.as_bytes(),
    )?;
    // Each article's picks, from its neighbours in time in the whole archive: computed again,
    // on every core, for the neighbours of what came, went or changed (where it stands now,
    // and where it stood), for all when nothing of the last run is trusted; written where
    // they changed.
    // Nothing came, went or changed: no picks to compute, so no lists to build.
    let same = trusted && changed.is_empty() && previous.articles.keys().eq(cached.keys());
    let neighbours = Neighbours::new(if same { &[] } else { &summaries });
    let mut listed: Vec<usize> = if !trusted {
        (0..summaries.len()).collect()
    } else {
        let now = summaries.iter().filter(|a| changed.contains(&a.slug.0));
        let before = previous
            .articles
            .iter()
            .filter(|(name, _)| {
                !cached.contains_key(*name) || changed.contains(name.trim_end_matches(".json"))
            })
            .filter_map(|(_, c)| serde_json::from_str::<ArticleSummary>(c.entry.get()).ok());
        now.flat_map(|a| neighbours.around(a, RELATED_WINDOW))
            .chain(before.flat_map(|a| neighbours.around(&a, RELATED_WINDOW)))
            .collect()
    };
    listed.sort_unstable();
    listed.dedup();
    listed.retain(|i| is_slug(&summaries[*i].slug));
    let picks = in_parallel(&listed, args.jobs, |i| {
        let near = neighbours.picks(*i, 4, RELATED_WINDOW);
        rail(near.into_iter().cloned().collect(), Vec::new())
    })
    .ok_or("a rail thread failed")?;
    for (a, text) in listed.iter().map(|i| &summaries[*i]).zip(picks) {
        let text = text?;
        let hash = meridian::publish::hash(text.as_bytes());
        let name = file_name(&a.slug);
        if previous
            .articles
            .get(&name)
            .is_none_or(|c| c.related != hash)
        {
            out.write(&content.join(RailFile::related(&a.slug)), text.as_bytes())?;
        }
        if let Some(c) = cached.get_mut(&name) {
            c.related = hash;
        }
    }
    drop(neighbours);
    lap("rails");
    // 5. The pages: the front page and the sections always (they list the newest), an
    // article's when it changed. A page no longer listed goes, with its rail file.
    let mut paths: Vec<String> = vec![String::new()];
    paths.extend(
        site.categories
            .iter()
            .filter(|c| is_slug(&c.slug))
            .map(|c| c.slug.clone()),
    );
    let mut pages: BTreeSet<String> = paths.iter().cloned().collect();
    let mut left_to_client = 0;
    for a in &summaries {
        if !is_slug(&a.category) {
            left_to_client += 1;
            eprintln!(
                "publish: no page for {}: category `{}` is not a slug; the app renders it",
                &*a.slug, a.category
            );
            continue;
        }
        // The page's path below the root, as the app links to it.
        let path = meridian::routes::article("/", &a.category, &a.slug)[1..].to_string();
        let unchanged = previous.pages.contains(&path)
            && !changed.contains(&*a.slug)
            && dist.join(&path).join("index.html").exists();
        if !unchanged {
            paths.push(path.clone());
        }
        pages.insert(path);
    }
    let mut removed = 0;
    for gone in previous.pages.difference(&pages) {
        removed += usize::from(meridian::publish::remove(
            &dist.join(gone).join("index.html"),
        ));
        let _ = std::fs::remove_dir(dist.join(gone));
    }
    let related_dir = content.join(RailFile::RELATED_DIR);
    for entry in std::fs::read_dir(&related_dir)
        .into_iter()
        .flatten()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.ends_with(".json") && !cached.contains_key(&name) {
            meridian::publish::remove(&entry.path());
        }
    }
    render_all(dist, &paths, args.jobs, &out)?;

    lap("pages");
    // 6. The feed and the sitemaps.
    let url = args.url.clone().or_else(|| site.url.clone());
    let feeds_report = match url {
        Some(url) => {
            let base = feeds::base_url(&url)?;
            feeds::write(dist, &site, &summaries, &base, &out)?
        }
        None => "no feed or sitemap: give --url or set `url` in site.json".into(),
    };

    lap("feeds");
    // 7. The state, then the compressed siblings of everything written.
    let read_now: BTreeSet<&String> = read.iter().collect();
    let deleted: Vec<String> = previous
        .articles
        .keys()
        .filter(|n| !cached.contains_key(*n) && !read_now.contains(n))
        .cloned()
        .collect();
    // An article's own files, its page and its content file, get a `.br` only (compress.rs).
    let articles = content.join("articles");
    let article_pages: BTreeSet<PathBuf> = pages
        .iter()
        .filter(|p| p.contains('/'))
        .map(|p| dist.join(p).join("index.html"))
        .collect();
    let brotli_only = |f: &Path| f.parent() == Some(&*articles) || article_pages.contains(f);
    let state = State {
        inputs,
        search: docs,
        articles: cached,
        pages,
    };
    out.write(
        &state_path,
        serde_json::to_string(&state)
            .map_err(|e| e.to_string())?
            .as_bytes(),
    )?;
    // What is left needs none of the content in memory.
    let articles_listed = summaries.len();
    drop((state, entries, summaries, latest));
    // A run that trusts the last one compresses what it wrote and the article files it read;
    // any other walks the whole site (a new build brings new files).
    let packed = if trusted {
        // The siblings of article files deleted since go.
        for name in &deleted {
            meridian::publish::remove_siblings(&articles.join(name));
        }
        let mut files = out.written();
        files.extend(read.iter().map(|name| articles.join(name)));
        compress::precompress_files(dist, &files, args.jobs, args.brotli, &brotli_only)?
    } else {
        compress::precompress(dist, args.jobs, args.brotli, true, &brotli_only)?
    };
    lap("compress");
    let laps: Vec<String> = laps
        .iter()
        .map(|(what, secs)| format!("{what} {secs:.1}"))
        .collect();
    println!(
        "publish: {} articles ({} read), {pages_of_index} index pages; {} pages rendered, {} removed; \
         {} files written, {} unchanged, {} compressed; {search_index}; {feeds_report}; {:.1} s ({})",
        articles_listed,
        changed.len(),
        paths.len(),
        removed,
        out.written_count(),
        out.unchanged(),
        packed.written,
        started.elapsed().as_secs_f64(),
        laps.join(", "),
    );
    if skipped + left_to_client > 0 {
        println!("publish: {skipped} article files left out and {left_to_client} articles without a page, named above");
    }
    Ok(skipped + left_to_client)
}

/// Whether the content is files under the site, which the publish step reads.
fn is_static(site: &Site) -> bool {
    site.content.kind == ContentKind::Static && !meridian::routes::has_scheme(&site.content.base)
}

/// A directory without a build (`public/`, the sample content the development server
/// serves): its index pages and search index only, from every article file.
fn content_only(args: &Args, site_text: &str) -> Result<usize, String> {
    let dist = &args.dist;
    let site: Site = decode("site.json", site_text).map_err(|e| e.to_string())?;
    if !is_static(&site) {
        println!(
            "publish: the content of {} is not static files: nothing to do",
            dist.display()
        );
        return Ok(0);
    }
    let content = render::content_dir(dist, "/", &site.content.base);
    let Scan {
        mut entries,
        skipped,
        ..
    } = scan(&content.join("articles"), &State::default(), args.jobs)?;
    index::sort(&mut entries);
    let out = Outputs::default();
    let pages = index::write(&content, &entries, args.per_page, &out)?;
    write_search(&content, &entries, args.jobs, &out)?;
    println!(
        "publish: no build in {} (no {PAGE_SHELL}): wrote its content's index ({} articles, {pages} pages) and search index; {} files written, {} unchanged",
        dist.display(),
        entries.len(),
        out.written_count(),
        out.unchanged()
    );
    Ok(skipped)
}

/// `f` of each of `items`, in their order, on `jobs` threads (each a run of them); `None` if
/// a thread panicked.
fn in_parallel<T: Sync, U: Send>(
    items: &[T],
    jobs: usize,
    f: impl Fn(&T) -> U + Sync,
) -> Option<Vec<U>> {
    let part = items.len().div_ceil(jobs.max(1)).max(1);
    std::thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(part)
            .map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<U>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for part in parts {
            out.extend(part.join().ok()?);
        }
        Some(out)
    })
}

fn file_name(slug: &str) -> String {
    format!("{slug}.json")
}

/// What the scan made of an article file.
enum Scanned {
    /// Listed: its entry, what to remember of it, and whether it was read and changed.
    Listed(Box<(index::Entry, Cached)>, bool),
    /// Left out, with why (named on stderr).
    Skipped(String),
    /// Gone while scanning.
    Gone,
}

/// What [`scan`] found: the entries, what to remember of each file, the slugs read again
/// (new or changed) and how many files were left out.
struct Scan {
    entries: Vec<index::Entry>,
    cached: BTreeMap<String, Cached>,
    changed: BTreeSet<String>,
    skipped: usize,
    /// The files read (not known from the last run), whether they decoded or not.
    read: Vec<String>,
}

/// The index entries of every article file in `dir`, on `jobs` threads; a file whose size and
/// time are those `previous` remembers is not read.
fn scan(dir: &Path, previous: &State, jobs: usize) -> Result<Scan, String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    let results = in_parallel(&names, jobs, |n| (n.clone(), scan_one(dir, n, previous)))
        .ok_or("a scanning thread failed")?;
    let mut scan = Scan {
        entries: Vec::with_capacity(names.len()),
        cached: BTreeMap::new(),
        changed: BTreeSet::new(),
        skipped: 0,
        read: Vec::new(),
    };
    for (name, result) in results {
        if !matches!(result, Scanned::Listed(_, false) | Scanned::Gone) {
            scan.read.push(name.clone());
        }
        match result {
            Scanned::Listed(listed, changed) => {
                let (entry, cached) = *listed;
                if changed {
                    scan.changed.insert(entry.summary.slug.0.clone());
                }
                scan.cached.insert(name, cached);
                scan.entries.push(entry);
            }
            Scanned::Skipped(why) => {
                eprintln!("publish: left out {why}");
                scan.skipped += 1;
            }
            Scanned::Gone => {}
        }
    }
    Ok(scan)
}

/// One article file of [`scan`].
fn scan_one(dir: &Path, name: &str, previous: &State) -> Scanned {
    let path = dir.join(name);
    let stem = name.trim_end_matches(".json");
    let Ok(meta) = std::fs::metadata(&path) else {
        return Scanned::Gone;
    };
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let known = previous.articles.get(name);
    if let Some(c) = known.filter(|c| c.len == meta.len() && c.modified == modified) {
        if let Ok(summary) = serde_json::from_str::<ArticleSummary>(c.entry.get()) {
            let entry = index::Entry {
                summary,
                json: c.entry.clone(),
                body: c.body.clone(),
                postings: c.postings,
            };
            return Scanned::Listed(Box::new((entry, c.clone())), false);
        }
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => return Scanned::Skipped(format!("{}: {e}", path.display())),
    };
    let hash = meridian::publish::hash(text.as_bytes());
    match index::entry(&path.display().to_string(), stem, &text) {
        Ok(entry) => {
            let changed = known.is_none_or(|c| c.hash != hash);
            let cached = Cached {
                len: meta.len(),
                modified,
                hash,
                entry: entry.json.clone(),
                body: entry.body.clone(),
                postings: entry.postings,
                related: known.map(|c| c.related.clone()).unwrap_or_default(),
            };
            Scanned::Listed(Box::new((entry, cached)), changed)
        }
        // A live page's older updates (`live.older`) sit beside the articles: not one of them.
        Err(_) if is_updates_page(&text) => Scanned::Gone,
        Err(e) => Scanned::Skipped(e),
    }
}

/// Whether `text` is a page of a live page's older updates (docs/content-api.md §7).
fn is_updates_page(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .is_ok_and(|v| v.get("slug").is_none() && v.get("updates").is_some_and(|u| u.is_array()))
}

/// The body text of the article file at `path`: its words for the search index. Every file
/// decoded when it was scanned; one that has changed since reads as no words.
fn body_text(path: &Path) -> String {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| decode::<Article>("", &t).ok())
        .map(|a| a.body_text())
        .unwrap_or_default()
}

/// The whole search index of `entries` (sorted, newest first): doc ids from the oldest,
/// bodies read a block at a time, each block on `jobs` threads.
fn write_search(
    content: &Path,
    entries: &[index::Entry],
    jobs: usize,
    out: &Outputs,
) -> Result<(), String> {
    let dir = content.join("articles");
    let slugs: Vec<String> = entries
        .iter()
        .rev()
        .map(|e| e.summary.slug.0.clone())
        .collect();
    let shards = search::shard_count(entries.iter().map(|e| e.postings).sum());
    // A failed thread reads as fewer bodies than asked, which search::write refuses.
    let bodies = |chunk: &[String]| -> Vec<(String, String)> {
        in_parallel(chunk, jobs, |s| {
            (s.clone(), body_text(&dir.join(file_name(s))))
        })
        .unwrap_or_default()
    };
    search::write(
        content,
        &slugs,
        shards,
        search::block_size(shards),
        bodies,
        out,
    )?;
    Ok(())
}

/// Pages one render process writes before it exits: leptos' server rendering keeps ≈ 18 KB
/// a page that no drop releases, so no process renders a whole large paper.
const PAGES_PER_PROCESS: usize = 5_000;

/// Renders `paths` into their `index.html` in processes of this binary (`--render-pages`),
/// `jobs` at a time, each given at most [`PAGES_PER_PROCESS`] of them.
fn render_all(dist: &Path, paths: &[String], jobs: usize, out: &Outputs) -> Result<(), String> {
    let jobs = jobs.max(1);
    let size = paths.len().div_ceil(jobs).clamp(1, PAGES_PER_PROCESS);
    let batches: Vec<&[String]> = paths.chunks(size).collect();
    let next = AtomicUsize::new(0);
    let progress = Progress::new("pages", paths.len());
    let exe = std::env::current_exe().map_err(|e| format!("the publish binary: {e}"))?;
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs.min(batches.len()))
            .map(|_| {
                scope.spawn(|| -> Result<(), String> {
                    while let Some(batch) = batches.get(next.fetch_add(1, Ordering::Relaxed)) {
                        render_batch(&exe, dist, batch, out, &progress)?;
                    }
                    Ok(())
                })
            })
            .collect();
        workers.into_iter().try_for_each(|w| {
            w.join()
                .unwrap_or_else(|_| Err("a render thread panicked".into()))
        })
    })
}

/// One render process: the paths on its stdin, one a line; it answers `w PATH` (written) or
/// `u PATH` (already right) for each.
fn render_batch(
    exe: &Path,
    dist: &Path,
    batch: &[String],
    out: &Outputs,
    progress: &Progress,
) -> Result<(), String> {
    use std::io::{BufRead, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new(exe)
        .arg("--render-pages")
        .arg(dist)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("a render process: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("a render process has no stdin")?;
    let list: String = batch.iter().map(|p| format!("{p}\n")).collect();
    let feeder = std::thread::spawn(move || stdin.write_all(list.as_bytes()));
    let stdout = child
        .stdout
        .take()
        .ok_or("a render process has no stdout")?;
    for line in std::io::BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("a render process: {e}"))?;
        if let Some((kind, path)) = line.split_once(' ') {
            out.record(&dist.join(path).join("index.html"), kind == "w");
            progress.tick();
        }
    }
    let _ = feeder.join();
    match child.wait() {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("a render process failed ({status})")),
        Err(e) => Err(format!("a render process: {e}")),
    }
}

/// `publish --render-pages DIST`: renders the paths on stdin (see [`render_batch`]).
fn render_pages(dist: &Path) -> Result<(), String> {
    use std::io::{BufRead, Write};
    let read =
        |name: &str| std::fs::read_to_string(dist.join(name)).map_err(|e| format!("{name}: {e}"));
    let (shell, page_shell) = (read("404.html")?, read(PAGE_SHELL)?);
    let root = render::app_root(&shell);
    render::init()?;
    set_native_root(dist);
    set_native_url_root(&root);
    let out = Outputs::default();
    let mut stdout = std::io::stdout().lock();
    for path in std::io::stdin().lock().lines() {
        let path = path.map_err(|e| e.to_string())?;
        let html = render::render(&root, &path, &page_shell)?;
        let written = out.write(&dist.join(&path).join("index.html"), html.as_bytes())?;
        writeln!(stdout, "{} {path}", if written { "w" } else { "u" })
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}
