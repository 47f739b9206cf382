//! The crash page, and the panic hook that shows it.

/// What the reader sees if the app ever panics: a plain page instead of a frozen one.
/// Static markup only; nothing from the content goes into it.
pub const CRASH_HTML: &str = "<main class=\"crash\" role=\"alert\"><h1>Something went wrong</h1>\
<p>The page stopped working. Reloading it usually helps.</p>\
<p><a href=\"\">Reload the page</a></p></main>";

/// Installs a panic hook that logs the panic and replaces the page with [`CRASH_HTML`].
#[cfg(target_arch = "wasm32")]
pub fn install_panic_view() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        // The app's handlers are dead from here on; the loader turns links back into plain
        // links when it sees this (scripts/build/post-build.mjs).
        if let Some(html) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = html.set_attribute("data-app", "dead");
        }
        show_crash_view();
    }));
}

/// Replaces the page body with [`CRASH_HTML`].
#[cfg(target_arch = "wasm32")]
pub fn show_crash_view() {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        show_crash_view_in(&body);
    }
}

/// Replaces the content of `el` with [`CRASH_HTML`].
#[cfg(target_arch = "wasm32")]
pub fn show_crash_view_in(el: &web_sys::Element) {
    el.set_inner_html(CRASH_HTML);
}
