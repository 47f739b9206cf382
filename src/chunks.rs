//! Code a first view does not run, loaded when a reader first needs it.
//!
//! In the split build (`--features split` on wasm32, the release build of `dist/`), each
//! function marked here goes into a WASM chunk of its own, which the browser fetches the
//! first time the function is called (`wasm_split`, post-processed by
//! `scripts/wasm-split-link`; see docs/performance.md). Everywhere else (the prerender step,
//! host tests, `trunk serve`, browser tests) the same functions are ordinary calls, so every
//! caller awaits them the same way.

use crate::error::AppError;
use crate::model::{Article, Category};
use crate::pages::{failure_view, search::SearchPage, Skeleton};
use crate::wordpress::{self as wp, PopularityField};
use leptos::prelude::*;
use serde_json::Value;

/// Calls a function of this module: awaits its chunk in the split build.
macro_rules! chunk_call {
    ($call:expr) => {{
        #[cfg(all(feature = "split", target_arch = "wasm32"))]
        let result = $call.await;
        #[cfg(not(all(feature = "split", target_arch = "wasm32")))]
        let result = $call;
        result
    }};
}

/// `/search`: the page, its filters, the search itself and the index reader.
#[cfg_attr(
    all(feature = "split", target_arch = "wasm32"),
    leptos::wasm_split::wasm_split(search, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn search_page() -> Result<AnyView, AppError> {
    Ok(view! { <SearchPage /> }.into_any())
}

/// The search route: the skeleton while its chunk loads, the app's error view (with Retry)
/// if it cannot.
#[component]
pub fn SearchRoute() -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=Skeleton>
            {move || {
                attempt.track();
                Suspend::new(async move {
                    chunk_call!(search_page()).unwrap_or_else(|error| {
                        failure_view(error, move || attempt.update(|n| *n += 1))
                    })
                })
            }}
        </Suspense>
    }
}

/// WordPress posts mapped to articles, one per post (`None`: a post the paper cannot show).
/// Only a paper whose `site.json` names WordPress runs this.
#[cfg_attr(
    all(feature = "split", target_arch = "wasm32"),
    leptos::wasm_split::wasm_split(wordpress, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn map_posts(
    posts: &[Value],
    known: &[Category],
    popularity: Option<&str>,
) -> Result<Vec<Option<Article>>, AppError> {
    Ok(posts
        .iter()
        .map(|post| wp::article(post, known, popularity))
        .collect())
}

/// [`map_posts`], once its chunk is loaded.
pub async fn wordpress_articles(
    posts: &[Value],
    known: &[Category],
    popularity: PopularityField<'_>,
) -> Result<Vec<Option<Article>>, AppError> {
    chunk_call!(map_posts(posts, known, popularity))
}

/// A chunk that did not load: the network failed, or a deploy replaced it since this page
/// loaded (the page's own code can then no longer load it; a reload gets the new one).
#[cfg(all(feature = "split", target_arch = "wasm32"))]
impl From<leptos::wasm_split::SplitLoaderError> for AppError {
    fn from(error: leptos::wasm_split::SplitLoaderError) -> Self {
        AppError::Network {
            url: "the code of this page".into(),
            message: format!("{error}; if it persists, reload the page"),
        }
    }
}
