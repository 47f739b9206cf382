//! Previous / next links for a paginated list.

use crate::context::use_words;
use leptos::prelude::*;

/// "Newer" and "Older" links around "Page N of M"; `href(n)` builds the URL of page n.
#[component]
pub fn Pagination(
    /// The current page, 1-based.
    number: usize,
    /// How many pages there are.
    total: usize,
    /// URL of a page number.
    href: impl Fn(usize) -> String,
) -> impl IntoView {
    (total > 1).then(|| {
        let words = use_words();
        let (page, of) = (words.number(number as u64), words.number(total as u64));
        let status = words.fill("page_of", &[("page", &page), ("total", &of)]);
        let (newer, older) = (words.get("newer").to_string(), words.get("older").to_string());
        view! {
            <nav class="pagination" aria-label=words.get("pages").to_string()>
                {(number > 1).then(|| view! {
                    <a class="pagination__link" rel="prev" href=href(number - 1)><span class="pagination__arrow" aria-hidden="true">"←"</span>" "{newer}</a>
                })}
                <span class="pagination__status">{status}</span>
                {(number < total).then(|| view! {
                    <a class="pagination__link" rel="next" href=href(number + 1)>{older}" "<span class="pagination__arrow" aria-hidden="true">"→"</span></a>
                })}
            </nav>
        }
    })
}
