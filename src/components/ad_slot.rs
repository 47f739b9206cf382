//! A labelled advertisement placeholder that reserves its full size before anything fills it.

use crate::model::Ads;
use leptos::prelude::*;

/// An empty ad slot with a stable `id` an ad script can fill.
/// `kind` is `leaderboard`, `inline` or `sidebar` and sets the reserved size.
#[component]
pub fn AdSlot(
    /// The site's ad settings (label text).
    ads: Ads,
    /// Stable element id, e.g. `ad-inline-1`.
    #[prop(into)]
    id: String,
    /// `leaderboard`, `inline` or `sidebar`.
    kind: &'static str,
) -> impl IntoView {
    let label = ads
        .label
        .unwrap_or_else(|| crate::context::use_words().get("advertisement").to_string());
    view! {
        <aside class=format!("ad-slot ad-slot--{kind}") aria-hidden="true">
            <p class="ad-slot__label">{label}</p>
            <div class="ad-slot__box" id=id data-ad-slot=kind></div>
        </aside>
    }
}
