//! The paper's configuration: `site.json`, its interface words, the masthead weather.

use super::load;
#[cfg(target_arch = "wasm32")]
use super::{fetch_text, DEFAULT_TIMEOUT_MS};
use crate::error::AppError;
use crate::model::{ContentKind, Site, Weather};
use crate::routes::join;
use crate::wordpress as wp;
use crate::words::Words;
use std::sync::Arc;

/// Loads `site.json` from the app root. A WordPress site that lists no categories gets
/// WordPress's own (the most used first) as its navigation.
pub async fn load_site(root: &str) -> Result<Site, AppError> {
    let mut site: Site = load(&join(root, "site.json")).await?;
    if site.content.kind == ContentKind::Wordpress && site.categories.is_empty() {
        let base = crate::routes::under_root(root, &site.content.base);
        match load::<Vec<serde_json::Value>>(&wp::categories_url(&base)).await {
            Ok(values) => {
                site.categories = wp::categories(&values)
                    .into_iter()
                    .map(|c| c.category)
                    .filter(|c| !crate::routes::RESERVED.contains(&c.slug.as_str()))
                    .collect()
            }
            Err(e) => leptos::logging::warn!("WordPress categories: {e}; no navigation"),
        }
    }
    Ok(site)
}

/// The interface words of `site` ([`crate::words`]): its language's table (bundled natively;
/// in the browser fetched from `i18n/<language>.json` beside the app, so a reader loads one
/// language) under the site's `strings`. A table that cannot be loaded leaves English, with a
/// warning: words are never a reason not to show the paper.
pub async fn load_words(root: &str, site: &Site) -> Arc<Words> {
    // The publish step renders a hundred thousand pages of one site: its words are made once.
    #[cfg(not(target_arch = "wasm32"))]
    {
        thread_local! {
            static MADE: std::cell::RefCell<Option<(Site, Arc<Words>)>> = const { std::cell::RefCell::new(None) };
        }
        if let Some(words) = MADE.with(|m| {
            m.borrow()
                .as_ref()
                .filter(|(made_for, _)| {
                    made_for.locale == site.locale && made_for.strings == site.strings
                })
                .map(|(_, words)| words.clone())
        }) {
            return words;
        }
        let words = make_words(root, site).await;
        MADE.with(|m| *m.borrow_mut() = Some((site.clone(), words.clone())));
        words
    }
    #[cfg(target_arch = "wasm32")]
    make_words(root, site).await
}

async fn make_words(root: &str, site: &Site) -> Arc<Words> {
    let language = crate::words::language(&site.locale);
    let table = if crate::words::has_table(&language) {
        words_table(root, &language).await
    } else {
        None
    };
    let (words, warning) = Words::new(&site.locale, table.as_deref(), &site.strings);
    if let Some(warning) = warning {
        leptos::logging::warn!("{warning}");
    }
    Arc::new(words)
}

#[cfg(not(target_arch = "wasm32"))]
async fn words_table(_root: &str, language: &str) -> Option<String> {
    crate::words::bundled(language).map(str::to_string)
}

#[cfg(target_arch = "wasm32")]
async fn words_table(root: &str, language: &str) -> Option<String> {
    let url = join(root, &format!("i18n/{language}.json"));
    fetch_text(&url, DEFAULT_TIMEOUT_MS)
        .await
        .map_err(|e| leptos::logging::warn!("{e}: the interface words are English"))
        .ok()
}

/// Loads the masthead weather from `url` (relative to the app root, or absolute).
pub async fn load_weather(root: &str, url: &str) -> Result<Weather, AppError> {
    load(&crate::routes::under_root(root, url)).await
}
