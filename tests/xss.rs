//! Browser XSS test: every vector of `tests/fixtures/xss-vectors.json` (the list the host
//! sanitizer tests in `core/src/html/` use) rendered for real in headless Chromium, through
//! `ArticleBody` (an article's `html` blocks) and directly through `HtmlNodes`, with
//! `alert`, `confirm`, `prompt`, `print` and `window.xss` / `top.xss()` trapped.
//! Run: `cargo test --target wasm32-unknown-unknown --test xss` (see scripts/test).
#![cfg(target_arch = "wasm32")]

use js_sys::{Object, Promise, Reflect};
use leptos::prelude::*;
use meridian::components::{article_body::ArticleBody, html_nodes::HtmlNodes};
use meridian::html::sanitize;
use meridian::model::{decode, Article};
use std::{cell::RefCell, rc::Rc};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

mod support;
use support::all;

wasm_bindgen_test_configure!(run_in_browser);

/// The shared vector list: a JSON array of HTML strings.
const VECTORS: &str = include_str!("fixtures/xss-vectors.json");

/// Attribute on a container naming what it holds (`"ArticleBody 17"`: vector 17 rendered
/// by `ArticleBody`); the traps and the DOM checks report the nearest one.
const MARK: &str = "data-xss-vector";

/// How long handlers get to fire: image and media errors, onload, autofocus, meta refresh,
/// animations and transitions all happen well within it.
const SETTLE_MS: i32 = 1000;

/// Elements no sanitized markup may contain.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "style",
    "link",
    "meta",
    "base",
    "form",
    "input",
    "button",
    "textarea",
    "template",
    "video",
    "audio",
    "source",
    "frame",
    "frameset",
    "applet",
    "param",
    "select",
    "option",
    "isindex",
    "keygen",
    "marquee",
    "details",
    "noscript",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "title",
    "body",
    "image",
    "picture",
    "track",
];

/// Attributes no sanitized markup may carry (besides every `on*` handler): inline CSS,
/// nested documents, form targets, legacy URL attributes and DOM-clobbering names.
const FORBIDDEN_ATTRIBUTES: &[&str] = &[
    "style",
    "srcdoc",
    "formaction",
    "action",
    "xlink:href",
    "background",
    "poster",
    "dynsrc",
    "lowsrc",
    "data",
    "code",
    "codebase",
    "autofocus",
    "id",
    "name",
    "form",
    "is",
];

/// Mounts `f` with the paper's context under a fresh element marked `label`.
fn mount<V: IntoView + 'static>(
    label: &str,
    f: impl FnOnce() -> V + 'static,
) -> web_sys::HtmlElement {
    let parent = support::mount(f);
    parent.set_attribute(MARK, label).unwrap();
    parent
}

/// Resolves after `ms` milliseconds, through `setTimeout`.
async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _reject| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// The mark of the container `el` sits in, with the vector it names spelled out.
fn name_of(el: &web_sys::Element, vectors: &[String]) -> String {
    let mark = el
        .closest(&format!("[{MARK}]"))
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute(MARK));
    describe(mark.as_deref().unwrap_or("an unmarked element"), vectors)
}

/// `"ArticleBody 17"` → `ArticleBody 17 <the vector>`.
fn describe(mark: &str, vectors: &[String]) -> String {
    let vector = mark
        .rsplit(' ')
        .next()
        .and_then(|i| i.parse::<usize>().ok())
        .and_then(|i| vectors.get(i));
    match vector {
        Some(v) => format!("{mark} {v:?}"),
        None => mark.to_owned(),
    }
}

/// Where the code that called a trap came from: the target of the event being handled
/// (`onerror=alert(1)`), or the running `<script>`, as the mark of its container.
fn culprit() -> String {
    let window = web_sys::window().unwrap();
    let document = window.document().unwrap();
    let event = Reflect::get(&window, &"event".into()).unwrap_or(JsValue::UNDEFINED);
    let from_event = event
        .is_object()
        .then(|| Reflect::get(&event, &"target".into()).ok())
        .flatten();
    let from_script = Reflect::get(&document, &"currentScript".into()).ok();
    [from_event, from_script]
        .into_iter()
        .flatten()
        .filter_map(|target| target.dyn_into::<web_sys::Element>().ok())
        .find_map(|el| el.closest(&format!("[{MARK}]")).ok().flatten())
        .and_then(|el| el.get_attribute(MARK))
        .unwrap_or_else(|| "an unknown element".into())
}

/// A JS function that records its calls.
type Trap = Closure<dyn FnMut()>;

/// `alert`, `confirm`, `prompt` and `print` replaced on `window`, and `window.xss` defined
/// as an accessor whose setter records the write and whose getter returns a function that
/// records the call (`top.xss()`). Each record is "what from which container". Dropping
/// the traps puts the originals back and deletes `window.xss`.
struct Traps {
    calls: Rc<RefCell<Vec<String>>>,
    originals: Vec<(&'static str, JsValue)>,
    functions: Vec<(&'static str, Trap)>,
    _xss_call: Trap,
    _xss_get: Closure<dyn FnMut() -> JsValue>,
    _xss_set: Closure<dyn FnMut(JsValue)>,
}

const TRAPPED: [&str; 4] = ["alert", "confirm", "prompt", "print"];

impl Traps {
    fn install() -> Traps {
        let window: JsValue = web_sys::window().unwrap().into();
        let calls: Rc<RefCell<Vec<String>>> = Rc::default();
        let recorder = |what: &'static str| {
            let calls = calls.clone();
            move || {
                let record = format!("{what} from {}", culprit());
                calls.borrow_mut().push(record);
            }
        };
        let mut originals = Vec::new();
        let mut functions = Vec::new();
        for name in TRAPPED {
            originals.push((name, Reflect::get(&window, &name.into()).unwrap()));
            let trap = Trap::new(recorder(name));
            assert!(Reflect::set(&window, &name.into(), trap.as_ref()).unwrap());
            functions.push((name, trap));
        }
        let xss_call = Trap::new(recorder("top.xss()"));
        let call: JsValue = xss_call.as_ref().clone();
        let xss_get = Closure::<dyn FnMut() -> JsValue>::new(move || call.clone());
        let set_calls = calls.clone();
        let xss_set = Closure::<dyn FnMut(JsValue)>::new(move |value: JsValue| {
            let record = format!("window.xss = {value:?} from {}", culprit());
            set_calls.borrow_mut().push(record);
        });
        let descriptor = Object::new();
        Reflect::set(&descriptor, &"get".into(), xss_get.as_ref()).unwrap();
        Reflect::set(&descriptor, &"set".into(), xss_set.as_ref()).unwrap();
        Reflect::set(&descriptor, &"configurable".into(), &JsValue::TRUE).unwrap();
        Object::define_property(window.unchecked_ref::<Object>(), &"xss".into(), &descriptor);
        Traps {
            calls,
            originals,
            functions,
            _xss_call: xss_call,
            _xss_get: xss_get,
            _xss_set: xss_set,
        }
    }

    fn calls(&self) -> Vec<String> {
        self.calls.borrow().clone()
    }

    /// Names of the trapped functions that something replaced since `install`.
    fn replaced(&self) -> Vec<&'static str> {
        let window: JsValue = web_sys::window().unwrap().into();
        self.functions
            .iter()
            .filter(|(name, trap)| {
                let now = Reflect::get(&window, &(*name).into()).unwrap_or(JsValue::UNDEFINED);
                !Object::is(&now, trap.as_ref())
            })
            .map(|(name, _)| *name)
            .collect()
    }
}

impl Drop for Traps {
    fn drop(&mut self) {
        let window: JsValue = web_sys::window().unwrap().into();
        for (name, original) in &self.originals {
            let _ = Reflect::set(&window, &(*name).into(), original);
        }
        let _ = Reflect::delete_property(window.unchecked_ref::<Object>(), &"xss".into());
    }
}

/// Lower-cased, without whitespace or control characters: how a browser reads a URL's
/// scheme.
fn squash(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase()
}

fn is_script_url(value: &str) -> bool {
    let value = squash(value);
    ["javascript:", "vbscript:", "livescript:", "data:"]
        .iter()
        .any(|scheme| value.starts_with(scheme))
}

/// Everything unsafe in the subtree of `root` (`root` itself excluded), each naming the
/// vector it came from.
fn violations(root: &web_sys::Element, vectors: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for el in all(root, "*") {
        let mut problems = Vec::new();
        let tag = el.local_name().to_lowercase();
        if FORBIDDEN_ELEMENTS.contains(&tag.as_str()) {
            problems.push(format!("a <{tag}> element"));
        }
        if el.namespace_uri().as_deref() != Some("http://www.w3.org/1999/xhtml") {
            problems.push(format!("<{tag}> in namespace {:?}", el.namespace_uri()));
        }
        for name in el.get_attribute_names().iter() {
            let name = name.as_string().unwrap_or_default().to_lowercase();
            let value = el.get_attribute(&name).unwrap_or_default();
            if name.starts_with("on") || FORBIDDEN_ATTRIBUTES.contains(&name.as_str()) {
                problems.push(format!("attribute {name}={value:?}"));
            }
            let urls: Vec<&str> = if name == "srcset" {
                value.split(',').collect()
            } else {
                vec![value.as_str()]
            };
            // A raster picture in base64 on an image is kept (an image runs no script).
            let picture = tag == "img"
                && name == "src"
                && meridian::html::data_picture(&value).as_deref() == Some(value.as_str());
            if !picture && urls.iter().any(|url| is_script_url(url)) {
                problems.push(format!("script URL {name}={value:?}"));
            }
            let squashed = squash(&value);
            if (name == "href" || name == "src")
                && ["//", "\\\\", "/\\", "\\/"]
                    .iter()
                    .any(|p| squashed.starts_with(p))
            {
                problems.push(format!("protocol-relative {name}={value:?}"));
            }
        }
        // The URL as the browser resolved it.
        if tag == "a" && el.has_attribute("href") {
            let protocol = Reflect::get(&el, &"protocol".into())
                .ok()
                .and_then(|p| p.as_string())
                .unwrap_or_default();
            if !["http:", "https:", "mailto:"].contains(&protocol.as_str()) {
                problems.push(format!("a link with protocol {protocol:?}"));
            }
        }
        if tag == "img" {
            let src = Reflect::get(&el, &"src".into())
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default();
            if !(src.starts_with("http://") || src.starts_with("https://")) {
                problems.push(format!("an image from {src:?}"));
            }
        }
        for problem in problems {
            found.push(format!("{problem} from {}", name_of(&el, vectors)));
        }
    }
    found
}

/// Every vector, rendered the two ways the app renders CMS HTML, runs nothing and leaves
/// nothing executable in the DOM.
#[wasm_bindgen_test]
async fn every_xss_vector_renders_inert_through_article_body_and_html_nodes() {
    let vectors: Vec<String> = serde_json::from_str(VECTORS).unwrap();
    assert!(vectors.len() >= 160, "{} vectors", vectors.len());
    let window = web_sys::window().unwrap();
    let document = window.document().unwrap();
    let href = window.location().href().unwrap();
    let base = document.base_uri().unwrap();
    let title = document.title();
    let traps = Traps::install();

    // 1. As `html` blocks of an article, decoded like a content file.
    let blocks: Vec<serde_json::Value> = vectors
        .iter()
        .map(|html| serde_json::json!({ "type": "html", "html": html }))
        .collect();
    let json = serde_json::json!({
        "slug": "xss", "title": "XSS", "category": "world",
        "published": "2026-11-24T07:30:00Z", "body": blocks,
    });
    let article: Article = decode("xss.json", &json.to_string()).unwrap();
    assert_eq!(article.body.len(), vectors.len());
    let via_body = mount(
        "ArticleBody",
        move || view! { <ArticleBody blocks=article.body ads=None /> },
    );
    let rendered = all(&via_body, ".body__html");
    assert_eq!(rendered.len(), vectors.len(), "one .body__html per block");
    for (i, block) in rendered.iter().enumerate() {
        block
            .set_attribute(MARK, &format!("ArticleBody {i}"))
            .unwrap();
    }

    // 2. Directly, as the sanitizer's nodes.
    let direct = vectors.clone();
    let via_nodes = mount("HtmlNodes", move || {
        direct
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                view! { <div data-xss-vector=format!("HtmlNodes {i}")><HtmlNodes nodes=sanitize(&v) /></div> }
            })
            .collect_view()
    });
    assert_eq!(all(&via_nodes, "[data-xss-vector]").len(), vectors.len());

    sleep(SETTLE_MS).await;

    let ran: Vec<String> = traps
        .calls()
        .iter()
        .map(|call| match call.split_once(" from ") {
            Some((what, mark)) => format!("{what} from {}", describe(mark, &vectors)),
            None => call.clone(),
        })
        .collect();
    assert!(ran.is_empty(), "script ran:\n{}", ran.join("\n"));
    assert!(
        traps.replaced().is_empty(),
        "{:?} replaced",
        traps.replaced()
    );
    assert_eq!(
        window.location().href().unwrap(),
        href,
        "the page navigated"
    );
    assert_eq!(document.base_uri().unwrap(), base, "the base URL changed");
    assert_eq!(document.title(), title, "the title changed");
    for root in [&via_body, &via_nodes] {
        let found = violations(root, &vectors);
        assert!(found.is_empty(), "unsafe DOM:\n{}", found.join("\n"));
    }
    // Rendered, not dropped: the text of a harmless part is there both ways.
    assert!(via_body.text_content().unwrap().contains("xxs link"));
    assert!(via_nodes.text_content().unwrap().contains("xxs link"));
    drop(traps);
    via_body.remove();
    via_nodes.remove();
}

/// A picture pasted into a post as a `data:` URL shows: the image is drawn, from its own bytes.
#[wasm_bindgen_test]
async fn a_data_picture_in_a_post_shows() {
    let png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    let html = format!(r#"<p>Before</p><img src="{png}" alt="A red dot"><p>After</p>"#);
    let root = mount(
        "HtmlNodes",
        move || view! { <HtmlNodes nodes=sanitize(&html) /> },
    );
    let img = all(&root, "img").pop().expect("the picture is kept");
    assert_eq!(img.get_attribute("src").as_deref(), Some(png));
    assert_eq!(img.get_attribute("alt").as_deref(), Some("A red dot"));
    let width = || {
        js_sys::Reflect::get(&img, &"naturalWidth".into())
            .ok()
            .and_then(|w| w.as_f64())
    };
    for _ in 0..50 {
        if width() == Some(1.0) {
            break;
        }
        sleep(20).await;
    }
    assert_eq!(width(), Some(1.0), "the picture is drawn");
    root.remove();
}

/// The traps and the DOM checks can fail: markup injected the unsafe way (`innerHTML`) is
/// caught by every trap, attributed to its container, and flagged by [`violations`].
#[wasm_bindgen_test]
async fn the_traps_catch_an_unsafe_inner_html_injection() {
    let window: JsValue = web_sys::window().unwrap().into();
    let original_alert = Reflect::get(&window, &"alert".into()).unwrap();
    let traps = Traps::install();
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    div.set_attribute(MARK, "canary").unwrap();
    div.set_inner_html(concat!(
        "<img src=x onerror=alert(1)>",
        "<img src=x onerror=confirm(1)>",
        "<img src=x onerror=prompt(1)>",
        "<img src=x onerror=print()>",
        "<img src=x onerror=window.xss=1>",
        "<img src=x onerror=top.xss()>",
    ));
    document.body().unwrap().append_child(&div).unwrap();
    sleep(SETTLE_MS).await;

    let calls = traps.calls();
    assert!(
        calls.len() >= 6,
        "expected every trap to fire, got {calls:?}"
    );
    for what in [
        "alert",
        "confirm",
        "prompt",
        "print",
        "window.xss = JsValue(1)",
        "top.xss()",
    ] {
        assert!(
            calls.contains(&format!("{what} from canary")),
            "{what} not caught: {calls:?}"
        );
    }
    let found = violations(&div, &[]);
    assert!(
        found
            .iter()
            .any(|v| v.starts_with("attribute onerror=\"alert(1)\" from canary")),
        "{found:?}"
    );
    div.remove();
    drop(traps);
    assert!(Object::is(
        &Reflect::get(&window, &"alert".into()).unwrap(),
        &original_alert
    ));
    assert!(Reflect::get(&window, &"xss".into()).unwrap().is_undefined());
}
