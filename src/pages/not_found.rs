//! The "Page not found" view, for unknown paths and unknown slugs.

use crate::context::use_ctx;
use crate::routes;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// A 404 page with links home and to every section.
#[component]
pub fn NotFound() -> impl IntoView {
    let ctx = use_ctx();
    let sections = ctx
        .site
        .categories
        .iter()
        .map(|c| view! { <li><a href=routes::category(&ctx.root, &c.slug, 1)>{c.name.clone()}</a></li> })
        .collect_view();
    let w = |key| ctx.words.get(key).to_string();
    view! {
        <Title text=w("not_found") />
        <Meta name="description" content=w("not_found_description") />
        <section class="not-found">
            <h1 class="not-found__title">{w("not_found")}</h1>
            <p>{w("not_found_text")}</p>
            <p><a class="not-found__home" href=routes::home(&ctx.root)>{w("go_to_front")}</a></p>
            <h2 class="not-found__subtitle">{w("browse_section")}</h2>
            <ul class="not-found__sections">{sections}</ul>
        </section>
    }
}
