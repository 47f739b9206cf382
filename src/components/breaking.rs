//! The breaking-news strip: one story from `breaking.json`, across every page, polled like a
//! live page (a `304` when nothing changed, nothing while the page is hidden), fixed to the
//! bottom of the window (it moves nothing on the page), dismissible per story and remembered
//! on this device. The app's; a prerendered page's loader has a few lines of script for it
//! with the same rules (scripts/build/live-loader.js: in the live parts' WASM it would cost every
//! reader ≈ 7 KB).

use crate::context::send;
use crate::intl::now_millis;
use crate::model::Breaking;
use crate::words::Words;
use crate::{browser, coverage};
use leptos::prelude::*;
use std::sync::Arc;

/// Where this device remembers the dismissed stories, one a line.
const DISMISSED: &str = "meridian-breaking-dismissed";

/// The strip for the story at `url`, checked every `every` ms.
#[component]
pub fn BreakingStrip(
    /// `breaking.json`'s address.
    url: String,
    /// How often to look again, in milliseconds.
    every: u32,
    /// The paper's words.
    words: Arc<Words>,
) -> impl IntoView {
    let story = RwSignal::new(None::<Breaking>);
    let dismissed = RwSignal::new(String::new());
    Effect::new(move |_| {
        dismissed.set(browser::stored(DISMISSED).unwrap_or_default());
        let url = url.clone();
        leptos::task::spawn_local(send(async move {
            let mut failures = 0;
            let mut last = None::<String>;
            loop {
                let mut wait = None;
                browser::until_visible().await;
                match crate::source::fetch_fresh(&url, crate::source::DEFAULT_TIMEOUT_MS).await {
                    Ok(text) => {
                        failures = 0;
                        if last.as_deref() != Some(&text) {
                            story.set(
                                serde_json::from_str::<Option<Breaking>>(&text)
                                    .ok()
                                    .flatten(),
                            );
                            last = Some(text);
                        }
                    }
                    // No file is no story; looked for again far less often.
                    Err(crate::error::AppError::NotFound { .. }) => {
                        story.set(None);
                        wait = Some(coverage::MAX_POLL_MS);
                    }
                    Err(_) => failures += 1,
                }
                let wait = wait.unwrap_or_else(|| coverage::next_poll_ms(every, failures));
                crate::source::sleep(wait).await;
            }
        }));
    });
    let dismiss = move |_| {
        if let Some(key) = story.with_untracked(|s| s.as_ref().map(|s| s.key().to_string())) {
            let all = format!("{}\n{key}", dismissed.get_untracked());
            browser::store(DISMISSED, all.trim_start());
            dismissed.set(all);
        }
    };
    let (label, kicker, close) = (
        words.get("breaking_news").to_string(),
        words.get("breaking").to_string(),
        words.get("dismiss").to_string(),
    );
    move || {
        let shown = story
            .get()
            .filter(|s| s.shows(now_millis(), &dismissed.read()))?;
        let text = match shown.url.filter(|u| crate::routes::is_safe_src(u)) {
            Some(href) => view! { <a class="breaking__link" href=href>{shown.text}</a> }.into_any(),
            None => view! { <span>{shown.text}</span> }.into_any(),
        };
        Some(view! {
            <aside class="breaking" aria-label=label.clone()>
                <strong class="breaking__kicker">{kicker.clone()}</strong>
                {text}
                <button type="button" class="breaking__close" aria-label=close.clone() on:click=dismiss>"×"</button>
            </aside>
        })
    }
}
