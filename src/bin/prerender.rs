//! The publish step: renders the front page, every section and every article of a built
//! `dist/` to real HTML, with the data each page needs, for the browser build to hydrate.
//!
//! ```sh
//! trunk build --release --offline
//! cargo run --no-default-features --features ssr --bin prerender -- dist
//! ```
//!
//! Reads `dist/site.json` and the content it points at (a static `content.base` under
//! `dist/`), renders each route with the same `App` the browser runs, and writes
//! `dist/index.html`, `dist/{category}/index.html` and `dist/{category}/{slug}/index.html`.
//! The page's data goes into an external `data-*.js` next to it (no inline script, so the
//! strict Content-Security-Policy holds). `dist/404.html` stays the untouched app shell:
//! any other route (an article published after this step, a tag, a search) renders
//! client-side from it, exactly as without prerendering. See docs/prerender.md.

use futures::executor::{LocalPool, LocalSpawner};
use futures::task::LocalSpawnExt;
use futures::StreamExt;
use hydration_context::{SharedContext, SsrSharedContext};
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;
use meridian::model::{is_slug, ContentKind};
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

fn main() {
    if let Err(e) = run() {
        eprintln!("prerender: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let dist = PathBuf::from(args.next().ok_or("usage: prerender DIST")?);
    any_spawner::Executor::init_local_custom_executor(OneThread)
        .map_err(|e| format!("executor: {e:?}"))?;
    let shell_path = dist.join("404.html");
    let shell = std::fs::read_to_string(&shell_path)
        .map_err(|e| format!("{}: {e} (run trunk build first)", shell_path.display()))?;
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
        return Ok(());
    }
    let source = Source::new(&root, &site).map_err(|e| e.to_string())?;
    let index = block_on(source.index_until(|_| false)).map_err(|e| format!("index: {e}"))?;

    // Only what renders: a slug that is not a path segment, or an article that does not
    // load (its page would be an error), is left to the client, which says what is wrong.
    let mut paths = vec![String::new()];
    paths.extend(
        site.categories
            .iter()
            .filter(|c| is_slug(&c.slug))
            .map(|c| c.slug.clone()),
    );
    for a in &index {
        match block_on(source.article(&a.slug)) {
            Ok(_) if is_slug(&a.category) => paths.push(format!("{}/{}", a.category, &*a.slug)),
            Ok(_) => eprintln!(
                "prerender: skipped {}: category `{}` is not a slug",
                &*a.slug, a.category
            ),
            Err(e) => eprintln!("prerender: skipped {}: {e}", &*a.slug),
        }
    }
    let mut bytes = 0;
    for path in &paths {
        let page = render(&root, path, &shell)?;
        let dir = dist.join(path);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        remove_old_data(&dir)?;
        bytes += page.html.len();
        write(&dir.join("index.html"), &page.html)?;
        write(&dir.join(&page.data_name), &page.data)?;
    }
    write(&dist.join(MANIFEST), &paths.join("\n"))?;
    println!(
        "prerender: {} pages ({} KB of HTML) in {}",
        paths.len(),
        bytes / 1024,
        dist.display()
    );
    Ok(())
}

/// The pages written by the last run, one path a line (the front page is the empty line).
const MANIFEST: &str = ".prerendered";

/// Deletes the pages the last run wrote and puts the shell back as `index.html`.
fn remove_previous(dist: &Path, shell: &str) -> Result<(), String> {
    let Ok(list) = std::fs::read_to_string(dist.join(MANIFEST)) else {
        return Ok(());
    };
    for path in list.lines().rev() {
        let dir = dist.join(path);
        if dir.is_dir() && !path.contains("..") {
            remove_old_data(&dir)?;
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

/// The shell without trunk's `<link rel="preload" … as="fetch" type="application/wasm">`.
fn without_wasm_preload(shell: &str) -> String {
    let mut out = String::with_capacity(shell.len());
    let mut rest = shell;
    while let Some(i) = rest.find("<link ") {
        let end = rest[i..].find('>').map_or(rest.len(), |e| i + e + 1);
        let tag = &rest[i..end];
        out.push_str(&rest[..i]);
        if !(tag.contains("rel=\"preload\"") && tag.contains("application/wasm")) {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Deletes the `data-*.js` (and its `.br`/`.gz`) an earlier run left in `dir`.
fn remove_old_data(dir: &Path) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("data-")
            && [".js", ".js.br", ".js.gz"]
                .iter()
                .any(|e| name.ends_with(e))
        {
            std::fs::remove_file(entry.path()).map_err(|e| format!("{name}: {e}"))?;
        }
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// A rendered page and the data its hydration reads.
struct Page {
    html: String,
    /// `data-<hash>.js`, written next to the page.
    data_name: String,
    data: String,
}

/// Renders the route at `path` (below `root`) into the shell.
fn render(root: &str, path: &str, shell: &str) -> Result<Page, String> {
    let url = meridian::routes::join(root, path);
    let shared = Arc::new(SsrSharedContext::new());
    let owner = Owner::new_root(Some(shared.clone()));
    let (body, meta) = owner.with(|| {
        provide_context(RequestUrl::new(&url));
        let (meta, meta_out) = ServerMetaContext::new();
        provide_context(meta);
        let root = root.to_string();
        let app = view! { <meridian::App root /> };
        let body: String = block_on(app.to_html_stream_in_order().collect());
        (body, meta_out)
    });
    if let Some(deferred) = shared.await_deferred() {
        block_on(deferred);
    }
    let data: String = match shared.pending_data() {
        Some(stream) => block_on(stream.collect()),
        None => String::new(),
    };
    drop(owner);

    // The data as an external script next to the page, named by its content.
    // A name that changes with the content (cacheable as immutable).
    let hash = meridian::search_index::fnv1a32(data.as_bytes());
    let data_name = format!("data-{hash:08x}.js");
    let page_dir = meridian::routes::join(root, path);
    let data_url = format!("{}/{data_name}", page_dir.trim_end_matches('/'));

    // A prerendered page paints without the WASM: its preload would compete with the CSS
    // and the pictures for the first paint (LCP 3.8 s → 1.5 s in Lighthouse's mobile
    // preset, docs/performance.md). The loader fetches it soon enough. The shell keeps it.
    let shell = without_wasm_preload(shell);
    let shell = shell.as_str();
    let body_open = shell.find("<body").ok_or("the shell has no <body>")?;
    let body_start = body_open + shell[body_open..].find('>').ok_or("bad <body>")? + 1;
    let body_end = shell.rfind("</body>").ok_or("the shell has no </body>")?;
    // leptos_meta writes the page's title and meta tags after a `<!--HEAD-->` marker, and
    // hydrates them from there.
    let head_end = shell.find("</head>").ok_or("the shell has no </head>")?;
    let page = format!(
        "{}<!--HEAD-->{}{body}<script src=\"{data_url}\"></script>{}",
        &shell[..head_end],
        &shell[head_end..body_start],
        &shell[body_end..]
    );
    let html: String = block_on(async move {
        meta.inject_meta_context(futures::stream::once(async move { page }).boxed())
            .await
            .collect()
            .await
    });
    Ok(Page {
        html,
        data_name,
        data,
    })
}
