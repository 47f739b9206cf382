//! Browser entry: panic hook, then mount the app.

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        console_error_panic_hook::set_once();
        let root = meridian::root_from_document();
        leptos::mount::mount_to_body(move || leptos::view! { <meridian::App root=root.clone() /> });
    }
}
