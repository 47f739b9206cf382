//! The front page: lead story, latest stories, one section per category, top news.

use super::{failure_view, Skeleton};
use crate::components::article_card::{ArticleCard, CardSize};
use crate::components::page_meta::PageMeta;
use crate::components::sidebar::{LiveStoryList, Rail};
use crate::context::{send, use_ctx};
use crate::model::ArticleSummary;
use crate::model::RailFile;
use crate::related::{in_category, latest, top_news};
use crate::routes;
use leptos::prelude::*;

/// Stories per category section on the front page.
const PER_SECTION: usize = 4;

/// `/`.
#[component]
pub fn HomePage() -> impl IntoView {
    let ctx = use_ctx();
    let source = ctx.source.clone();
    let index = Resource::new(
        || (),
        move |_| {
            let source = source.clone();
            send(async move { source.latest().await })
        },
    );
    let site = [("site", ctx.site.name.as_str())];
    let description = ctx
        .site
        .tagline
        .clone()
        .unwrap_or_else(|| ctx.words.fill("front_description", &site));
    view! {
        <PageMeta title="" description path=routes::home(&ctx.root) />
        <h1 class="visually-hidden">{ctx.words.fill("front_title", &site)}</h1>
        <Transition fallback=Skeleton set_pending=ctx.set_pending>
            {move || index.get().map(|r| match r {
                Ok(list) => view! { <Front list /> }.into_any(),
                Err(e) => failure_view(e, move || index.refetch()),
            })}
        </Transition>
    }
}

/// The front page for a loaded index.
#[component]
fn Front(list: Vec<ArticleSummary>) -> impl IntoView {
    let ctx = use_ctx();
    let newest: Vec<ArticleSummary> = latest(&list).into_iter().cloned().collect();
    // The lead is the newest story with a picture.
    let lead = newest
        .iter()
        .find(|a| a.image.is_some())
        .or(newest.first())
        .cloned();
    let rest: Vec<ArticleSummary> = newest
        .iter()
        .filter(|a| Some(&a.slug) != lead.as_ref().map(|l| &l.slug))
        .take(6)
        .cloned()
        .collect();
    let top = top_news(&list, 5);
    let sections = ctx
        .site
        .categories
        .iter()
        .filter_map(|c| {
            let stories: Vec<ArticleSummary> = in_category(&list, &c.slug)
                .into_iter()
                .take(PER_SECTION)
                .cloned()
                .collect();
            (!stories.is_empty()).then(|| {
                let id = format!("section-{}", c.slug);
                let labelledby = id.clone();
                view! {
                    <section class="section-block" aria-labelledby=labelledby>
                        <h2 class="section-block__title" id=id>
                            <a href=routes::category(&ctx.root, &c.slug, 1)>{c.name.clone()}</a>
                        </h2>
                        <div class="grid">
                            {stories.into_iter().map(|summary| view! { <ArticleCard summary size=CardSize::Standard /> }).collect_view()}
                        </div>
                    </section>
                }
            })
        })
        .collect_view();
    let empty = list.is_empty();
    let w = ctx.words.clone();
    view! {
        <div class="with-rail">
            <div class="with-rail__main">
                {empty.then(|| view! { <p class="empty">{w.get("no_articles").to_string()}</p> })}
                <div class="front__top">
                    {lead.map(|summary| view! { <ArticleCard summary size=CardSize::Lead show_section=true /> })}
                    <div class="front__latest">
                        <h2 class="front__latest-title">{w.get("latest").to_string()}</h2>
                        {rest.into_iter().map(|summary| view! { <ArticleCard summary size=CardSize::Compact show_section=true /> }).collect_view()}
                    </div>
                </div>
                {sections}
            </div>
            <Rail label="top_news">
                <LiveStoryList title="top_news" articles=top file=RailFile::TOP.into() ranked=true />
            </Rail>
        </div>
    }
}
