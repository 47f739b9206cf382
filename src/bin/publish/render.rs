//! Server rendering of the app's routes into the page shell of the build, on as many
//! threads as asked: each thread runs its own renders, with every task they spawn, on
//! itself.

use futures::executor::{LocalPool, LocalSpawner};
use futures::task::LocalSpawnExt;
use futures::StreamExt;
use hydration_context::SsrSharedContext;
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Arc;

thread_local! {
    static POOL: RefCell<LocalPool> = RefCell::new(LocalPool::new());
    static SPAWNER: RefCell<LocalSpawner> = RefCell::new(POOL.with(|pool| pool.borrow().spawner()));
}

/// Drops the tasks the last render left waiting (a resource nobody reads again, a timer):
/// over a paper's hundred thousand pages they would hold gigabytes.
fn fresh_pool() {
    let pool = LocalPool::new();
    SPAWNER.with(|s| *s.borrow_mut() = pool.spawner());
    POOL.with(|p| *p.borrow_mut() = pool);
}

/// Every task on the thread that spawned it. With a thread pool, leptos' server rendering can wait
/// forever for a suspense that has in fact resolved (a notification lost between threads,
/// leptos issues #4673, #4851); on one thread the render is deterministic.
pub struct OneThread;

impl any_spawner::CustomExecutor for OneThread {
    fn spawn(&self, fut: any_spawner::PinnedFuture<()>) {
        self.spawn_local(fut);
    }
    fn spawn_local(&self, fut: any_spawner::PinnedLocalFuture<()>) {
        // Fails only once the pool is gone, when the task's render is over anyway.
        SPAWNER.with(|s| {
            let _ = s.borrow().spawn_local(fut);
        });
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
pub fn block_on<F: std::future::Future>(fut: F) -> F::Output {
    POOL.with(|pool| pool.borrow_mut().run_until(fut))
}

/// Makes every task run on the thread that spawned it, in every thread (call once).
pub fn init() -> Result<(), String> {
    any_spawner::Executor::init_custom_executor(OneThread).map_err(|e| format!("executor: {e:?}"))
}

/// The app root the build wrote into `<meta name="app-root">`.
pub fn app_root(shell: &str) -> String {
    let marker = "<meta name=\"app-root\" content=\"";
    shell
        .find(marker)
        .and_then(|i| shell[i + marker.len()..].split('"').next())
        .filter(|r| r.starts_with('/'))
        .unwrap_or("/")
        .to_string()
}

/// The directory of a static `content.base` (`api`, `/api`, `/news/api` under root `/news/`).
pub fn content_dir(dist: &Path, root: &str, base: &str) -> PathBuf {
    let under = meridian::routes::under_root(root, base);
    let rel = under
        .strip_prefix(root)
        .unwrap_or(under.trim_start_matches('/'));
    dist.join(rel.trim_matches('/'))
}

/// Renders the route at `path` (below `root`) into the page shell, without the hydration
/// markers of a page that is never hydrated.
pub fn render(root: &str, path: &str, shell: &str) -> Result<String, String> {
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
    let html: String = block_on(async move {
        meta.inject_meta_context(futures::stream::once(async move { page }).boxed())
            .await
            .collect()
            .await
    });
    fresh_pool();
    Ok(meridian::publish::page::without_markers(&html))
}
