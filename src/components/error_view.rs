//! A plain message for content that failed to load, naming what failed, with Retry.

use crate::error::AppError;
use leptos::prelude::*;

/// The reader-facing view of an [`AppError`].
#[component]
pub fn ErrorView(
    /// What went wrong.
    error: AppError,
    /// Called when the reader asks to try again.
    on_retry: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let retry = error.is_retryable();
    let detail = error.to_string();
    let home = use_context::<crate::context::Ctx>()
        .map_or_else(|| "/".to_string(), |c| crate::routes::home(&c.root));
    let words = crate::context::use_words();
    let headline = words.get(error.headline()).to_string();
    let (retry_label, home_label) = (
        words.get("retry").to_string(),
        words.get("go_to_front").to_string(),
    );
    view! {
        <section class="error-view" role="alert">
            <h1 class="error-view__title">{headline}</h1>
            <p class="error-view__detail">{detail}</p>
            {retry.then(|| view! {
                <button class="error-view__retry" type="button" on:click=move |_| on_retry()>
                    {retry_label}
                </button>
            })}
            <p><a href=home>{home_label}</a></p>
        </section>
    }
}
