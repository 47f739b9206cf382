//! Articles carrying one tag: `/tag/{tag}?page=N`.

use super::{failure_view, not_found::NotFound, Listing, Skeleton, PER_PAGE};
use crate::related::with_tag;
use crate::routes::{self, parse_page};
use crate::{send, use_ctx};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/tag/{tag}`: the newest articles with a tag, paginated.
#[component]
pub fn TagPage() -> impl IntoView {
    let ctx = use_ctx();
    let params = use_params_map();
    let query = use_query_map();
    let tag = move || params.read().get("tag").unwrap_or_default();
    let page = move || parse_page(query.read().get("page").as_deref());
    let source = ctx.source.clone();
    let data = Resource::new(
        move || (tag(), page()),
        move |(tag, page)| {
            let source = source.clone();
            send(async move {
                let needed = page * PER_PAGE + 1;
                source
                    .index_until(|list| with_tag(list, &tag).len() >= needed)
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
                        let tag = tag();
                        let articles: Vec<_> = with_tag(&index, &tag).into_iter().cloned().collect();
                        if articles.is_empty() {
                            return view! { <NotFound /> }.into_any();
                        }
                        let root = ctx.root.clone();
                        let title = format!("Tagged “{tag}”");
                        let href = {
                            let tag = tag.clone();
                            move |n| routes::tag(&root, &tag, n)
                        };
                        view! {
                            <Title text=title.clone() />
                            <Meta name="description" content=format!("Articles about {tag} from {}.", ctx.site.name) />
                            <Listing
                                title
                                intro=format!("Every article about {tag}, newest first.")
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
