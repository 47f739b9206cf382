//! The dark-mode switch in the masthead; the choice is remembered on this device.

use crate::browser;
use leptos::prelude::*;

/// A toggle button for dark mode. Follows the system until the reader chooses.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    // `None` until mounted: the server does not know the reader's preference.
    let dark = RwSignal::new(None::<bool>);
    Effect::new(move |_| {
        let initial = browser::stored_dark().unwrap_or_else(browser::prefers_dark);
        browser::set_theme(initial, false);
        dark.set(Some(initial));
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
            "Dark mode"
        </button>
    }
}
