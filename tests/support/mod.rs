//! Shared by the browser tests (tests/web.rs, tests/xss.rs): mounting a component with the
//! paper's context, and querying the DOM it drew.

use leptos::prelude::*;
use meridian::model::{decode, Site};
use meridian::{context::Ctx, source::Source, words::Words};
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// A two-section test paper.
pub const SITE: &str = r#"{"name":"The Test Times","locale":"en-US","time_zone":"Europe/Brussels",
  "content":{"kind":"static","base":"api"},
  "categories":[{"slug":"world","name":"World"},{"slug":"sport","name":"Sport"}]}"#;

/// Mounts `f` under a fresh element with the paper's context and returns that element.
pub fn mount<V: IntoView + 'static>(f: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let parent: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&parent).unwrap();
    let handle = leptos::mount::mount_to(parent.clone(), move || {
        let site: Site = decode("site.json", SITE).unwrap();
        let (_, set_pending) = signal(false);
        let words = Arc::new(Words::new(&site.locale, None, &site.strings).0);
        provide_context(words.clone());
        provide_context(Ctx {
            words,
            source: Source::new("/", &site).unwrap(),
            site: Arc::new(site),
            root: "/".into(),
            set_pending,
        });
        f()
    });
    std::mem::forget(handle);
    parent
}

/// Every element under `el` matching `selector`.
pub fn all(el: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let list = el.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}
