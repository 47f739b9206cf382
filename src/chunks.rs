//! The routed pages whose code is a WASM chunk of its own, loaded when a reader first needs
//! it (see [`crate::split`]).
//!
//! In the split build (`--features split` on wasm32, the release build of `dist/`), each
//! function marked here goes into a WASM chunk of its own, which the browser fetches the
//! first time the function is called (`wasm_split`, post-processed by
//! `scripts/build/wasm-split-link`; see docs/performance.md). Everywhere else (the publish step,
//! host tests, browser tests) the same functions are ordinary calls, and callers await them
//! the same way.

use crate::error::AppError;
use crate::pages::{
    category::CategoryPage, failure_view, home::HomePage, search::SearchPage, tag::TagPage,
    Skeleton,
};
use crate::routes::{page_kind, PageKind};
use crate::split::{chunk_call, NotLoaded};
use leptos::prelude::*;
use leptos_router::LazyRoute;
use std::future::Future;

/// Declares a routed page whose code is a chunk of its own: `$chunk` renders the page once
/// its chunk is loaded, and `$route` is the lazy route the router shows
/// (`Lazy::<$route>::new()`). The router keeps the previous page, with the progress bar,
/// until the new one is ready.
macro_rules! routed_chunk {
    ($(#[$doc:meta])* $route:ident, $chunk:ident, $preload:ident, $page:ident) => {
        #[cfg_attr(
            split_build,
            leptos::wasm_split::wasm_split(
                $chunk,
                wasm_split_path = ::leptos::wasm_split,
                fallible,
                preload($preload)
            )
        )]
        fn $chunk() -> Result<AnyView, NotLoaded> {
            Ok(view! { <$page /> }.into_any())
        }

        $(#[$doc])*
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_: Self) -> AnyView {
                match chunk_call!($chunk()) {
                    Ok(page) => page,
                    Err(error) => retry_view(error, || async { chunk_call!($chunk()) }),
                }
            }
        }
    };
}

routed_chunk!(
    /// `/search`: the page, its filters, the search itself and the index reader.
    SearchRoute, search_page, preload_search, SearchPage
);
routed_chunk!(
    /// `/`: the front page.
    HomeRoute, home_page, preload_home, HomePage
);
routed_chunk!(
    /// `/{category}`: a section.
    CategoryRoute, category_page, preload_category, CategoryPage
);
routed_chunk!(
    /// `/tag/{tag}`: a tag listing.
    TagRoute, tag_page, preload_tag, TagPage
);

/// Starts loading the chunk of the page at `url` in the background, when a reader is about
/// to go there (see [`crate::browser::on_intent`]): the page then opens without waiting for
/// its code. Each chunk is asked for once; a failed load is asked for again next time.
pub fn prefetch(root: &str, url: &str) {
    use std::sync::atomic::{AtomicU8, Ordering::Relaxed};
    static ASKED: AtomicU8 = AtomicU8::new(0);
    let kind = page_kind(root, url);
    let bit = 1u8 << kind as u8;
    if matches!(kind, PageKind::Article | PageKind::Other)
        || ASKED.fetch_or(bit, Relaxed) & bit != 0
    {
        return;
    }
    leptos::task::spawn_local(async move {
        if load(kind).await.is_err() {
            ASKED.fetch_and(!bit, Relaxed);
        }
    });
}

/// Loads the chunk a page of this kind needs (none for an article: it is in the main module).
async fn load(kind: PageKind) -> Result<(), NotLoaded> {
    #[cfg(split_build)]
    match kind {
        PageKind::Home => preload_home().await?,
        PageKind::Section => preload_category().await?,
        PageKind::Tag => preload_tag().await?,
        PageKind::Search => preload_search().await?,
        PageKind::Article | PageKind::Other => {}
    }
    #[cfg(not(split_build))]
    let _ = kind;
    Ok(())
}

/// A page whose chunk did not load: the app's error view, whose Retry loads it again in
/// place (a failed load is not remembered), with the skeleton meanwhile.
fn retry_view<F>(error: AppError, load: impl Fn() -> F + Send + Sync + 'static) -> AnyView
where
    F: Future<Output = Result<AnyView, AppError>> + Send + 'static,
{
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=Skeleton>
            {move || {
                let first = attempt.get() == 0;
                let (error, page) = (error.clone(), (!first).then(&load));
                Suspend::new(async move {
                    let result = match page {
                        Some(page) => page.await,
                        None => Err(error),
                    };
                    result.unwrap_or_else(|error| {
                        failure_view(error, move || attempt.update(|n| *n += 1))
                    })
                })
            }}
        </Suspense>
    }
    .into_any()
}
