//! The masthead: the paper's name, today's date, the weather, search and the sections.

use crate::components::{theme_toggle::ThemeToggle, weather::WeatherBadge};
use crate::context::use_ctx;
use crate::intl::{now_millis, DateStyle};
use crate::model::{RailFile, Weather};
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

/// The banner at the top of every page.
///
/// ```text
/// ┌──────────────────────────────────────────────────────────┐
/// │ Wednesday, February 1, 2023          ☀ 23 °C Clear, City │
/// │                 The Daily Meridian                       │
/// │              Independent news, every day                 │
/// │ [search………………] [Search]                                  │
/// ├ Home · World · Business · Technology · …                 ┤
/// └──────────────────────────────────────────────────────────┘
/// ```
#[component]
pub fn Masthead(
    /// The current weather once loaded; `None` hides it.
    #[prop(into)]
    weather: Signal<Option<Weather>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let words = ctx.words.clone();
    let site = ctx.site.clone();
    let root = ctx.root.clone();
    // The reader's today: known in the browser only. A prerendered page must not carry the
    // day it was built: its live part picks today from the coming days the publish step
    // wrote into the Top news rail file (`data-paper`).
    let today = cfg!(target_arch = "wasm32").then(|| {
        crate::intl::format_date(
            now_millis(),
            &site.locale,
            site.time_zone.as_deref(),
            DateStyle::LongDay,
        )
    });
    let paper = ctx.source.static_url(RailFile::TOP);
    // The publish step wrote the page's dates in its locale: its live part leaves them be.
    let written = (cfg!(not(target_arch = "wasm32"))
        && crate::format::writes_locale_natively(&site.locale))
    .then_some("");
    let place = site
        .weather
        .as_ref()
        .map(|w| w.place.clone())
        .unwrap_or_default();
    let place_attr = place.clone();
    let weather_url = site
        .weather
        .as_ref()
        .map(|w| routes::under_root(&root, &w.url));
    let location = use_location();
    // The first path segment below the root, to mark the current section.
    let section = {
        let root = root.clone();
        move || {
            let path = location.pathname.get();
            let rest = path
                .strip_prefix(root.trim_end_matches('/'))
                .unwrap_or(&path)
                .trim_start_matches('/')
                .to_string();
            rest.split('/').next().unwrap_or("").to_string()
        }
    };
    let nav_items = site
        .categories
        .iter()
        .map(|c| {
            let slug = c.slug.clone();
            let section = section.clone();
            let current = move || (section() == slug).then_some("page");
            view! {
                <li>
                    <a class="sections__link" href=routes::category(&root, &c.slug, 1) aria-current=current>
                        {c.name.clone()}
                    </a>
                </li>
            }
        })
        .collect_view();
    let home = routes::home(&ctx.root);
    // A plain GET form (it works before the app runs and without JavaScript), submitted
    // client-side by the app. Not leptos_router's <Form>: it navigates to its resolved
    // `action` (`/news/search`) through the router, which adds its base again
    // (`/news/news/search`) on a sub-path deploy. `navigate` takes a router-relative path.
    let query = NodeRef::<leptos::html::Input>::new();
    let navigate = use_navigate();
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = query.get_untracked().map(|i| i.value()).unwrap_or_default();
        navigate(
            &format!("/search?q={}", routes::encode_component(&q)),
            Default::default(),
        );
    };
    let home_current = move || section().is_empty().then_some("page");
    // A prerendered page's live parts show a few words of their own: the page carries them.
    let weather_words = words.clone();
    // The breaking-news strip of a prerendered page: its loader polls this file
    // (scripts/build/live-loader.js; the app has its own strip, src/components/breaking.rs).
    let breaking = cfg!(not(target_arch = "wasm32"))
        .then(|| ctx.source.static_url("breaking.json"))
        .flatten();
    let every = breaking
        .is_some()
        .then(|| crate::coverage::poll_every_ms(site.live_poll_seconds));
    let breaking_words = breaking.is_some().then(|| {
        ["breaking", "breaking_news", "dismiss"]
            .map(|k| words.get(k).replace('\n', " "))
            .join("\n")
    });
    let live_words = cfg!(not(target_arch = "wasm32")).then(|| words.live_text());
    view! {
        <header
            class="masthead"
            data-words=live_words
            data-breaking=breaking
            data-every=every
            data-breaking-words=breaking_words
        >
            <div class="masthead__top">
                <p class="masthead__date" data-paper=paper data-tz=site.time_zone.clone() data-written=written>{today}</p>
                <div class="masthead__tools">
                    <div class="masthead__weather" data-weather=weather_url data-place=place_attr>
                        {move || weather.get().map(|w| view! { <WeatherBadge place=place.clone() weather=w words=weather_words.clone() /> })}
                    </div>
                    <span class="live-theme">
                        <ThemeToggle words=words.clone() />
                    </span>
                </div>
            </div>
            <p class="masthead__name">
                <a href=home.clone() class="masthead__home">{site.name.clone()}</a>
            </p>
            {site.tagline.clone().map(|t| view! { <p class="masthead__tagline">{t}</p> })}
            <form action=routes::join(&ctx.root, "search") method="GET" on:submit=on_search>
                <div class="masthead__search" role="search">
                    <label class="visually-hidden" for="masthead-q">{words.get("search_the_paper").to_string()}</label>
                    <input node_ref=query id="masthead-q" class="masthead__input" type="search" name="q" placeholder=words.get("search").to_string() autocomplete="off" />
                    <button class="masthead__button" type="submit">{words.get("search").to_string()}</button>
                </div>
            </form>
        </header>
        <nav class="sections" aria-label=words.get("sections").to_string()>
            <ul class="sections__list">
                <li><a class="sections__link" href=home aria-current=home_current>{words.get("home").to_string()}</a></li>
                {nav_items}
            </ul>
        </nav>
    }
}
