//! The Daily Meridian: a newspaper front-end in Leptos.
//!
//! `App` loads `site.json`, then lays out the paper around the router:
//!
//! ```text
//! ┌ Masthead: name · date · weather · search · sections ┐
//! │ Leaderboard ad                                      │
//! │ <main> the routed page                              │
//! └ Footer                                              ┘
//! ```

#![recursion_limit = "256"]

// The pure logic, in its own crate (core/): re-exported under the names the app has always used.
pub use meridian_core::{
    coverage, error, format, html, model, publish, related, routes, search, search_index, seo,
    text, wordpress, words,
};

pub mod browser;
pub mod chunks;
pub mod components;
pub mod intl;
pub mod live;
pub mod pages;
pub mod source;
pub mod split;

use chunks::{CategoryRoute, HomeRoute, SearchRoute, TagRoute};
use components::{
    ad_slot::AdSlot, breaking::BreakingStrip, error_view::ErrorView, footer::Footer,
    masthead::Masthead,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, Lazy,
};
use model::Site;
use pages::{article::ArticlePage, not_found::NotFound};
use send_wrapper::SendWrapper;
use source::Source;
use std::sync::Arc;
use words::Words;

/// What every page of one paper shares.
#[derive(Clone)]
pub struct Ctx {
    /// The publisher's configuration.
    pub site: Arc<Site>,
    /// Where the app is served from: `/`, or `/news/` for a sub-path deploy.
    pub root: Arc<str>,
    /// Where the articles come from.
    pub source: Source,
    /// Set by the main content of a page while its data loads (drives the progress bar).
    pub set_pending: WriteSignal<bool>,
    /// The interface words in the site's language.
    pub words: Arc<Words>,
}

impl Ctx {
    /// A date in the site's locale and time zone ([`intl::format_timestamp`]).
    pub fn date(&self, t: &model::Timestamp, style: intl::DateStyle) -> String {
        intl::format_timestamp(
            t.millis,
            &t.text,
            &self.site.locale,
            self.site.time_zone.as_deref(),
            style,
        )
    }

    /// How long ago, for lists ("3 hours ago"; a date beyond a week, and always in a page
    /// written ahead of time, whose live part says how long ago once it is read), and the
    /// exact time for the `title` shown on hover.
    pub fn when(&self, t: &model::Timestamp) -> (String, String) {
        let exact = self.date(t, intl::DateStyle::DateTime);
        let relative = intl::format_relative(t.millis, intl::now_millis(), &self.site.locale);
        let text = relative.unwrap_or_else(|| self.date(t, intl::DateStyle::Short));
        (text, exact)
    }

    /// The display name of a category slug.
    pub fn category_name(&self, slug: &str) -> String {
        routes::category_name(&self.site, slug).to_string()
    }
}

/// The paper's context; every page is rendered inside `Paper`, which provides it.
pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// The interface words: the paper's, or a live part's (src/live.rs); none (each key shows as
/// itself) outside both.
pub fn use_words() -> Arc<Words> {
    use_context::<Arc<Words>>().unwrap_or_default()
}

/// Runs a browser future inside a `Send` resource (the browser is single-threaded).
pub fn send<F: std::future::Future>(f: F) -> SendWrapper<F> {
    SendWrapper::new(f)
}

/// The whole app, served from `root` (`/` unless deployed under a sub-path).
#[component]
pub fn App(
    #[prop(into)] root: String,
    /// The app is taking over a prerendered page (src/live.rs): it renders out of sight and
    /// replaces the page once its first route is ready.
    #[prop(optional)]
    takeover: bool,
) -> impl IntoView {
    provide_meta_context();
    let root: Arc<str> = root.into();
    let site = {
        let root = root.clone();
        Resource::new(
            || (),
            move |_| {
                let root = root.clone();
                send(async move {
                    let site = source::load_site(&root).await?;
                    let words = source::load_words(&root, &site).await;
                    Ok::<_, error::AppError>((site, words))
                })
            },
        )
    };
    view! {
        <Transition fallback=|| view! { <div class="app-loading" role="status">"Loading the paper…"</div> }>
            {move || {
                let root = root.clone();
                site.get()
                    .map(|result| match result {
                        Ok((site, words)) => {
                            view! { <Paper site=Arc::new(site) words root takeover /> }
                                .into_any()
                        }
                        Err(error) => {
                            view! {
                                <Title text="The paper could not be loaded" />
                                <main id="main" class="app-error">
                                    <ErrorView error on_retry=move || site.refetch() />
                                </main>
                            }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}

/// The laid-out paper for a loaded `site.json`.
#[component]
fn Paper(site: Arc<Site>, words: Arc<Words>, root: Arc<str>, takeover: bool) -> impl IntoView {
    let (pending, set_pending) = signal(false);
    let (is_routing, set_is_routing) = signal(false);
    let source = match Source::new(&root, &site) {
        Ok(source) => source,
        Err(error) => {
            return view! {
                <main id="main" class="app-error">
                    <ErrorView error on_retry=|| () />
                </main>
            }
            .into_any()
        }
    };
    let source_breaking = source.static_url("breaking.json");
    provide_context(Ctx {
        site: site.clone(),
        root: root.clone(),
        source,
        set_pending,
        words: words.clone(),
    });
    provide_context(words.clone());
    // The masthead weather: a secondary part that hides itself when it fails. Loaded from
    // an effect, so in the browser only (it changes by the hour; a prerendered page must
    // not wait for it, nor carry a stale one: its live part loads it).
    let weather = RwSignal::new(None);
    if let Some(config) = site.weather.clone() {
        let root = root.clone();
        Effect::new(move |_| {
            let (root, url) = (root.clone(), config.url.clone());
            leptos::task::spawn_local(async move {
                match source::load_weather(&root, &url).await {
                    Ok(w) => weather.set(Some(w)),
                    Err(e) => leptos::logging::warn!("weather hidden: {e}"),
                }
            });
        });
    }
    // A reader about to open a page whose code is a chunk (hovering or focusing its link,
    // focusing a search box) starts loading it (src/chunks.rs).
    {
        let root = root.clone();
        Effect::new(move |_| {
            let root = root.clone();
            browser::on_intent(move |href| chunks::prefetch(&root, href));
        });
    }
    let online = RwSignal::new(true);
    Effect::new(move |_| {
        online.set(browser::is_online());
        browser::on_connection_change(move |now| online.set(now));
    });
    let announcement = RwSignal::new(String::new());
    let base = root.trim_end_matches('/').to_string();
    let name = site.name.clone();
    let ads = site.ads.clone();
    let breaking = source_breaking;
    let every = coverage::poll_every_ms(site.live_poll_seconds);
    let (skip, offline) = (
        words.get("skip_to_content").to_string(),
        words.get("offline_notice").to_string(),
    );
    view! {
        <Html attr:lang=site.locale.clone() attr:dir=site.direction() attr:data-digits=words.counter_style() />
        <Title formatter=move |text: String| {
            if text.is_empty() { name.clone() } else { format!("{text} — {name}") }
        } />
        <Router base set_is_routing>
            <div
                class="progress"
                class:progress--active=move || pending.get() || is_routing.get()
                aria-hidden="true"
            ></div>
            <a
                class="skip-link"
                href="#main"
                on:click=|ev| {
                    // Focus the main landmark ourselves: the router would treat the fragment
                    // as a navigation.
                    ev.prevent_default();
                    browser::focus_main();
                }
            >
                {skip}
            </a>
            <RouteAnnouncer pending is_routing announcement takeover />
            <p class="visually-hidden" role="status" aria-live="polite">{move || announcement.get()}</p>
            <Masthead weather />
            <Show when=move || !online.get()>
                <p class="offline-banner" role="status">{offline.clone()}</p>
            </Show>
            {ads.map(|ads| view! { <AdSlot ads id="ad-leaderboard" kind="leaderboard" /> })}
            <main id="main" class="page" tabindex="-1">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view={Lazy::<HomeRoute>::new()} />
                    <Route path=path!("/search") view={Lazy::<SearchRoute>::new()} />
                    <Route path=path!("/tag/:tag") view={Lazy::<TagRoute>::new()} />
                    <Route path=path!("/:category/:slug") view=ArticlePage />
                    <Route path=path!("/:category") view={Lazy::<CategoryRoute>::new()} />
                </Routes>
            </main>
            <Footer />
            {breaking.map(|url| view! { <BreakingStrip url every words=words.clone() /> })}
        </Router>
    }
    .into_any()
}

/// After each client-side navigation, once the new page has loaded: moves focus to its
/// `<h1>` and announces its title to screen readers. The first page load is left alone, and
/// so is a reader in a form control: typing a search or ticking a filter rewrites the URL,
/// and must not lose the box (the results count is announced by its own live region).
#[component]
fn RouteAnnouncer(
    pending: ReadSignal<bool>,
    is_routing: ReadSignal<bool>,
    announcement: RwSignal<String>,
    /// The first page replaces a prerendered one: it is announced like a navigation, once
    /// it has replaced it.
    takeover: bool,
) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let waiting = RwSignal::new(takeover);
    // A live page taken over in place at its load is the page the reader is on, not a new one.
    let quiet = StoredValue::new(takeover && browser::takeover_in_place());
    Effect::new(move |previous: Option<String>| {
        let here = format!("{}?{}", location.pathname.get(), location.search.get());
        if previous.as_ref().is_some_and(|p| *p != here) {
            waiting.set(true);
        }
        here
    });
    Effect::new(move |_| {
        if waiting.get() && !pending.get() && !is_routing.get() {
            waiting.set(false);
            if quiet.get_value() {
                quiet.set_value(false);
                browser::when_shown(|| ());
                return;
            }
            if browser::focus_in_form_control() && !takeover {
                return;
            }
            // Once the new page and its title are in the document (and, taking over a
            // prerendered page, have replaced it).
            browser::when_shown(move || {
                browser::focus_heading();
                announcement.set(browser::title());
            });
        }
    });
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
        // links when it sees this (scripts/post-build.mjs).
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
