//! The page footer: site name, sections, a line about the paper.

use crate::context::use_ctx;
use crate::routes;
use leptos::prelude::*;

/// The footer landmark (`contentinfo`).
#[component]
pub fn Footer() -> impl IntoView {
    let ctx = use_ctx();
    let root = ctx.root.clone();
    let links = ctx
        .site
        .categories
        .iter()
        .map(|c| {
            view! { <li><a href=routes::category(&root, &c.slug, 1)>{c.name.clone()}</a></li> }
        })
        .collect_view();
    view! {
        <footer class="footer">
            <p class="footer__name">{ctx.site.name.clone()}</p>
            <nav aria-label=ctx.words.get("footer").to_string()>
                <ul class="footer__links">{links}</ul>
            </nav>
            <p class="footer__note">{ctx.words.get("footer_note").to_string()}</p>
        </footer>
    }
}
