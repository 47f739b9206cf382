//! Browser entry: the panic view, then hydrate a prerendered page or mount the app.

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        meridian::install_panic_view();
        let root = meridian::root_from_document();
        // A prerendered page carries its data (`data-*.js`, see src/bin/prerender.rs);
        // the app shell (index.html of `trunk serve`, 404.html) does not.
        #[cfg(feature = "hydrate")]
        if meridian::browser::is_prerendered() {
            wasm_bindgen_futures::spawn_local(async move {
                // Hydration cannot wait for code: a page whose code is a chunk of its own
                // (src/chunks.rs) hydrates once that chunk is loaded. If it cannot be, the
                // app renders the page itself, which shows why, with Retry.
                let url = meridian::browser::current_url().unwrap_or_default();
                if meridian::chunks::preload_page(&root, &url).await.is_err() {
                    return mount(root);
                }
                // The page is already readable. Hydrating it is the longest piece of
                // start-up work, so it gets a task of its own, after the one that compiled
                // the WASM: the browser can paint and take a tap in between
                // (docs/performance.md).
                meridian::browser::next_task(move || {
                    use std::sync::atomic::Ordering::Relaxed;
                    meridian::HYDRATING.store(true, Relaxed);
                    leptos::mount::hydrate_body(
                        move || leptos::view! { <meridian::App root=root.clone() prerendered=true /> },
                    );
                    meridian::HYDRATING.store(false, Relaxed);
                });
            });
            return;
        }
        mount(root);
    }
}

/// The shell's `<noscript>`, or a prerendered page that cannot be hydrated (its data or its
/// code did not load): the app renders the route itself, in place of what is there.
#[cfg(target_arch = "wasm32")]
fn mount(root: String) {
    meridian::browser::clear_body();
    leptos::mount::mount_to_body(move || leptos::view! { <meridian::App root=root.clone() /> });
}
