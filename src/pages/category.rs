//! A section of the paper: `/{category}?page=N`.

use super::{failure_view, listing_data, not_found::NotFound, Listing, Skeleton};
use crate::components::page_meta::PageMeta;
use crate::context::use_ctx;
use crate::related::in_category;
use crate::routes::{self, RESERVED};
use leptos::prelude::*;

/// `/{category}`: the newest articles of one section, paginated.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let ctx = use_ctx();
    let (slug, page, data) = listing_data("category", in_category);
    let set_pending = ctx.set_pending;
    view! {
        <Transition fallback=Skeleton set_pending>
            {move || {
                let ctx = ctx.clone();
                data.get().map(|r| match r {
                    Ok(index) => {
                        let slug = slug.get();
                        let known = ctx.site.categories.iter().any(|c| c.slug == slug);
                        let articles: Vec<_> = in_category(&index, &slug).into_iter().cloned().collect();
                        // An unknown section is shown under its raw slug when articles use it.
                        if RESERVED.contains(&slug.as_str()) || (!known && articles.is_empty()) {
                            return view! { <NotFound /> }.into_any();
                        }
                        let name = ctx.category_name(&slug);
                        let root = ctx.root.clone();
                        let path = routes::category(&ctx.root, &slug, page.get());
                        let href = move |n| routes::category(&root, &slug, n);
                        let args = [("section", name.as_str()), ("site", ctx.site.name.as_str())];
                        let description = ctx.words.fill("section_description", &args);
                        let intro = ctx.words.fill("section_intro", &args);
                        view! {
                            <PageMeta title=name.clone() description path />
                            <Listing
                                title=name.clone()
                                intro
                                articles
                                index
                                page=page.get()
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
