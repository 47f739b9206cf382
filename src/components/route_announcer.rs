//! Moves focus and announces the new page after a client-side navigation.

use crate::browser;
use leptos::prelude::*;

/// After each client-side navigation, once the new page has loaded: moves focus to its
/// `<h1>` and announces its title to screen readers. The first page load is left alone, and
/// so is a reader in a form control: typing a search or ticking a filter rewrites the URL,
/// and must not lose the box (the results count is announced by its own live region).
#[component]
pub fn RouteAnnouncer(
    pending: ReadSignal<bool>,
    is_routing: ReadSignal<bool>,
    announcement: RwSignal<String>,
    /// The first page replaces a prerendered one: it is announced like a navigation, once
    /// it has replaced it.
    takeover: bool,
) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let waiting = RwSignal::new(takeover);
    // A live page taken over in place at its load is the page the reader is on, not a new one.
    let quiet = StoredValue::new(takeover && browser::takeover_in_place());
    Effect::new(move |previous: Option<String>| {
        let here = format!("{}?{}", location.pathname.get(), location.search.get());
        if previous.as_ref().is_some_and(|p| *p != here) {
            waiting.set(true);
        }
        here
    });
    Effect::new(move |_| {
        if waiting.get() && !pending.get() && !is_routing.get() {
            waiting.set(false);
            if quiet.get_value() {
                quiet.set_value(false);
                browser::when_shown(|| ());
                return;
            }
            if browser::focus_in_form_control() && !takeover {
                return;
            }
            // Once the new page and its title are in the document (and, taking over a
            // prerendered page, have replaced it).
            browser::when_shown(move || {
                browser::focus_heading();
                announcement.set(browser::title());
            });
        }
    });
}
