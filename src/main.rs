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
            leptos::mount::hydrate_body(
                move || leptos::view! { <meridian::App root=root.clone() prerendered=true /> },
            );
            return;
        }
        leptos::mount::mount_to_body(move || leptos::view! { <meridian::App root=root.clone() /> });
    }
}
