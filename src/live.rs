//! The live parts of a prerendered page: all the code its reader runs until the first in-app
//! navigation (src/bin/live.rs, a WASM module of its own).
//!
//! A prerendered page (written by the publish step, src/bin/publish/) is the finished HTML of its content. Its loader
//! (scripts/build/post-build.mjs) starts this module, which brings each live part up to date in its
//! own place of the page, each kind in a task of its own, changing the page only where it has
//! to (every change costs the reader's phone a restyle of the page):
//!
//! | place in the page               | live part                                              |
//! |---------------------------------|--------------------------------------------------------|
//! | `.masthead__date[data-paper]`   | today, from the coming days the publish step wrote into Top news' rail file |
//! | `.masthead__weather[data-weather]` | the weather, loaded from its URL (hidden if it fails) |
//! | `.live-theme`                   | the dark-mode toggle                                    |
//! | `.live-share[data-share]`       | share: the system sheet, or copy the link               |
//! | `time[data-when]`               | "3 hours ago" in lists                                  |
//! | `.live-rail[data-rail]`         | Top news and Related from the rail files (hidden if they fail) |
//! | `<head>`: canonical, `og:url`, `og:image`, `twitter:image` | absolute, with the reader's origin (when `site.json` has no `url`) |
//!
//! The app is not part of this module. The loader fetches and compiles it when the reader
//! shows an intent to navigate, and runs it on the first in-app navigation, when it takes
//! over the page (src/main.rs).

/// Starts every live part of the document.
pub fn start() {
    #[cfg(target_arch = "wasm32")]
    imp::start();
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use crate::browser::next_task;
    use crate::components::{
        share::Share, sidebar::StoryList, theme_toggle::ThemeToggle, weather::WeatherBadge,
    };
    use crate::format::{day_from_table, parse_rfc3339};
    use crate::intl::{format_date, format_relative, now_millis, DateStyle};
    use crate::model::{CurrentWeather, RailFile, Weather, WeatherUnits};
    use crate::source::{fetch_text, DEFAULT_TIMEOUT_MS};
    use crate::words::Words;
    use leptos::prelude::*;
    use std::cell::RefCell;
    use std::sync::Arc;
    use wasm_bindgen::JsCast;
    use web_sys::{Document, Element, HtmlElement};

    pub fn start() {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let locale = doc
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .unwrap_or_else(|| "en-US".into());
        // The words the live parts show, which the publish step wrote into the page.
        let carried = doc
            .query_selector("[data-words]")
            .ok()
            .flatten()
            .and_then(|el| el.get_attribute("data-words"))
            .unwrap_or_default();
        let digits = doc
            .document_element()
            .and_then(|html| html.get_attribute("data-digits"));
        let words = Words::live(digits.as_deref(), &carried);
        WORDS.with(|w| *w.borrow_mut() = Arc::new(words));
        // What loads first: its request is under way while the rest runs.
        for el in all(&doc, ".masthead__weather[data-weather]") {
            weather(el);
        }
        rails_and_date(&doc, &locale);
        absolute_head_urls(&doc);
        {
            let (doc, locale) = (doc.clone(), locale.clone());
            // The publish step writes the dates of the app's languages (`data-written` on the
            // masthead date); other locales' are written again by the browser's `Intl`, whose
            // first use is a long task of its own.
            next_task(move || {
                if all(&doc, ".masthead__date[data-written]").is_empty() {
                    localized_dates(&doc, &locale);
                }
                relative_times(&doc, &locale);
            });
        }
        let theme = doc.clone();
        next_task(move || {
            for el in all(&theme, ".live-theme") {
                mount(el, theme_toggle);
            }
        });
        next_task(move || {
            for el in all(&doc, ".live-share[data-share]") {
                share(el, &doc);
            }
        });
    }

    /// The elements matching `selector`.
    fn all(doc: &Document, selector: &str) -> Vec<Element> {
        list(doc.query_selector_all(selector))
    }

    /// The elements under `el` matching `selector`.
    fn all_in(el: &Element, selector: &str) -> Vec<Element> {
        list(el.query_selector_all(selector))
    }

    fn list(found: Result<web_sys::NodeList, wasm_bindgen::JsValue>) -> Vec<Element> {
        let Ok(list) = found else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into().ok())
            .collect()
    }

    thread_local! {
        static WORDS: RefCell<Arc<Words>> = RefCell::default();
    }

    fn theme_toggle() -> impl IntoView {
        view! { <ThemeToggle words=words() /> }
    }

    /// The words the page carries for its live parts.
    fn words() -> Arc<Words> {
        WORDS.with(|w| w.borrow().clone())
    }

    /// Replaces what `el` holds with a view of its own.
    fn mount<F, N>(el: Element, view: F)
    where
        F: FnOnce() -> N + 'static,
        N: IntoView,
    {
        let Ok(el) = el.dyn_into::<HtmlElement>() else {
            return;
        };
        el.set_inner_html("");
        leptos::mount::mount_to(el, view).forget();
    }

    fn hide(el: &Element) {
        let _ = el.set_attribute("hidden", "");
    }

    /// The JSON at `url`; `None` if it does not load or decode. A live part that fails hides
    /// itself and the page stays as it is, so why it failed is not kept (the app's decoder
    /// names the JSON path, at a cost in bytes this module does without).
    async fn get<T: serde::de::DeserializeOwned>(url: &str) -> Option<T> {
        let text = fetch_text(url, DEFAULT_TIMEOUT_MS).await.ok()?;
        serde_json::from_str(&text).ok()
    }

    /// The head's page and picture addresses, written root-relative by the publish step when
    /// it does not know the paper's public address: absolute, as crawlers want them.
    fn absolute_head_urls(doc: &Document) {
        let Some(origin) = web_sys::window().and_then(|w| w.location().origin().ok()) else {
            return;
        };
        let heads = "link[rel=canonical][href^='/'], meta[property='og:url'][content^='/'], \
            meta[property='og:image'][content^='/'], meta[name='twitter:image'][content^='/']";
        for el in all(doc, heads) {
            let attr = if el.tag_name() == "LINK" {
                "href"
            } else {
                "content"
            };
            if let Some(path) = el.get_attribute(attr).filter(|p| !p.starts_with("//")) {
                let _ = el.set_attribute(attr, &(origin.clone() + &path));
            }
        }
    }

    /// The rails and the masthead date, from the rail files: each file fetched once, for every
    /// place that shows it (Top news carries the masthead's coming days).
    fn rails_and_date(doc: &Document, locale: &str) {
        let root = crate::browser::root_from_document();
        // (file, its rail, the date if it reads that file)
        let mut places: Vec<(String, Option<Element>, Option<Element>)> =
            all(doc, ".live-rail[data-rail]")
                .into_iter()
                .map(|el| {
                    (
                        el.get_attribute("data-rail").unwrap_or_default(),
                        Some(el),
                        None,
                    )
                })
                .collect();
        if let Some(date) = doc.query_selector(".masthead__date").ok().flatten() {
            let url = date.get_attribute("data-paper").unwrap_or_default();
            match places.iter_mut().find(|p| p.0 == url) {
                Some(place) => place.2 = Some(date),
                None => places.push((url, None, Some(date))),
            }
        }
        for (url, rail_el, date) in places {
            let (root, locale) = (root.clone(), locale.to_string());
            wasm_bindgen_futures::spawn_local(async move {
                let file = match url.is_empty() {
                    true => None,
                    false => get::<RailFile>(&url).await,
                };
                if let Some(el) = date {
                    masthead_date(el, file.as_ref(), &locale);
                }
                if let Some(el) = rail_el {
                    rail(el, file.as_ref(), &root);
                }
            });
        }
    }

    /// Today, from the publish step's table of coming days; `Intl` past it, in a task of its own.
    fn masthead_date(el: Element, file: Option<&RailFile>, locale: &str) {
        let now = now_millis();
        match file.and_then(|f| day_from_table(&f.days, now)) {
            Some(today) => el.set_text_content(Some(&today)),
            None => {
                let (locale, zone) = (locale.to_string(), el.get_attribute("data-tz"));
                next_task(move || {
                    let today = format_date(now, &locale, zone.as_deref(), DateStyle::LongDay);
                    el.set_text_content(Some(&today));
                });
            }
        }
    }

    /// "3 hours ago" for the list times of the last week.
    fn relative_times(doc: &Document, locale: &str) {
        let now = now_millis();
        for el in all(doc, "time[data-when]") {
            let then = el.get_attribute("datetime").and_then(|t| parse_rfc3339(&t));
            if let Some(text) = then.and_then(|then| format_relative(then, now, locale)) {
                el.set_text_content(Some(&text));
            }
        }
    }

    /// Every date of the page in `locale` (one the publish step does not write itself).
    fn localized_dates(doc: &Document, locale: &str) {
        let zone = all(doc, ".masthead__date")
            .first()
            .and_then(|el| el.get_attribute("data-tz"));
        let zone = zone.as_deref();
        for el in all(doc, "time[datetime]") {
            let Some(then) = el.get_attribute("datetime").and_then(|t| parse_rfc3339(&t)) else {
                continue;
            };
            let exact = format_date(then, locale, zone, DateStyle::DateTime);
            if el.has_attribute("data-when") {
                let _ = el.set_attribute("title", &exact);
                el.set_text_content(Some(&format_date(then, locale, zone, DateStyle::Short)));
            } else {
                el.set_text_content(Some(&exact));
            }
        }
    }

    /// Whether `el` lists exactly the articles of `file`, in order.
    fn shows(el: &Element, file: &RailFile, root: &str) -> bool {
        let links = all_in(el, "a.story-list__link");
        links.len() == file.articles.len()
            && links.iter().zip(&file.articles).all(|(link, a)| {
                link.get_attribute("href").as_deref()
                    == Some(&*crate::routes::article(root, &a.category, &a.slug))
                    && link.text_content().as_deref() == Some(&*a.title)
            })
    }

    /// The share controls, for this page's canonical address: the one the app shares
    /// (`site.json` `url`, or this origin: [`absolute_head_urls`] ran before).
    fn share(el: Element, doc: &Document) {
        let title = el.get_attribute("data-share").unwrap_or_default();
        let canonical = doc.query_selector("link[rel=canonical]").ok().flatten();
        let url = canonical
            .and_then(|link| link.get_attribute("href"))
            .unwrap_or_default();
        mount(
            el,
            move || view! { <Share title url=Signal::stored(url) words=words() /> },
        );
    }

    /// The weather, once loaded; nothing if it fails.
    fn weather(el: Element) {
        let url = el.get_attribute("data-weather").unwrap_or_default();
        let place = el.get_attribute("data-place").unwrap_or_default();
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(weather) = weather_at(&url).await {
                mount(
                    el,
                    move || view! { <WeatherBadge place weather words=words() /> },
                );
            }
        });
    }

    /// The weather of `url` (the few values the masthead shows), read with the browser's
    /// `JSON.parse` rather than a decoder of its own: this module is paid by every reader.
    async fn weather_at(url: &str) -> Option<Weather> {
        use js_sys::Reflect;
        let text = fetch_text(url, DEFAULT_TIMEOUT_MS).await.ok()?;
        let json = js_sys::JSON::parse(&text).ok()?;
        let at = |object: &str, field: &str| {
            let object = Reflect::get(&json, &object.into()).ok()?;
            Reflect::get(&object, &field.into()).ok()
        };
        let code = at("current", "weather_code")?.as_f64()?;
        Some(Weather {
            current_units: WeatherUnits {
                temperature_2m: at("current_units", "temperature_2m")?.as_string()?,
            },
            current: CurrentWeather {
                temperature_2m: at("current", "temperature_2m")?.as_f64()?,
                weather_code: (code >= 0.0 && code <= f64::from(u16::MAX))
                    .then_some(code as u16)?,
            },
        })
    }

    /// A rail list from its rail file; hidden if the file did not load.
    fn rail(el: Element, file: Option<&RailFile>, root: &str) {
        let title = el.get_attribute("data-title").unwrap_or_default();
        let ranked = el.has_attribute("data-ranked");
        match file {
            // The page already shows these: nothing to change.
            Some(file) if shows(&el, file, root) => {}
            Some(file) if !file.articles.is_empty() => {
                let (items, root) = (file.articles.clone(), root.to_string());
                let live_label = words().get("live").to_string();
                mount(
                    el,
                    move || view! { <StoryList title items root ranked live_label /> },
                );
            }
            _ => hide(&el),
        }
    }
}
