//! Browser entry: the panic view, then mount the app.

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        meridian::install_panic_view();
        let root = meridian::root_from_document();
        leptos::mount::mount_to_body(move || leptos::view! { <meridian::App root=root.clone() /> });
    }
}
