//! Sharing an article: the system share sheet where there is one, else copy-link with a
//! confirmation; plus plain links for e-mail and the big networks.

use crate::context::send;
use crate::words::Words;
use crate::{browser, routes::encode_component};
use leptos::prelude::*;
use std::sync::Arc;

/// Share controls for the page at `path` titled `title`.
#[component]
pub fn Share(
    /// The article headline.
    #[prop(into)]
    title: String,
    /// The absolute URL to share, once known (it depends on where the reader is).
    #[prop(into)]
    url: Signal<String>,
    /// The paper's words (a live part has no paper context).
    words: Arc<Words>,
) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let native = RwSignal::new(false);
    Effect::new(move |_| native.set(browser::can_share()));
    let on_share = {
        let (title, words) = (title.clone(), words.clone());
        move |_| {
            let (title, url, words) = (title.clone(), url.get_untracked(), words.clone());
            leptos::task::spawn_local(send(async move {
                if browser::can_share() {
                    browser::share(&title, &url).await;
                } else if browser::copy(&url).await {
                    status.set(words.get("link_copied").into());
                } else {
                    status.set(words.fill("copy_this_link", &[("url", &url)]));
                }
            }));
        }
    };
    let label_email = words.get("email").to_string();
    let label = words.get("share_this").to_string();
    let link_title = title.clone();
    let link = move |base: &'static str, with_text: bool| {
        let title = link_title.clone();
        move || {
            let u = encode_component(&url.get());
            if with_text {
                format!("{base}{u}&text={}", encode_component(&title))
            } else {
                format!("{base}{u}")
            }
        }
    };
    let mail = {
        let title = title.clone();
        move || {
            format!(
                "mailto:?subject={}&body={}",
                encode_component(&title),
                encode_component(&url.get())
            )
        }
    };
    view! {
        <section class="share" aria-label=label>
            <button type="button" class="share__button" on:click=on_share>
                {move || words.get(if native.get() { "share" } else { "copy_link" }).to_string()}
            </button>
            <a class="share__link" href=mail>{label_email}</a>
            <a class="share__link" href=link("https://twitter.com/intent/tweet?url=", true) target="_blank" rel="noopener noreferrer">"X"</a>
            <a class="share__link" href=link("https://www.facebook.com/sharer/sharer.php?u=", false) target="_blank" rel="noopener noreferrer">"Facebook"</a>
            <a class="share__link" href=link("https://www.linkedin.com/sharing/share-offsite/?url=", false) target="_blank" rel="noopener noreferrer">"LinkedIn"</a>
            <span class="share__status" role="status">{move || status.get()}</span>
        </section>
    }
}
