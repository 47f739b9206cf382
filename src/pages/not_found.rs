//! The "Page not found" view, for unknown paths and unknown slugs.

use crate::{routes, use_ctx};
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
    view! {
        <Title text="Page not found" />
        <Meta name="description" content="This page does not exist. Try the front page or a section." />
        <section class="not-found">
            <h1 class="not-found__title">"Page not found"</h1>
            <p>"We could not find that page. It may have moved, or the address may be mistyped."</p>
            <p><a class="not-found__home" href=routes::home(&ctx.root)>"Go to the front page"</a></p>
            <h2 class="not-found__subtitle">"Or browse a section"</h2>
            <ul class="not-found__sections">{sections}</ul>
        </section>
    }
}
