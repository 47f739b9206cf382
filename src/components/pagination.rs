//! Previous / next links for a paginated list.

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
        view! {
            <nav class="pagination" aria-label="Pages">
                {(number > 1).then(|| view! {
                    <a class="pagination__link" rel="prev" href=href(number - 1)><span class="pagination__arrow" aria-hidden="true">"←"</span>" Newer"</a>
                })}
                <span class="pagination__status">{format!("Page {number} of {total}")}</span>
                {(number < total).then(|| view! {
                    <a class="pagination__link" rel="next" href=href(number + 1)>"Older "<span class="pagination__arrow" aria-hidden="true">"→"</span></a>
                })}
            </nav>
        }
    })
}
