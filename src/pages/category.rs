//! A section of the paper: `/{category}?page=N`.

use super::{failure_view, not_found::NotFound, Listing, Skeleton, PER_PAGE};
use crate::related::in_category;
use crate::routes::{self, parse_page, RESERVED};
use crate::{send, use_ctx};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/{category}`: the newest articles of one section, paginated.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let ctx = use_ctx();
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("category").unwrap_or_default();
    let page = move || parse_page(query.read().get("page").as_deref());
    let source = ctx.source.clone();
    let data = Resource::new(
        move || (slug(), page()),
        move |(slug, page)| {
            let source = source.clone();
            send(async move {
                // Load index pages until this page and one more article are in.
                let needed = page * PER_PAGE + 1;
                source
                    .index_until(|list| in_category(list, &slug).len() >= needed)
                    .await
            })
        },
    );
    let view_ctx = ctx.clone();
    view! {
        <Transition fallback=Skeleton set_pending=ctx.set_pending>
            {move || {
                let ctx = view_ctx.clone();
                data.get().map(|r| match r {
                    Ok(index) => {
                        let slug = slug();
                        let known = ctx.site.categories.iter().any(|c| c.slug == slug);
                        let articles: Vec<_> = in_category(&index, &slug).into_iter().cloned().collect();
                        // An unknown section is shown under its raw slug when articles use it.
                        if RESERVED.contains(&slug.as_str()) || (!known && articles.is_empty()) {
                            return view! { <NotFound /> }.into_any();
                        }
                        let name = ctx.category_name(&slug);
                        let root = ctx.root.clone();
                        let href = move |n| routes::category(&root, &slug, n);
                        view! {
                            <Title text=name.clone() />
                            <Meta name="description" content=format!("The latest {name} news from {}.", ctx.site.name) />
                            <Listing
                                title=name.clone()
                                intro=format!("The latest from {name}, newest first.")
                                articles
                                index
                                page=page()
                                href
                            />
                        }
                        .into_any()
                    }
                    Err(e) => failure_view(e, move || data.refetch()),
                })
            }}
        </Transition>
    }
}
