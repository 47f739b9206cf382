//! The few browser services the app uses outside rendering (effects and event handlers
//! only): the theme, sharing, the clipboard, the connection state, the address.
//!
//! Natively (host tests, the publish step) each is a harmless no-op, so components that
//! call them from effects still render on the server.

/// The reader's stored theme choice, if any: `Some(true)` for dark.
pub fn stored_dark() -> Option<bool> {
    imp::stored_dark()
}

/// Whether the system asks for dark colours.
pub fn prefers_dark() -> bool {
    imp::prefers_dark()
}

/// Applies a theme to the document (`<html data-theme>`) and remembers it.
pub fn set_theme(dark: bool, remember: bool) {
    imp::set_theme(dark, remember)
}

/// The current page's absolute URL, e.g. `https://paper.example/world/a-story`.
pub fn current_url() -> Option<String> {
    imp::current_url()
}

/// The page's origin, e.g. `https://paper.example`.
pub fn origin() -> Option<String> {
    imp::origin()
}

/// The element a prerendered page's loader made for the app taking it over
/// (`<div id="takeover" hidden>`, see src/live.rs), if this is such a start.
#[cfg(target_arch = "wasm32")]
pub fn takeover_container() -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    web_sys::window()?
        .document()?
        .get_element_by_id(imp::TAKEOVER)?
        .dyn_into()
        .ok()
}

/// Whether the app is taking over a prerendered page in place (a live page, at its load):
/// the same page, which the reader keeps reading; nothing to announce.
pub fn takeover_in_place() -> bool {
    imp::takeover_in_place()
}

/// Calls `f` once a new page is in the document: the next frame; or, while the app is
/// taking over a prerendered page, once its first route has rendered (no skeleton left),
/// after it has replaced the prerendered page and scrolled to the top.
pub fn when_shown(f: impl FnOnce() + 'static) {
    imp::when_shown(f)
}

/// Empties `<body>` (before the app mounts in place of what the page had).
pub fn clear_body() {
    imp::clear_body()
}

/// Whether the browser says it is online.
pub fn is_online() -> bool {
    imp::is_online()
}

/// Calls `f(online)` whenever the connection comes or goes.
pub fn on_connection_change(f: impl Fn(bool) + 'static) {
    imp::on_connection_change(f)
}

/// Calls `f(href)` when the reader shows an intent to follow an internal link (the pointer
/// over it, or keyboard focus on it), or focuses a search box (`f` gets its form's action).
pub fn on_intent(f: impl Fn(&str) + 'static) {
    imp::on_intent(f)
}

/// Whether the Web Share API is there.
pub fn can_share() -> bool {
    imp::can_share()
}

/// Opens the system share sheet; resolves `false` if it failed or was cancelled.
pub async fn share(title: &str, url: &str) -> bool {
    imp::share(title, url).await
}

/// Copies `text` to the clipboard; `false` if the browser refused.
pub async fn copy(text: &str) -> bool {
    imp::copy(text).await
}

/// Moves focus to the page's `<h1>` (made focusable) after a route change.
pub fn focus_heading() {
    imp::focus_heading()
}

/// Whether the reader is in a form control (typing a search, ticking a filter).
pub fn focus_in_form_control() -> bool {
    imp::focus_in_form_control()
}

/// Moves focus to the `<main>` landmark (the skip link's target).
pub fn focus_main() {
    imp::focus_main()
}

/// Runs `f` in a task of its own (`setTimeout(f, 0)`), after the browser has had the chance
/// to paint and handle input: how a long piece of start-up work is split off.
pub fn next_task(f: impl FnOnce() + 'static) {
    imp::next_task(f)
}

/// The document title.
pub fn title() -> String {
    imp::title()
}

/// The value this device stored under `key` (`localStorage`), if any.
pub fn stored(key: &str) -> Option<String> {
    imp::stored(key)
}

/// Stores `value` under `key` on this device (`localStorage`); nothing if it cannot.
pub fn store(key: &str, value: &str) {
    imp::store(key, value)
}

/// Resolves once the page is visible (at once if it is): a live page does not poll while it
/// is hidden (another tab, a locked phone).
pub async fn until_visible() {
    imp::until_visible().await
}

/// Whether the element with `id` starts below the bottom of the window: what is put above it
/// moves nothing the reader sees.
pub fn is_below_view(id: &str) -> bool {
    imp::is_below_view(id)
}

/// Scrolls the element with `id` to the top of the window and focuses it.
pub fn show_element(id: &str) {
    imp::show_element(id)
}

/// The fragment of the address, without `#` (`update-42`).
pub fn fragment() -> Option<String> {
    imp::fragment()
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use js_sys::{Function, Object, Reflect};
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    const KEY: &str = "meridian-theme";

    fn window() -> Option<web_sys::Window> {
        web_sys::window()
    }

    pub fn stored(key: &str) -> Option<String> {
        window()?.local_storage().ok()??.get_item(key).ok()?
    }

    pub fn store(key: &str, value: &str) {
        if let Some(storage) = window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = storage.set_item(key, value);
        }
    }

    pub fn stored_dark() -> Option<bool> {
        let storage = window()?.local_storage().ok()??;
        match storage.get_item(KEY).ok()??.as_str() {
            "dark" => Some(true),
            "light" => Some(false),
            _ => None,
        }
    }

    pub fn prefers_dark() -> bool {
        window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            .is_some_and(|m| m.matches())
    }

    pub fn set_theme(dark: bool, remember: bool) {
        let value = if dark { "dark" } else { "light" };
        if let Some(root) = window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("data-theme", value);
        }
        if remember {
            if let Some(storage) = window().and_then(|w| w.local_storage().ok().flatten()) {
                let _ = storage.set_item(KEY, value);
            }
        }
    }

    pub fn current_url() -> Option<String> {
        window()?.location().href().ok()
    }

    pub fn origin() -> Option<String> {
        window()?.location().origin().ok()
    }

    pub fn clear_body() {
        if let Some(body) = window().and_then(|w| w.document()).and_then(|d| d.body()) {
            body.set_inner_html("");
        }
    }

    pub const TAKEOVER: &str = "takeover";

    /// How many frames a takeover waits for its first route before showing what it has
    /// (about 20 s: the route's own error view names a slow server well before).
    const MAX_FRAMES: u32 = 1200;

    pub fn when_shown(f: impl FnOnce() + 'static) {
        let container = window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(TAKEOVER));
        match container {
            Some(container) => wait_then_reveal(container, Box::new(f), 0),
            None => next_frame(f),
        }
    }

    fn next_frame(f: impl FnOnce() + 'static) {
        let callback = Closure::once_into_js(f);
        if let Some(w) = window() {
            let _ = w.request_animation_frame(callback.unchecked_ref());
        }
    }

    /// Shows the app's page in place of the prerendered one, then calls `f`. Taking over in
    /// place (a live page: the same page, now able to update), the reader stays where they
    /// were.
    fn wait_then_reveal(container: web_sys::Element, f: Box<dyn FnOnce()>, frame: u32) {
        let has = |selector: &str| container.query_selector(selector).ok().flatten().is_some();
        let ready = has("main h1, main [role=alert]") && !has(".skeleton, .app-loading");
        if !ready && frame < MAX_FRAMES {
            return next_frame(move || wait_then_reveal(container, f, frame + 1));
        }
        let in_place = container.has_attribute("data-in-place");
        let scrolled = window().and_then(|w| w.scroll_y().ok()).unwrap_or(0.0);
        // The prerendered page goes; the app's is the page from now on.
        if let Some(body) = container.parent_element() {
            let children = body.children();
            for i in (0..children.length()).rev() {
                if let Some(child) = children.item(i) {
                    if child != container && child.tag_name() != "SCRIPT" {
                        child.remove();
                    }
                }
            }
        }
        let _ = container.remove_attribute("hidden");
        container.remove_attribute("id").ok();
        if let Some(w) = window() {
            w.scroll_to_with_x_and_y(0.0, if in_place { scrolled } else { 0.0 });
        }
        f();
    }

    pub fn is_online() -> bool {
        window().is_none_or(|w| w.navigator().on_line())
    }

    pub fn takeover_in_place() -> bool {
        window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(TAKEOVER))
            .is_some_and(|el| el.has_attribute("data-in-place"))
    }

    pub async fn until_visible() {
        let Some(document) = window().and_then(|w| w.document()) else {
            return;
        };
        while document.hidden() {
            let promise = js_sys::Promise::new(&mut |resolve, _| {
                let _ = document.add_event_listener_with_callback_and_bool(
                    "visibilitychange",
                    &resolve,
                    false,
                );
            });
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        }
    }

    fn element(id: &str) -> Option<web_sys::Element> {
        window()?.document()?.get_element_by_id(id)
    }

    pub fn is_below_view(id: &str) -> bool {
        let height = window().and_then(|w| w.inner_height().ok()?.as_f64());
        match (element(id), height) {
            (Some(el), Some(height)) => el.get_bounding_client_rect().top() >= height,
            _ => true,
        }
    }

    pub fn show_element(id: &str) {
        if let Some(el) = element(id) {
            el.scroll_into_view();
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    }

    pub fn fragment() -> Option<String> {
        let hash = window()?.location().hash().ok()?;
        let hash = hash.strip_prefix('#')?;
        (!hash.is_empty()).then(|| hash.to_string())
    }

    pub fn on_connection_change(f: impl Fn(bool) + 'static) {
        let Some(w) = window() else { return };
        let f = std::rc::Rc::new(f);
        for (event, online) in [("online", true), ("offline", false)] {
            let f = f.clone();
            let cb = Closure::<dyn Fn()>::new(move || f(online));
            let _ = w.add_event_listener_with_callback(event, cb.as_ref().unchecked_ref());
            // Lives as long as the page.
            cb.forget();
        }
    }

    fn navigator_fn(name: &str) -> Option<(JsValue, Function)> {
        let nav: JsValue = window()?.navigator().into();
        let f = Reflect::get(&nav, &name.into()).ok()?.dyn_into().ok()?;
        Some((nav, f))
    }

    pub fn on_intent(f: impl Fn(&str) + 'static) {
        let Some(document) = window().and_then(|w| w.document()) else {
            return;
        };
        let cb = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            let Some(target) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            let href = match target.closest("a[href]") {
                Ok(Some(link)) => link.get_attribute("href"),
                _ if target.get_attribute("type").as_deref() == Some("search") => target
                    .closest("form[action]")
                    .ok()
                    .flatten()
                    .and_then(|form| form.get_attribute("action")),
                _ => None,
            };
            if let Some(href) = href {
                f(&href);
            }
        });
        for event in ["pointerover", "focusin"] {
            let _ = document.add_event_listener_with_callback(event, cb.as_ref().unchecked_ref());
        }
        // Lives as long as the page.
        cb.forget();
    }

    pub fn can_share() -> bool {
        navigator_fn("share").is_some()
    }

    pub async fn share(title: &str, url: &str) -> bool {
        let Some((nav, share)) = navigator_fn("share") else {
            return false;
        };
        let data = Object::new();
        let _ = Reflect::set(&data, &"title".into(), &title.into());
        let _ = Reflect::set(&data, &"url".into(), &url.into());
        match share
            .call1(&nav, &data)
            .map(|p| p.dyn_into::<js_sys::Promise>())
        {
            Ok(Ok(promise)) => JsFuture::from(promise).await.is_ok(),
            _ => false,
        }
    }

    pub async fn copy(text: &str) -> bool {
        let Some(nav) = window().map(|w| JsValue::from(w.navigator())) else {
            return false;
        };
        let Ok(clipboard) = Reflect::get(&nav, &"clipboard".into()) else {
            return false;
        };
        let Ok(write) =
            Reflect::get(&clipboard, &"writeText".into()).and_then(|f| f.dyn_into::<Function>())
        else {
            return false;
        };
        match write
            .call1(&clipboard, &text.into())
            .map(|p| p.dyn_into::<js_sys::Promise>())
        {
            Ok(Ok(promise)) => JsFuture::from(promise).await.is_ok(),
            _ => false,
        }
    }

    pub fn focus_in_form_control() -> bool {
        window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
    }

    pub fn focus_heading() {
        let Some(doc) = window().and_then(|w| w.document()) else {
            return;
        };
        if let Some(h1) = doc.query_selector("main h1").ok().flatten() {
            let _ = h1.set_attribute("tabindex", "-1");
            if let Some(el) = h1.dyn_ref::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    }

    pub fn focus_main() {
        let main = window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("main"));
        if let Some(el) = main
            .as_ref()
            .and_then(|m| m.dyn_ref::<web_sys::HtmlElement>())
        {
            let _ = el.focus();
        }
    }

    pub fn next_task(f: impl FnOnce() + 'static) {
        let callback = Closure::once_into_js(f);
        let scheduled =
            window().and_then(|w| w.set_timeout_with_callback(callback.unchecked_ref()).ok());
        if scheduled.is_none() {
            // No window (a worker) or a refused timer: run now rather than never.
            let _ = callback.unchecked_ref::<Function>().call0(&JsValue::NULL);
        }
    }

    pub fn title() -> String {
        window()
            .and_then(|w| w.document())
            .map(|d| d.title())
            .unwrap_or_default()
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn takeover_in_place() -> bool {
        false
    }
    pub fn stored(_: &str) -> Option<String> {
        None
    }
    pub fn store(_: &str, _: &str) {}
    pub async fn until_visible() {}
    pub fn is_below_view(_: &str) -> bool {
        true
    }
    pub fn show_element(_: &str) {}
    pub fn fragment() -> Option<String> {
        None
    }
    pub fn stored_dark() -> Option<bool> {
        None
    }
    pub fn prefers_dark() -> bool {
        false
    }
    pub fn set_theme(_: bool, _: bool) {}
    pub fn current_url() -> Option<String> {
        None
    }
    pub fn origin() -> Option<String> {
        None
    }
    pub fn when_shown(f: impl FnOnce() + 'static) {
        f()
    }
    pub fn clear_body() {}
    pub fn is_online() -> bool {
        true
    }
    pub fn on_connection_change(_: impl Fn(bool) + 'static) {}
    pub fn on_intent(_: impl Fn(&str) + 'static) {}
    pub fn can_share() -> bool {
        false
    }
    pub async fn share(_: &str, _: &str) -> bool {
        false
    }
    pub async fn copy(_: &str) -> bool {
        false
    }
    pub fn focus_heading() {}
    pub fn focus_in_form_control() -> bool {
        false
    }
    pub fn focus_main() {}
    pub fn next_task(f: impl FnOnce() + 'static) {
        f()
    }
    pub fn title() -> String {
        String::new()
    }
}

/// The app root from the shell's `<meta name="app-root">` (the build writes trunk's
/// `public_url` there). Read once at start-up, outside rendering.
#[cfg(target_arch = "wasm32")]
pub fn root_from_document() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=app-root]").ok().flatten())
        .and_then(|b| b.get_attribute("content"))
        .filter(|h| h.starts_with('/'))
        .unwrap_or_else(|| "/".into())
}
