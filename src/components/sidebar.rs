//! The sidebars: "Top news" and "Related articles", each a numbered list of links.

use crate::components::ad_slot::AdSlot;
use crate::context::use_ctx;
use crate::model::{is_slug, ArticleSummary, RailItem};
use crate::related::rail_item;
use crate::routes;
use leptos::prelude::*;

/// A titled list of article links, as a complementary landmark. Empty lists render nothing.
#[component]
pub fn StoryList(
    /// The heading, e.g. "Top news".
    #[prop(into)]
    title: String,
    /// The articles, in order.
    items: Vec<RailItem>,
    /// The app root the links are under.
    #[prop(into)]
    root: String,
    /// Numbered (ranked) or plain.
    #[prop(optional)]
    ranked: bool,
    /// The badge of a live story ("Live").
    #[prop(optional, into)]
    live_label: String,
) -> impl IntoView {
    let items: Vec<RailItem> = items
        .into_iter()
        .filter(|a| is_slug(&a.slug) && is_slug(&a.category))
        .collect();
    (!items.is_empty()).then(|| {
        let id = format!("list-{}", title.to_lowercase().replace(' ', "-"));
        let items = items
            .into_iter()
            .map(|a| {
                let href = routes::article(&root, &a.category, &a.slug);
                let badge = a.live.then(|| {
                    view! { <span class="badge badge--live story-list__badge">{live_label.clone()}</span> }
                });
                view! {
                    <li class="story-list__item">
                        {badge}
                        <a class="story-list__link" href=href>{a.title}</a>
                        <span class="story-list__section">{a.section}</span>
                    </li>
                }
            })
            .collect_view();
        let list = if ranked {
            view! { <ol class="story-list__items story-list__items--ranked">{items}</ol> }
                .into_any()
        } else {
            view! { <ul class="story-list__items">{items}</ul> }.into_any()
        };
        let labelledby = id.clone();
        view! {
            <section class="story-list" aria-labelledby=labelledby>
                <h2 class="story-list__title" id=id>{title}</h2>
                {list}
            </section>
        }
    })
}

/// A rail list as of now, in the place its live part refreshes from the rail file `file`
/// (a path below the content base, see [`crate::model::RailFile`]) on a prerendered page.
#[component]
pub fn LiveStoryList(
    /// The word key of the heading, e.g. `top_news`.
    title: &'static str,
    /// The articles, in order.
    articles: Vec<ArticleSummary>,
    /// The rail file the live part reads.
    file: String,
    /// Numbered (ranked) or plain.
    #[prop(optional)]
    ranked: bool,
) -> impl IntoView {
    let ctx = use_ctx();
    let items = articles.iter().map(|a| rail_item(&ctx.site, a)).collect();
    let title = ctx.words.get(title).to_string();
    let data_title = title.clone();
    view! {
        <div
            class="live-rail"
            data-rail=ctx.source.static_url(&file)
            data-title=data_title
            data-ranked=ranked.then_some("")
        >
            <StoryList title items root=ctx.root.to_string() ranked live_label=ctx.words.get("live").to_string() />
        </div>
    }
}

/// The right-hand rail of a page: the sidebar ad slot (when the site has ads), then `children`.
#[component]
pub fn Rail(
    /// The word key of the complementary landmark's accessible name.
    label: &'static str,
    /// The lists shown under the ad slot.
    children: Children,
) -> impl IntoView {
    let ctx = use_ctx();
    let ads = ctx.site.ads.clone();
    view! {
        <aside class="with-rail__rail" aria-label=ctx.words.get(label).to_string()>
            {ads.map(|ads| view! { <AdSlot ads id="ad-sidebar" kind="sidebar" /> })}
            {children()}
        </aside>
    }
}
