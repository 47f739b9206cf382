//! The publish step: renders the front page, every section and every article of a built
//! `dist/` to finished HTML, and writes the rail files their live parts read.
//!
//! ```sh
//! trunk build --release --offline
//! cargo run --no-default-features --features ssr --bin prerender -- dist
//! ```
//!
//! Reads `dist/site.json` and the content it points at (a static `content.base` under
//! `dist/`), renders each route with the same `App` the browser runs, and writes
//! `dist/index.html`, `dist/{category}/index.html` and `dist/{category}/{slug}/index.html`
//! into the page shell of the build (`.page-shell.html`: the CSS inline, the live parts'
//! loader instead of the app's; scripts/post-build.mjs). A page runs only its live parts
//! (src/live.rs) until the reader's first in-app navigation. Top news and the related
//! articles go into small rail files (`{base}/rails/`), which those live parts read.
//! `dist/404.html` stays the untouched app shell: any other route (an article published
//! after this step, a tag, a search) renders client-side from it, exactly as without
//! prerendering. See docs/prerender.md.

use futures::executor::{LocalPool, LocalSpawner};
use futures::task::LocalSpawnExt;
use futures::StreamExt;
use hydration_context::SsrSharedContext;
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;
use meridian::model::{is_slug, ArticleSummary, ContentKind, RailFile, Site};
use meridian::related::{for_rail, rail_item, related, top_news};
use meridian::source::{load_site, set_native_root, set_native_url_root, Source};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Arc;

thread_local! {
    static POOL: RefCell<LocalPool> = RefCell::new(LocalPool::new());
    static SPAWNER: LocalSpawner = POOL.with(|pool| pool.borrow().spawner());
}

/// Every task on this one thread. With a thread pool, leptos' server rendering can wait
/// forever for a suspense that has in fact resolved (a notification lost between threads,
/// leptos issues #4673, #4851); on one thread the render is deterministic.
struct OneThread;

impl any_spawner::CustomExecutor for OneThread {
    fn spawn(&self, fut: any_spawner::PinnedFuture<()>) {
        self.spawn_local(fut);
    }
    fn spawn_local(&self, fut: any_spawner::PinnedLocalFuture<()>) {
        SPAWNER.with(|s| s.spawn_local(fut).expect("the local pool is alive"));
    }
    fn poll_local(&self) {
        POOL.with(|pool| {
            if let Ok(mut pool) = pool.try_borrow_mut() {
                pool.run_until_stalled();
            }
        });
    }
}

/// Runs `fut` to completion, with every task it spawns, on this thread.
fn block_on<F: std::future::Future>(fut: F) -> F::Output {
    POOL.with(|pool| pool.borrow_mut().run_until(fut))
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(0) => std::process::ExitCode::SUCCESS,
        // Published, without the pages of the articles it named.
        Ok(_) => std::process::ExitCode::from(meridian::model::EXIT_WITH_SKIPS),
        Err(e) => {
            eprintln!("prerender: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Writes the pages; `Ok(n)`: written, `n` articles left to the client (named on stderr).
fn run() -> Result<usize, String> {
    let mut args = std::env::args().skip(1);
    let dist = PathBuf::from(args.next().ok_or("usage: prerender DIST")?);
    any_spawner::Executor::init_local_custom_executor(OneThread)
        .map_err(|e| format!("executor: {e:?}"))?;
    let read = |name: &str| {
        let path = dist.join(name);
        std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: {e} (run trunk build --release first)", path.display()))
    };
    let (shell, page_shell) = (read("404.html")?, read(PAGE_SHELL)?);
    let root = app_root(&shell);
    // Pages of an earlier run go first: an article deleted since must not live on.
    remove_previous(&dist, &shell)?;
    set_native_root(&dist);
    set_native_url_root(&root);
    let site = block_on(load_site(&root)).map_err(|e| format!("site.json: {e}"))?;
    if site.content.kind != ContentKind::Static || meridian::routes::has_scheme(&site.content.base)
    {
        println!(
            "prerender: content is not static files under dist/; every route renders client-side"
        );
        return Ok(0);
    }
    let source = Source::new(&root, &site).map_err(|e| e.to_string())?;
    let index = block_on(source.index_until(|_| false)).map_err(|e| format!("index: {e}"))?;
    // What the pages' rails pick from: the first page of the index, as in the browser.
    let latest: Vec<ArticleSummary> = block_on(source.latest())
        .map_err(|e| format!("index: {e}"))?
        .into_iter()
        .map(for_rail)
        .collect();

    // Only what renders: a slug that is not a path segment, or an article that does not
    // load (its page would be an error), is left to the client, which says what is wrong.
    let mut paths = vec![String::new()];
    paths.extend(
        site.categories
            .iter()
            .filter(|c| is_slug(&c.slug))
            .map(|c| c.slug.clone()),
    );
    let mut skipped = 0;
    for a in &index {
        match block_on(source.article(&a.slug)) {
            Ok(_) if is_slug(&a.category) => paths.push(format!("{}/{}", a.category, &*a.slug)),
            Ok(_) => {
                skipped += 1;
                eprintln!(
                    "prerender: skipped {}: category `{}` is not a slug",
                    &*a.slug, a.category
                )
            }
            Err(e) => {
                skipped += 1;
                eprintln!("prerender: skipped {}: {e}", &*a.slug)
            }
        }
    }
    let mut bytes = 0;
    for path in &paths {
        let html = render(&root, path, &page_shell)?;
        let dir = dist.join(path);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        bytes += html.len();
        write(&dir.join("index.html"), &html)?;
    }
    write_rails(
        &content_dir(&dist, &root, &site.content.base),
        &site,
        &latest,
        &index,
    )?;
    write(&dist.join(MANIFEST), &paths.join("\n"))?;
    println!(
        "prerender: {} pages ({} KB of HTML) in {}{}",
        paths.len(),
        bytes / 1024,
        dist.display(),
        match skipped {
            0 => String::new(),
            n => format!("; {n} articles skipped (named above), left to the client"),
        }
    );
    Ok(skipped)
}

/// The pages written by the last run, one path a line (the front page is the empty line).
const MANIFEST: &str = ".prerendered";

/// The shell of a prerendered page, written by the build (scripts/post-build.mjs).
const PAGE_SHELL: &str = ".page-shell.html";

/// The directory of a static `content.base` (`api`, `/api`, `/news/api` under root `/news/`).
fn content_dir(dist: &Path, root: &str, base: &str) -> PathBuf {
    let under = meridian::routes::under_root(root, base);
    let rel = under
        .strip_prefix(root)
        .unwrap_or(under.trim_start_matches('/'));
    dist.join(rel.trim_matches('/'))
}

/// The rail files of the live rails (see [`RailFile`]): Top news, and each article's related
/// picks, chosen as the pages chose them. Files of articles no longer listed go.
fn write_rails(
    dir: &Path,
    site: &Site,
    latest: &[ArticleSummary],
    index: &[ArticleSummary],
) -> Result<(), String> {
    let file = |list: Vec<ArticleSummary>| {
        let articles = list.iter().map(|a| rail_item(site, a)).collect();
        serde_json::to_string(&RailFile { articles }).map_err(|e| e.to_string())
    };
    let related_dir = dir.join(RailFile::RELATED_DIR);
    let _ = std::fs::remove_dir_all(&related_dir);
    std::fs::create_dir_all(&related_dir).map_err(|e| format!("{}: {e}", related_dir.display()))?;
    write(&dir.join(RailFile::TOP), &file(top_news(latest, 5))?)?;
    for a in index.iter().filter(|a| is_slug(&a.slug)) {
        let path = dir.join(RailFile::related(&a.slug));
        write(&path, &file(related(a, latest, 4))?)?;
    }
    Ok(())
}

/// Deletes the pages the last run wrote and puts the shell back as `index.html`.
fn remove_previous(dist: &Path, shell: &str) -> Result<(), String> {
    let Ok(list) = std::fs::read_to_string(dist.join(MANIFEST)) else {
        return Ok(());
    };
    for path in list.lines().rev() {
        let dir = dist.join(path);
        if dir.is_dir() && !path.contains("..") {
            // With the precompressed siblings a host might serve (scripts/precompress.mjs).
            for name in ["index.html", "index.html.br", "index.html.gz"] {
                let _ = std::fs::remove_file(dir.join(name));
            }
            // Only now-empty directories go (an article directory, not `api/`).
            if !path.is_empty() {
                let _ = std::fs::remove_dir(&dir);
            }
        }
    }
    write(&dist.join("index.html"), shell)?;
    std::fs::remove_file(dist.join(MANIFEST)).map_err(|e| format!("{MANIFEST}: {e}"))
}

/// The app root the build wrote into `<meta name="app-root">`.
fn app_root(shell: &str) -> String {
    let marker = "<meta name=\"app-root\" content=\"";
    shell
        .find(marker)
        .and_then(|i| shell[i + marker.len()..].split('"').next())
        .filter(|r| r.starts_with('/'))
        .unwrap_or("/")
        .to_string()
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Renders the route at `path` (below `root`) into the page shell.
fn render(root: &str, path: &str, shell: &str) -> Result<String, String> {
    let url = meridian::routes::join(root, path);
    let owner = Owner::new_root(Some(Arc::new(SsrSharedContext::new())));
    let (body, meta) = owner.with(|| {
        provide_context(RequestUrl::new(&url));
        let (meta, meta_out) = ServerMetaContext::new();
        provide_context(meta);
        let root = root.to_string();
        let app = view! { <meridian::App root /> };
        let body: String = block_on(app.to_html_stream_in_order().collect());
        (body, meta_out)
    });
    drop(owner);
    let body_open = shell.find("<body").ok_or("the shell has no <body>")?;
    let body_start = body_open + shell[body_open..].find('>').ok_or("bad <body>")? + 1;
    let body_end = shell.rfind("</body>").ok_or("the shell has no </body>")?;
    // leptos_meta writes the page's title and meta tags after a `<!--HEAD-->` marker.
    let head_end = shell.find("</head>").ok_or("the shell has no </head>")?;
    let page = format!(
        "{}<!--HEAD-->{}{body}{}",
        &shell[..head_end],
        &shell[head_end..body_start],
        &shell[body_end..]
    );
    Ok(block_on(async move {
        meta.inject_meta_context(futures::stream::once(async move { page }).boxed())
            .await
            .collect()
            .await
    }))
}
