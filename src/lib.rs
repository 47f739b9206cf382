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
//!
//! Here: `App` and `Paper`. What every page shares is in [`context`], the browser's calls in
//! [`browser`], the crash page in [`crash`], the pure logic in the core crate (`core/`).

#![recursion_limit = "256"]

// The pure logic, in its own crate (core/): re-exported under the names the app has always used.
pub use meridian_core::{
    coverage, error, format, model, publish, related, routes, search, search_index, seo, text,
    wordpress, words,
};

pub mod browser;
pub mod chunks;
pub mod components;
pub mod context;
pub mod crash;
pub mod html;
pub mod intl;
pub mod live;
pub mod pages;
pub mod router;
pub mod source;
pub mod split;

use chunks::{CategoryRoute, HomeRoute, SearchRoute, TagRoute};
use components::{
    ad_slot::AdSlot, breaking::BreakingStrip, error_view::ErrorView, footer::Footer,
    masthead::Masthead, route_announcer::RouteAnnouncer,
};
use context::{send, Ctx};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    Lazy,
};
use model::Site;
use pages::{article::ArticlePage, not_found::NotFound};
use router::route;
use routes::PageKind;
use source::Source;
use std::sync::Arc;
use words::Words;

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
                    // In the order of routes::ROUTES, which `route` reads.
                    <Route path=route(PageKind::Home) view={Lazy::<HomeRoute>::new()} />
                    <Route path=route(PageKind::Search) view={Lazy::<SearchRoute>::new()} />
                    <Route path=route(PageKind::Tag) view={Lazy::<TagRoute>::new()} />
                    <Route path=route(PageKind::Article) view=ArticlePage />
                    <Route path=route(PageKind::Section) view={Lazy::<CategoryRoute>::new()} />
                </Routes>
            </main>
            <Footer />
            {breaking.map(|url| view! { <BreakingStrip url every words=words.clone() /> })}
        </Router>
    }
    .into_any()
}
