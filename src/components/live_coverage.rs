//! A live page's updates (docs/content-api.md §7): "Key events", pinned updates, the stream
//! newest first, "Load older updates"; and, while the coverage runs and the page is visible,
//! the article file polled for new ones.
//!
//! New updates never move what the reader sees: they go in by themselves while the stream is
//! below the window (the reader has not reached it), and otherwise wait behind a "3 new
//! updates" button fixed to the window (no layout shift), announced once, politely.

use crate::browser;
use crate::components::{ad_slot::AdSlot, article_body::ArticleBody};
use crate::context::{send, use_ctx, Ctx};
use crate::coverage::{self, anchor, count_new, key_events, next_poll_ms, pinned_first};
use crate::model::{Live, LiveStatus, LiveUpdate};
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The id of the stream's element.
const STREAM: &str = "live-stream";

/// How many older pages a link to an update may load to find it.
const OLDER_PAGES_FOR_A_LINK: usize = 20;

/// The live part of the article `slug`, as of `live`; `status` is the coverage's, which a
/// poll may end (the article's header shows it).
#[component]
pub fn LiveCoverage(slug: String, live: Live, status: RwSignal<LiveStatus>) -> impl IntoView {
    let ctx = use_ctx();
    let w = ctx.words.clone();
    // The first page as shown, the older pages loaded since, and a fresher first page that
    // waits for the reader.
    let first = RwSignal::new(live.updates);
    let older = RwSignal::new(Vec::<LiveUpdate>::new());
    let next_older = RwSignal::new(live.older);
    let waiting = RwSignal::new(None::<Vec<LiveUpdate>>);
    let announcement = RwSignal::new(String::new());
    let older_failed = RwSignal::new(false);
    let loading_older = RwSignal::new(false);
    let stream = Memo::new(move |_| coverage::stream(&first.read(), &older.read()));
    let waiting_count = Memo::new(move |_| {
        waiting.with(|f| f.as_ref().map_or(0, |f| count_new(&stream.read(), f)))
    });

    let load_older = {
        let ctx = ctx.clone();
        move || {
            let (ctx, file) = (ctx.clone(), next_older.get_untracked());
            let Some(file) = file else { return };
            loading_older.set(true);
            leptos::task::spawn_local(send(async move {
                match ctx.source.older_updates(&file).await {
                    Ok(page) => {
                        older.update(|o| o.extend(page.updates));
                        next_older.set(page.older);
                        older_failed.set(false);
                    }
                    Err(e) => {
                        leptos::logging::warn!("older updates: {e}");
                        older_failed.set(true);
                    }
                }
                loading_older.set(false);
            }));
        }
    };

    // A link to an update not on the first page: older pages are loaded until it is found.
    {
        let ctx = ctx.clone();
        Effect::new(move |_| {
            let Some(wanted) = browser::fragment().filter(|f| f.starts_with("update-")) else {
                return;
            };
            let ctx = ctx.clone();
            leptos::task::spawn_local(send(async move {
                for _ in 0..OLDER_PAGES_FOR_A_LINK {
                    let found =
                        stream.with_untracked(|s| s.iter().any(|u| anchor(&u.id) == wanted));
                    let file = next_older.get_untracked();
                    match (found, file) {
                        (false, Some(file)) => match ctx.source.older_updates(&file).await {
                            Ok(page) => {
                                older.update(|o| o.extend(page.updates));
                                next_older.set(page.older);
                            }
                            Err(_) => break,
                        },
                        (true, _) => {
                            browser::when_shown(move || browser::show_element(&wanted));
                            break;
                        }
                        (false, None) => break,
                    }
                }
            }));
        });
    }

    // Polling, in the browser, while the coverage runs.
    if cfg!(target_arch = "wasm32") && live.status == LiveStatus::Live {
        let stopped = Arc::new(AtomicBool::new(false));
        on_cleanup({
            let stopped = stopped.clone();
            move || stopped.store(true, Ordering::Relaxed)
        });
        let every = coverage::poll_every_ms(ctx.site.live_poll_seconds);
        let poll = Poll {
            ctx: ctx.clone(),
            slug,
            status,
            first,
            next_older,
            waiting,
            announcement,
            older_loaded: Signal::derive(move || !older.read().is_empty()),
            stream,
        };
        Effect::new(move |_| {
            let (poll, stopped) = (poll.clone(), stopped.clone());
            leptos::task::spawn_local(send(async move { poll.run(every, &stopped).await }));
        });
    }

    let (pinned, rest) = {
        let split = Memo::new(move |_| pinned_first(&stream.read()));
        (
            move || split.read().0.clone(),
            move || split.read().1.clone(),
        )
    };
    let events = move || key_events(&stream.read());
    let show_waiting = move |_| {
        if let Some(fresh) = waiting.get_untracked() {
            first.set(fresh);
            waiting.set(None);
            browser::when_shown(|| browser::show_element(STREAM));
        }
    };
    let new_label = {
        let w = w.clone();
        move || w.count("new_updates", waiting_count.get() as u64, &[])
    };
    let key_label = w.get("key_events").to_string();
    let key_title = key_label.clone();
    let load_label = w.get("load_older").to_string();
    let failed_label = w.get("older_failed").to_string();
    let ctx_pinned = ctx.clone();
    view! {
        <section
            class="live"
            aria-label=w.get("live_updates").to_string()
            data-live-status=move || if status.get() == LiveStatus::Live { "live" } else { "ended" }
        >
            <Show when=move || !events().is_empty()>
                <nav class="key-events" aria-label=key_label.clone()>
                    <h2 class="key-events__title">{key_title.clone()}</h2>
                    <ol class="key-events__list">
                        {move || events().into_iter().map(|(id, title)| view! {
                            <li><a href=format!("#{id}")>{title}</a></li>
                        }).collect_view()}
                    </ol>
                </nav>
            </Show>
            <div class="live__pinned">
                {move || pinned().into_iter().map(|u| view! { <UpdateView update=u ctx=ctx_pinned.clone() /> }).collect_view()}
            </div>
            <ol class="live__stream" id=STREAM tabindex="-1">
                {move || {
                    let ctx = ctx.clone();
                    let every = ctx.site.ads.as_ref().map(|a| a.in_article_every.max(1) as usize);
                    rest().into_iter().enumerate().map(|(i, u)| {
                        let ad = every.filter(|e| (i + 1) % e == 0).and(ctx.site.ads.clone()).map(|ads| {
                            view! { <li class="live__ad"><AdSlot ads id=format!("ad-live-{}", i + 1) kind="inline" /></li> }
                        });
                        view! { <li><UpdateView update=u ctx=ctx.clone() /></li> {ad} }
                    }).collect_view()
                }}
            </ol>
            <Show when=move || next_older.read().is_some()>
                <button type="button" class="live__older" disabled=move || loading_older.get() on:click={
                    let load_older = load_older.clone();
                    move |_| load_older()
                }>
                    {load_label.clone()}
                </button>
            </Show>
            <Show when=move || older_failed.get()>
                <p class="live__failed" role="alert">{failed_label.clone()}</p>
            </Show>
            <Show when=move || { waiting_count.get() > 0 }>
                <button type="button" class="live__new" on:click=show_waiting>{new_label.clone()}</button>
            </Show>
            <p class="visually-hidden" role="status" aria-live="polite">{move || announcement.get()}</p>
        </section>
    }
}

/// "Live" while the coverage runs, "Ended" once it has.
#[component]
pub fn LiveBadge(status: RwSignal<LiveStatus>) -> impl IntoView {
    let words = use_ctx().words;
    move || {
        let (class, key) = match status.get() {
            LiveStatus::Live => ("badge badge--live", "live"),
            LiveStatus::Ended => ("badge badge--ended", "ended"),
        };
        view! { <span class=class>{words.get(key).to_string()}</span> }
    }
}

/// One update: its time (relative, the exact time on hover), title, blocks and a link to it.
#[component]
fn UpdateView(update: LiveUpdate, ctx: Ctx) -> impl IntoView {
    let id = anchor(&update.id);
    // How long ago within a week; past that the day and the time (a live page's updates
    // come hours apart, not days).
    let exact = ctx.date(&update.published, crate::intl::DateStyle::DateTime);
    let relative = crate::intl::format_relative(
        update.published.millis,
        crate::intl::now_millis(),
        &ctx.site.locale,
    )
    .unwrap_or_else(|| exact.clone());
    let link = format!("#{id}");
    let title = update
        .title
        .clone()
        .map(|t| view! { <h3 class="update__title">{t}</h3> });
    let pinned = update
        .pinned
        .then(|| view! { <span class="badge">{ctx.words.get("pinned").to_string()}</span> });
    view! {
        <article class="update" class:update--pinned=update.pinned id=id tabindex="-1">
            <p class="update__meta">
                {pinned}
                <time datetime=update.published.text.clone() data-when="" title=exact>{relative}</time>
            </p>
            {title}
            <div class="update__body">
                <ArticleBody blocks=update.body ads=None />
            </div>
            <a class="update__link" href=link>{ctx.words.get("update_link").to_string()}</a>
        </article>
    }
}

/// What the poll reads and writes.
#[derive(Clone)]
struct Poll {
    ctx: Ctx,
    slug: String,
    status: RwSignal<LiveStatus>,
    first: RwSignal<Vec<LiveUpdate>>,
    next_older: RwSignal<Option<String>>,
    waiting: RwSignal<Option<Vec<LiveUpdate>>>,
    announcement: RwSignal<String>,
    older_loaded: Signal<bool>,
    stream: Memo<Vec<LiveUpdate>>,
}

impl Poll {
    /// Polls every `every` ms while the page is visible, backing off after failures, until
    /// the coverage ends or the page goes (`stopped`).
    async fn run(&self, every: u32, stopped: &AtomicBool) {
        let mut last = String::new();
        let mut failures = 0;
        loop {
            crate::source::sleep(next_poll_ms(every, failures)).await;
            browser::until_visible().await;
            if stopped.load(Ordering::Relaxed) {
                return;
            }
            let answer = self.ctx.source.poll_article(&self.slug).await;
            if stopped.load(Ordering::Relaxed) {
                return;
            }
            match answer {
                // Unchanged (a `304` for the network): nothing to do.
                Ok(text) if text == last => failures = 0,
                Ok(text) => match self.ctx.source.article_from_file(&self.slug, &text) {
                    Ok(article) => {
                        failures = 0;
                        last = text;
                        if let Some(live) = article.live {
                            self.apply(live);
                        }
                    }
                    // A damaged answer leaves the page as it is; the next poll may mend it.
                    Err(e) => {
                        leptos::logging::warn!("live poll: {e}");
                        failures += 1;
                    }
                },
                Err(e) => {
                    leptos::logging::warn!("live poll: {e}");
                    failures += 1;
                }
            }
            if self.status.get_untracked() == LiveStatus::Ended {
                return;
            }
        }
    }

    /// Shows a fresher first page, or keeps it for the button.
    fn apply(&self, live: Live) {
        self.status.set(live.status);
        if !self.older_loaded.get_untracked() {
            self.next_older.set(live.older);
        }
        let new = self.stream.with_untracked(|s| count_new(s, &live.updates));
        if new == 0 || browser::is_below_view(STREAM) {
            self.first.set(live.updates);
            self.waiting.set(None);
        } else {
            self.waiting.set(Some(live.updates));
        }
        if new > 0 {
            let words = &self.ctx.words;
            self.announcement
                .set(words.count("new_updates", new as u64, &[]));
        }
    }
}
