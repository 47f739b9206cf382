//! One routed page per file. Each page asks the content source for its data.

pub mod article;
pub mod category;
pub mod home;
pub mod not_found;
pub mod search;
pub mod tag;

use crate::components::error_view::ErrorView;
use crate::error::AppError;
use leptos::prelude::*;
use not_found::NotFound;

/// The view of a failed main-content load: "Page not found" for a 404, else the error
/// with a Retry button.
pub fn failure_view(error: AppError, retry: impl Fn() + Send + Sync + 'static) -> AnyView {
    match error {
        AppError::NotFound { .. } => view! { <NotFound /> }.into_any(),
        error => view! { <ErrorView error on_retry=retry /> }.into_any(),
    }
}

/// Grey placeholder lines shown while a page's first data loads.
#[component]
pub fn Skeleton() -> impl IntoView {
    view! {
        <div class="skeleton" role="status" aria-live="polite">
            <span class="visually-hidden">"Loading…"</span>
            <div class="skeleton__line skeleton__line--title"></div>
            <div class="skeleton__line"></div>
            <div class="skeleton__line"></div>
            <div class="skeleton__block"></div>
            <div class="skeleton__line"></div>
            <div class="skeleton__line skeleton__line--short"></div>
        </div>
    }
}

/// Articles per page of a category or tag listing.
pub const PER_PAGE: usize = 10;

/// A paginated listing (category or tag) with a rail of top news.
#[component]
pub fn Listing(
    /// The page heading.
    title: String,
    /// One line under the heading.
    intro: String,
    /// Every article of the listing, newest first.
    articles: Vec<crate::model::ArticleSummary>,
    /// What top news ranks (the loaded index).
    index: Vec<crate::model::ArticleSummary>,
    /// The page number, 1-based.
    page: usize,
    /// URL of a page number.
    href: impl Fn(usize) -> String + 'static,
) -> impl IntoView {
    use crate::components::{
        ad_slot::AdSlot,
        article_card::{ArticleCard, CardSize},
        pagination::Pagination,
        sidebar::StoryList,
    };
    let ctx = crate::use_ctx();
    let cut = crate::related::paginate(&articles, page, PER_PAGE);
    if page > cut.total_pages {
        return view! { <NotFound /> }.into_any();
    }
    let empty = articles.is_empty();
    let top = crate::related::top_news(&index, 5);
    view! {
        <div class="with-rail">
            <div class="with-rail__main">
                <header class="listing__header">
                    <h1 class="listing__title">{title}</h1>
                    <p class="listing__intro">{intro}</p>
                </header>
                {empty.then(|| view! { <p class="empty">"Nothing has been published here yet."</p> })}
                <div class="listing">
                    {cut.items.into_iter().map(|summary| view! { <ArticleCard summary size=CardSize::Standard /> }).collect_view()}
                </div>
                <Pagination number=cut.number total=cut.total_pages href />
            </div>
            <aside class="with-rail__rail" aria-label="Top news">
                {ctx.site.ads.clone().map(|ads| view! { <AdSlot ads id="ad-sidebar" kind="sidebar" /> })}
                <StoryList title="Top news" articles=top ranked=true />
            </aside>
        </div>
    }
    .into_any()
}
