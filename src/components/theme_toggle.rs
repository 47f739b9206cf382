//! The dark-mode switch in the masthead; the choice is remembered on this device.

use crate::browser;
use crate::words::Words;
use leptos::prelude::*;
use std::sync::Arc;

/// A toggle button for dark mode. Follows the system until the reader chooses.
#[component]
pub fn ThemeToggle(
    /// The paper's words (a live part has no paper context).
    words: Arc<Words>,
) -> impl IntoView {
    let label = words.get("dark_mode").to_string();
    // `None` until mounted: the server does not know the reader's preference.
    let dark = RwSignal::new(None::<bool>);
    Effect::new(move |_| {
        // Without a choice of the reader's the stylesheet follows the system: touching
        // `<html data-theme>` would restyle the whole page for nothing.
        let stored = browser::stored_dark();
        if let Some(choice) = stored {
            browser::set_theme(choice, false);
        }
        dark.set(Some(stored.unwrap_or_else(browser::prefers_dark)));
    });
    let toggle = move |_| {
        let next = !dark.get_untracked().unwrap_or(false);
        browser::set_theme(next, true);
        dark.set(Some(next));
    };
    view! {
        <button
            type="button"
            class="theme-toggle"
            aria-pressed=move || if dark.get().unwrap_or(false) { "true" } else { "false" }
            on:click=toggle
        >
            <span aria-hidden="true">"◐ "</span>
            {label}
        </button>
    }
}
