//! Code split into WASM chunks that the browser loads the first time it is called: in the
//! split build (`cfg(split_build)`, set by build.rs for `--features split` on wasm32: the
//! release build of `dist/`), each function marked `#[cfg_attr(split_build, wasm_split(…))]`
//! goes into a chunk of its own (post-processed by `scripts/build/wasm-split-link`; see
//! docs/performance.md).
//! Everywhere else (the publish step, host tests, browser tests) the same functions are
//! ordinary calls, and callers await them the same way through [`chunk_call`].
//!
//! The chunks: the routed pages of [`crate::chunks`], and the WordPress mapping of
//! [`crate::source`].

use crate::error::AppError;

/// Calls a function marked as a split point (its error type [`NotLoaded`]): awaits its chunk
/// in the split build.
macro_rules! chunk_call {
    ($call:expr) => {{
        #[cfg(split_build)]
        let result = $call.await;
        #[cfg(not(split_build))]
        let result = $call;
        result.map_err(|e: $crate::split::NotLoaded| e.0)
    }};
}

pub(crate) use chunk_call;

/// The error of a split function: its chunk did not load. The network failed, or a deploy
/// replaced it since this page loaded (the page's own code can then no longer load it; a
/// reload gets the new one).
pub struct NotLoaded(pub AppError);

#[cfg(split_build)]
impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(error: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded(AppError::Network {
            url: "the code of this page".into(),
            message: format!("{error}; if it persists, reload the page"),
        })
    }
}
