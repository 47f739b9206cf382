//! Articles carrying one tag: `/tag/{tag}?page=N`.

use super::{failure_view, listing_data, not_found::NotFound, Listing, Skeleton};
use crate::components::page_meta::PageMeta;
use crate::context::use_ctx;
use crate::related::with_tag;
use crate::routes;
use leptos::prelude::*;

/// `/tag/{tag}`: the newest articles with a tag, paginated.
#[component]
pub fn TagPage() -> impl IntoView {
    let ctx = use_ctx();
    let (tag, page, data) = listing_data("tag", with_tag);
    let set_pending = ctx.set_pending;
    view! {
        <Transition fallback=Skeleton set_pending>
            {move || {
                let ctx = ctx.clone();
                data.get().map(|r| match r {
                    Ok(index) => {
                        let tag = tag.get();
                        let articles: Vec<_> = with_tag(&index, &tag).into_iter().cloned().collect();
                        if articles.is_empty() {
                            return view! { <NotFound /> }.into_any();
                        }
                        let args = [("tag", tag.as_str()), ("site", ctx.site.name.as_str())];
                        let title = ctx.words.fill("tag_title", &args);
                        let description = ctx.words.fill("tag_description", &args);
                        let intro = ctx.words.fill("tag_intro", &args);
                        let root = ctx.root.clone();
                        let path = routes::tag(&ctx.root, &tag, page.get());
                        let href = move |n| routes::tag(&root, &tag, n);
                        view! {
                            <PageMeta title=title.clone() description path />
                            <Listing title intro articles index page=page.get() href />
                        }
                        .into_any()
                    }
                    Err(e) => failure_view(e, move || data.refetch()),
                })
            }}
        </Transition>
    }
}
