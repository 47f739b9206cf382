//! The sidebars: "Top news" and "Related articles", each a numbered list of links.

use crate::components::ad_slot::AdSlot;
use crate::model::ArticleSummary;
use crate::{routes, use_ctx};
use leptos::prelude::*;

/// A titled list of article links, as a complementary landmark. Empty lists render nothing.
#[component]
pub fn StoryList(
    /// The heading, e.g. "Top news".
    title: &'static str,
    /// The articles, in order.
    articles: Vec<ArticleSummary>,
    /// Numbered (ranked) or plain.
    #[prop(optional)]
    ranked: bool,
) -> impl IntoView {
    let ctx = use_ctx();
    (!articles.is_empty()).then(|| {
        let id = format!("list-{}", title.to_ascii_lowercase().replace(' ', "-"));
        let items = articles
            .into_iter()
            .map(|a| {
                let href = routes::article(&ctx.root, &a.category, &a.slug);
                let section = ctx.category_name(&a.category);
                view! {
                    <li class="story-list__item">
                        <a class="story-list__link" href=href>{a.title}</a>
                        <span class="story-list__section">{section}</span>
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

/// The right-hand rail of a page: the sidebar ad slot (when the site has ads), then `children`.
#[component]
pub fn Rail(
    /// The accessible name of the complementary landmark.
    label: &'static str,
    /// The lists shown under the ad slot.
    children: Children,
) -> impl IntoView {
    let ads = use_ctx().site.ads.clone();
    view! {
        <aside class="with-rail__rail" aria-label=label>
            {ads.map(|ads| view! { <AdSlot ads id="ad-sidebar" kind="sidebar" /> })}
            {children()}
        </aside>
    }
}
