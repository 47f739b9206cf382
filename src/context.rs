//! What every page of one paper shares ([`Ctx`]), and the helpers every page uses to reach
//! it.

use crate::source::Source;
use crate::words::Words;
use crate::{intl, model, routes};
use leptos::prelude::*;
use model::Site;
use send_wrapper::SendWrapper;
use std::sync::Arc;

/// What every page of one paper shares.
#[derive(Clone)]
pub struct Ctx {
    /// The publisher's configuration.
    pub site: Arc<Site>,
    /// Where the app is served from: `/`, or `/news/` for a sub-path deploy.
    pub root: Arc<str>,
    /// Where the articles come from.
    pub source: Source,
    /// Set by the main content of a page while its data loads (drives the progress bar).
    pub set_pending: WriteSignal<bool>,
    /// The interface words in the site's language.
    pub words: Arc<Words>,
}

impl Ctx {
    /// A date in the site's locale and time zone ([`intl::format_timestamp`]).
    pub fn date(&self, t: &model::Timestamp, style: intl::DateStyle) -> String {
        intl::format_timestamp(
            t.millis,
            &t.text,
            &self.site.locale,
            self.site.time_zone.as_deref(),
            style,
        )
    }

    /// How long ago, for lists ("3 hours ago"; a date beyond a week, and always in a page
    /// written ahead of time, whose live part says how long ago once it is read), and the
    /// exact time for the `title` shown on hover.
    pub fn when(&self, t: &model::Timestamp) -> (String, String) {
        let exact = self.date(t, intl::DateStyle::DateTime);
        let relative = intl::format_relative(t.millis, intl::now_millis(), &self.site.locale);
        let text = relative.unwrap_or_else(|| self.date(t, intl::DateStyle::Short));
        (text, exact)
    }

    /// The display name of a category slug.
    pub fn category_name(&self, slug: &str) -> String {
        routes::category_name(&self.site, slug).to_string()
    }
}

/// The paper's context; every page is rendered inside `Paper`, which provides it.
pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// The interface words: the paper's, or a live part's (src/live.rs); none (each key shows as
/// itself) outside both.
pub fn use_words() -> Arc<Words> {
    use_context::<Arc<Words>>().unwrap_or_default()
}

/// Runs a browser future inside a `Send` resource (the browser is single-threaded).
pub fn send<F: std::future::Future>(f: F) -> SendWrapper<F> {
    SendWrapper::new(f)
}
