//! Browser entry of the app: the panic view, then the app, rendering every route itself.
//!
//! Loaded by the shell (`404.html`, `trunk serve`) at start, and by a prerendered page on the
//! reader's first in-app navigation (src/live.rs): that page's loader then has made a
//! `<div id="takeover" hidden>` for the app, which replaces the page once its route is ready.

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        meridian::crash::install_panic_view();
        meridian::html::install();
        let root = meridian::browser::root_from_document();
        match meridian::browser::takeover_container() {
            Some(container) => leptos::mount::mount_to(container, move || {
                leptos::view! { <meridian::App root=root.clone() takeover=true /> }
            })
            .forget(),
            None => {
                // The shell's `<noscript>` goes; the app renders the route in its place.
                meridian::browser::clear_body();
                leptos::mount::mount_to_body(
                    move || leptos::view! { <meridian::App root=root.clone() /> },
                );
            }
        }
    }
}
