//! One routed page per file. Each page asks the content source for its data.

pub mod article;
pub mod category;
pub mod home;
pub mod not_found;
pub mod search;
pub mod tag;

use crate::components::error_view::ErrorView;
use crate::error::AppError;
use crate::model::ArticleSummary;
use leptos::prelude::*;
use not_found::NotFound;

/// The view of a failed main-content load: the error, naming what failed, with Retry.
pub fn failure_view(error: AppError, retry: impl Fn() + Send + Sync + 'static) -> AnyView {
    view! { <ErrorView error on_retry=retry /> }.into_any()
}

/// Grey placeholder lines shown while a page's first data loads.
#[component]
pub fn Skeleton() -> impl IntoView {
    view! {
        <div class="skeleton" role="status" aria-live="polite">
            <span class="visually-hidden">{crate::context::use_words().get("loading").to_string()}</span>
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
    articles: Vec<ArticleSummary>,
    /// What top news ranks (the loaded index).
    index: Vec<ArticleSummary>,
    /// The page number, 1-based.
    page: usize,
    /// URL of a page number.
    href: impl Fn(usize) -> String + 'static,
) -> impl IntoView {
    use crate::components::{
        article_card::{ArticleCard, CardSize},
        pagination::Pagination,
        sidebar::{LiveStoryList, Rail},
    };
    use crate::model::RailFile;
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
                {empty.then(|| view! { <p class="empty">{crate::context::use_words().get("nothing_here").to_string()}</p> })}
                <div class="listing">
                    {cut.items.into_iter().enumerate().map(|(i, summary)| view! { <ArticleCard summary size=CardSize::Standard first=i == 0 /> }).collect_view()}
                </div>
                <Pagination number=cut.number total=cut.total_pages href />
            </div>
            <Rail label="top_news">
                <LiveStoryList title="top_news" articles=top file=RailFile::TOP.into() ranked=true />
            </Rail>
        </div>
    }
    .into_any()
}

/// The loaded index prefix, or why it failed.
pub type IndexResource = Resource<Result<Vec<ArticleSummary>, AppError>>;

/// Picks the articles of a listing (a category, a tag) out of the index, newest first.
pub type Pick = for<'a> fn(&'a [ArticleSummary], &str) -> Vec<&'a ArticleSummary>;

/// The reactive inputs and data of a listing route: the route parameter `param`, the page
/// number from `?page=N`, and the index loaded until that page and one more article that
/// `pick` selects are in (so a sharded index is read only as far as the page needs).
pub fn listing_data(param: &'static str, pick: Pick) -> (Memo<String>, Memo<usize>, IndexResource) {
    use leptos_router::hooks::{use_params_map, use_query_map};
    let params = use_params_map();
    let query = use_query_map();
    let key = Memo::new(move |_| params.read().get(param).unwrap_or_default());
    let page = Memo::new(move |_| crate::routes::parse_page(query.read().get("page").as_deref()));
    let source = crate::context::use_ctx().source;
    let data = Resource::new(
        move || (key.get(), page.get()),
        move |(key, page)| {
            let source = source.clone();
            crate::context::send(async move {
                let needed = page * PER_PAGE + 1;
                source
                    .index_until(|list| pick(list, &key).len() >= needed)
                    .await
            })
        },
    );
    (key, page, data)
}
