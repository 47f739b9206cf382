//! `/search`: the query box and the generic filters, all held in the URL.

use super::{failure_view, Skeleton, PER_PAGE};
use crate::components::article_card::{ArticleCard, CardSize};
use crate::components::page_meta::PageMeta;
use crate::components::pagination::Pagination;
use crate::model::ArticleSummary;
use crate::related::paginate;
use crate::search::{run, SearchQuery, Sort};
use crate::{routes, send, use_ctx};
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// The search page. Submitting the filter form navigates to the URL of the new filters.
#[component]
pub fn SearchPage() -> impl IntoView {
    let ctx = use_ctx();
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let map = query_map.read();
        SearchQuery::from_pairs((&*map).into_iter().map(|(k, v)| (k.as_ref(), v)))
    });
    let source = ctx.source.clone();
    // Search reads the whole index; it is loaded once and cached.
    let index = Resource::new(
        || (),
        move |_| {
            let source = source.clone();
            send(async move { source.index_until(|_| false).await })
        },
    );
    let title = move || {
        let q = query.read();
        if q.q.is_empty() {
            "Search".to_string()
        } else {
            format!("Search: {}", q.q)
        }
    };
    view! {
        {move || view! {
            <PageMeta
                title=title()
                description="Search every article, with filters for section, date and where the words appear."
                path=routes::join(&ctx.root, "search")
            />
        }}
        <div class="search">
            <h1 class="search__title">"Search"</h1>
            {move || view! { <Filters query=query.get() /> }}
            <Transition fallback=Skeleton set_pending=ctx.set_pending>
                {move || index.get().map(|r| match r {
                    Ok(list) => view! { <Results list query=query.get() /> }.into_any(),
                    Err(e) => failure_view(e, move || index.refetch()),
                })}
            </Transition>
        </div>
    }
}

/// The filter form, filled in from the current query.
#[component]
fn Filters(query: SearchQuery) -> impl IntoView {
    let ctx = use_ctx();
    let action = routes::join(&ctx.root, "search");
    let field = |name: &'static str, label: &'static str, on: bool| {
        view! {
            <label class="filters__check">
                <input type="checkbox" name="in" value=name checked=on />
                {label}
            </label>
        }
    };
    let categories = ctx
        .site
        .categories
        .iter()
        .map(|c| {
            let on = query.categories.contains(&c.slug);
            view! {
                <label class="filters__check">
                    <input type="checkbox" name="category" value=c.slug.clone() checked=on />
                    {c.name.clone()}
                </label>
            }
        })
        .collect_view();
    let sort = query.sort;
    let filtered = query
        != SearchQuery {
            q: query.q.clone(),
            page: query.page,
            ..Default::default()
        };
    let sort_option = move |value: Sort, label: &'static str| {
        view! { <option value=value.as_str() selected=sort == value>{label}</option> }
    };
    view! {
        <Form action method="GET">
            <div class="filters" role="search">
                <div class="filters__query">
                    <label for="search-q">"Search for"</label>
                    <input id="search-q" type="search" name="q" value=query.q.clone() />
                    <button type="submit">"Search"</button>
                </div>
                <details class="filters__panel" open=filtered>
                    <summary>"Generic filters"</summary>
                    <label class="filters__check">
                        <input type="checkbox" name="exact" value="1" checked=query.exact />
                        "Exact matches only"
                    </label>
                    <fieldset class="filters__group">
                        <legend>"Search in"</legend>
                        {field("title", "Title", query.fields.title)}
                        {field("standfirst", "Standfirst", query.fields.standfirst)}
                        {field("body", "Body", query.fields.body)}
                    </fieldset>
                    <fieldset class="filters__group">
                        <legend>"Categories"</legend>
                        {categories}
                    </fieldset>
                    <fieldset class="filters__group">
                        <legend>"Published"</legend>
                        <label>"From " <input type="date" name="from" value=query.from.clone().unwrap_or_default() /></label>
                        <label>"To " <input type="date" name="to" value=query.to.clone().unwrap_or_default() /></label>
                    </fieldset>
                    <label class="filters__sort">
                        "Sort by "
                        <select name="sort">
                            {sort_option(Sort::Relevance, "Relevance")}
                            {sort_option(Sort::Newest, "Newest first")}
                            {sort_option(Sort::Oldest, "Oldest first")}
                        </select>
                    </label>
                    <button type="submit">"Apply filters"</button>
                </details>
            </div>
        </Form>
    }
}

/// The matching articles for `query`, paginated.
#[component]
fn Results(list: Vec<ArticleSummary>, query: SearchQuery) -> impl IntoView {
    let ctx = use_ctx();
    if query.q.trim().is_empty() {
        return view! { <p class="search__hint">"Type a word or two to search every article."</p> }
            .into_any();
    }
    let hits: Vec<ArticleSummary> = run(&list, &query, |_| None).into_iter().cloned().collect();
    let count = hits.len();
    let cut = paginate(&hits, query.page, PER_PAGE);
    let root = ctx.root.clone();
    let href = move |n| {
        let q = SearchQuery {
            page: n,
            ..query.clone()
        };
        format!("{}?{}", routes::join(&root, "search"), q.to_query_string())
    };
    view! {
        <p class="search__count" role="status">
            {match count {
                0 => "No results. Try fewer words, or widen the filters.".to_string(),
                1 => "1 result".to_string(),
                n => format!("{n} results"),
            }}
        </p>
        <div class="listing">
            {cut.items.into_iter().map(|summary| view! { <ArticleCard summary size=CardSize::Standard show_section=true /> }).collect_view()}
        </div>
        <Pagination number=cut.number total=cut.total_pages href />
    }
    .into_any()
}
