//! `/search`: the query box and the generic filters, every bit of state in the URL.
//!
//! Typing updates the results on every key and replaces the history entry; every other
//! control (and pressing Enter) pushes a new one, so Back/Forward and shared links restore
//! the exact view. Only network work (body shards of the search index, article files)
//! waits for a pause in typing; meanwhile titles and standfirsts answer at once, with a note
//! that the articles' text is still being searched. Bodies are searched through the paper's
//! search index when it has one (`docs/search-index.md`), the snippets of the page shown
//! being loaded after the results; without one, by fetching the article files of a small
//! paper (see [`crate::source::BODY_SEARCH_LIMIT`]).

use super::{failure_view, Skeleton, PER_PAGE};
use crate::components::page_meta::PageMeta;
use crate::components::pagination::Pagination;
use crate::context::{send, use_ctx, use_words};
use crate::model::ArticleSummary;
use crate::related::paginate;
use crate::routes;
use crate::search::{highlight, run_with, snippet, words, Body, Fields, SearchQuery, Sort};
use crate::source::{Corpus, Source};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::collections::HashMap;
use std::time::Duration;

/// How long typing pauses before what a search needs from the network is loaded.
const TYPING_PAUSE: Duration = Duration::from_millis(250);

/// The search page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let ctx = use_ctx();
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let map = query_map.read();
        SearchQuery::from_pairs((&*map).into_iter().map(|(k, v)| (k.as_ref(), v)))
    });
    let source = ctx.source.clone();
    let key = Memo::new(move |_| source.corpus_key(&query.read()));
    // The corpus asked for: the key, once it has held for a pause in typing. A key whose
    // corpus needs no new request (the index alone) is asked for at once.
    let settled = RwSignal::new(key.get_untracked());
    let pause = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let next = key.get();
        if let Some(h) = pause.get_value() {
            h.clear();
        }
        if Source::corpus_is_local(&next) {
            settled.set(next);
        } else {
            let handle = set_timeout_with_handle(move || settled.set(next), TYPING_PAUSE).ok();
            pause.set_value(handle);
        }
    });
    let source = ctx.source.clone();
    let corpus = Resource::new(
        move || settled.get(),
        move |_| {
            let (source, query) = (source.clone(), query.get_untracked());
            send(async move { source.corpus(&query).await })
        },
    );
    let shown = StoredValue::new(query.get_untracked());
    let w = ctx.words.clone();
    let title = {
        let w = w.clone();
        move || {
            let q = query.read();
            if q.q.is_empty() {
                w.get("search").to_string()
            } else {
                w.fill("search_title", &[("q", &q.q)])
            }
        }
    };
    let description = w.get("search_description").to_string();
    view! {
        {move || view! {
            <PageMeta
                title=title()
                description=description.clone()
                path=routes::join(&ctx.root, "search")
            />
        }}
        <div class="search">
            <h1 class="search__title">{w.get("search").to_string()}</h1>
            <Filters query />
            <Transition fallback=Skeleton set_pending=ctx.set_pending>
                {move || corpus.get().map(|r| match r {
                    Ok(corpus) => {
                        let q = query.get();
                        if corpus.key == key.get() {
                            shown.set_value(q.clone());
                            return view! { <Results corpus query=q /> }.into_any();
                        }
                        // The corpus of this query is not here yet (typing, or its body
                        // hits loading). The index is: titles and standfirsts answer now.
                        // Body hits of another query are never mixed in.
                        if q.fields.title || q.fields.standfirst {
                            let local = SearchQuery {
                                fields: Fields { body: false, ..q.fields },
                                ..q.clone()
                            };
                            let searching = q.fields.body && !words(&q.q).is_empty();
                            return view! {
                                {searching.then(|| view! {
                                    <p class="search__note">{use_words().get("searching_bodies").to_string()}</p>
                                })}
                                <Results corpus query=local />
                            }
                            .into_any();
                        }
                        view! { <Results corpus query=shown.get_value() /> }.into_any()
                    }
                    Err(e) => failure_view(e, move || corpus.refetch()),
                })}
            </Transition>
        </div>
    }
}

/// The filter form. Its controls show the URL's filters and write changes back to it.
#[component]
fn Filters(query: Memo<SearchQuery>) -> impl IntoView {
    let ctx = use_ctx();
    // The form's `action` is the full path (a submit before the app runs is a plain GET);
    // the router is given paths below its base, which it adds itself (`/news/` deploys).
    let action = routes::join(&ctx.root, "search");
    let navigate = use_navigate();
    let go = {
        move |q: &SearchQuery, replace: bool| {
            let url = format!("/search?{}", q.to_query_string());
            navigate(
                &url,
                NavigateOptions {
                    replace,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };
    // The box keeps what the reader types; the URL only overrides it when it changes
    // from elsewhere (Back/Forward, a link).
    let text = RwSignal::new(query.get_untracked().q);
    Effect::new(move |_| {
        let q = query.read().q.clone();
        if q.trim() != text.get_untracked().trim() {
            text.set(q);
        }
    });
    let update = {
        let go = go.clone();
        move |change: &dyn Fn(&mut SearchQuery)| {
            let mut q = query.get_untracked();
            q.q = text.get_untracked();
            change(&mut q);
            q.page = 1;
            go(&q, false);
        }
    };
    // Enter in the box, or "Apply filters": the current box and filters, as a new entry.
    let on_submit = {
        let update = update.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            update(&|_| {});
        }
    };
    // Every key: the URL (replacing the entry) and with it the results.
    let on_input = {
        let go = go.clone();
        move |ev: leptos::ev::Event| {
            text.set(event_target_value(&ev));
            let mut q = query.get_untracked();
            q.q = text.get_untracked();
            q.page = 1;
            go(&q, true);
        }
    };
    let w = ctx.words.clone();
    let check = {
        let (update, w) = (update.clone(), w.clone());
        move |name: &'static str,
              value: &'static str,
              key: &'static str,
              get: fn(&SearchQuery) -> bool,
              set: fn(&mut SearchQuery, bool)| {
            let update = update.clone();
            let label = w.get(key).to_string();
            view! {
                <label class="filters__check">
                    <input
                        type="checkbox"
                        name=name
                        value=value
                        prop:checked=move || get(&query.read())
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            update(&|q| set(q, on));
                        }
                    />
                    {label}
                </label>
            }
        }
    };
    let categories = ctx
        .site
        .categories
        .iter()
        .map(|c| {
            let (slug, update) = (c.slug.clone(), update.clone());
            let checked = {
                let slug = slug.clone();
                move || query.read().categories.contains(&slug)
            };
            view! {
                <label class="filters__check">
                    <input
                        type="checkbox"
                        name="category"
                        value=c.slug.clone()
                        prop:checked=checked
                        on:change=move |ev| {
                            let (on, slug) = (event_target_checked(&ev), slug.clone());
                            update(&|q| {
                                q.categories.retain(|s| *s != slug);
                                if on {
                                    q.categories.push(slug.clone());
                                }
                            });
                        }
                    />
                    {c.name.clone()}
                </label>
            }
        })
        .collect_view();
    let date = {
        let (update, w) = (update.clone(), w.clone());
        move |name: &'static str,
              get: fn(&SearchQuery) -> Option<String>,
              set: fn(&mut SearchQuery, Option<String>)| {
            let update = update.clone();
            let label = w.get(name).to_string();
            view! {
                <label class="filters__date">
                    {label}" "
                    <input
                        type="date"
                        name=name
                        prop:value=move || get(&query.read()).unwrap_or_default()
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            update(&|q| set(q, (!v.is_empty()).then(|| v.clone())));
                        }
                    />
                </label>
            }
        }
    };
    let on_sort = {
        let update = update.clone();
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            update(&|q| q.sort = SearchQuery::from_pairs([("sort", v.as_str())]).sort);
        }
    };
    let sort_option = {
        let w = w.clone();
        move |value: Sort, key: &'static str| {
            let label = w.get(key).to_string();
            view! { <option value=value.as_str() selected=move || query.read().sort == value>{label}</option> }
        }
    };
    let t = |key| w.get(key).to_string();
    let open = move || {
        let q = query.read();
        *q != SearchQuery {
            q: q.q.clone(),
            page: q.page,
            ..Default::default()
        }
    };
    view! {
        <form action=action method="GET" on:submit=on_submit>
            <div class="filters" role="search">
                <div class="filters__query">
                    <label for="search-q">{t("search_for")}</label>
                    <input id="search-q" type="search" name="q" autocomplete="off" prop:value=move || text.get() on:input=on_input />
                    <button type="submit">{t("search")}</button>
                </div>
                <details class="filters__panel" open=open>
                    <summary>{t("filters")}</summary>
                    {check("exact", "1", "exact", |q| q.exact, |q, on| q.exact = on)}
                    <fieldset class="filters__group">
                        <legend>{t("search_in")}</legend>
                        {check("in", "title", "field.title", |q| q.fields.title, |q, on| q.fields.title = on)}
                        {check("in", "standfirst", "field.standfirst", |q| q.fields.standfirst, |q, on| q.fields.standfirst = on)}
                        {check("in", "body", "field.body", |q| q.fields.body, |q, on| q.fields.body = on)}
                    </fieldset>
                    <fieldset class="filters__group">
                        <legend>{t("categories")}</legend>
                        {categories}
                    </fieldset>
                    <fieldset class="filters__group">
                        <legend>{t("published")}</legend>
                        {date("from", |q| q.from.clone(), |q, v| q.from = v)}
                        {date("to", |q| q.to.clone(), |q, v| q.to = v)}
                    </fieldset>
                    <label class="filters__sort">
                        {t("sort_by")}" "
                        <select name="sort" on:change=on_sort>
                            {sort_option(Sort::Relevance, "sort.relevance")}
                            {sort_option(Sort::Newest, "sort.newest")}
                            {sort_option(Sort::Oldest, "sort.oldest")}
                        </select>
                    </label>
                    <button type="submit">{t("apply_filters")}</button>
                </details>
            </div>
        </form>
    }
}

/// The matching articles for `query`, highlighted and paginated.
#[component]
fn Results(corpus: Corpus, query: SearchQuery) -> impl IntoView {
    let ctx = use_ctx();
    let terms = words(&query.q);
    if terms.is_empty() {
        return view! { <p class="search__hint">{ctx.words.get("search_hint").to_string()}</p> }
            .into_any();
    }
    let bodies = &corpus.bodies;
    let indexed = corpus.indexed.as_ref();
    let hits: Vec<(usize, &ArticleSummary)> = run_with(
        &corpus.index,
        &corpus.folded,
        &query,
        |doc, a| match indexed {
            Some(hits) => Body::Indexed {
                hits,
                doc: doc as u32,
            },
            None => bodies.get(&*a.slug).map(String::as_str).into(),
        },
    );
    let count = hits.len();
    let cut = paginate(&hits, query.page, PER_PAGE);
    let exact = query.exact;
    let fields = query.fields;
    // Index hits come without their text: the bodies of the page shown that hold a query
    // word are loaded after the results, for their snippets.
    let loaded = RwSignal::new(HashMap::<String, String>::new());
    if let (Some(hits), true) = (indexed, fields.body) {
        let wanted: Vec<String> = cut
            .items
            .iter()
            .filter(|(doc, _)| terms.iter().any(|t| hits.has(t, *doc as u32)))
            .map(|(_, a)| a.slug.to_string())
            .collect();
        let source = ctx.source.clone();
        Effect::new(move |_| {
            let (source, wanted) = (source.clone(), wanted.clone());
            leptos::task::spawn_local(async move {
                let texts = source.body_texts(wanted).await;
                loaded.try_update(|m| m.extend(texts));
            });
        });
    }
    let items = cut
        .items
        .into_iter()
        .map(|(_, a)| {
            let a = a.clone();
            let href = routes::article(&ctx.root, &a.category, &a.slug);
            let (when, exact_time) = ctx.when(&a.published);
            let section = ctx.category_name(&a.category);
            let snip = {
                let (slug, terms) = (a.slug.to_string(), terms.clone());
                let known = bodies.get(&slug).cloned();
                move || {
                    if !fields.body {
                        return None;
                    }
                    let text = known.clone().or_else(|| loaded.with(|m| m.get(&slug).cloned()))?;
                    snippet(&text, &terms, exact, 90).map(|s| {
                        view! { <p class="result__snippet">{marked(&s, &terms, exact)}</p> }
                    })
                }
            };
            let standfirst = a.standfirst.clone().map(|s| marked(&s, &terms, exact));
            view! {
                <article class="result">
                    <p class="card__meta">
                        <span class="card__section">{section}</span>
                        " · "
                        <time datetime=a.published.text.clone() title=exact_time>{when}</time>
                    </p>
                    <h2 class="result__title"><a class="card__link" href=href>{marked(&a.title, &terms, exact)}</a></h2>
                    {standfirst.map(|s| view! { <p class="card__standfirst">{s}</p> })}
                    {snip}
                </article>
            }
        })
        .collect_view();
    let root = ctx.root.clone();
    let w = ctx.words.clone();
    let q_text = query.q.clone();
    let href = move |n| {
        let q = SearchQuery {
            page: n,
            ..query.clone()
        };
        format!("{}?{}", routes::join(&root, "search"), q.to_query_string())
    };
    view! {
        <p class="search__count" role="status">
            {match count {
                0 => w.fill("no_results", &[("q", &q_text)]),
                n => w.count("results", n as u64, &[("q", &q_text)]),
            }}
        </p>
        {corpus.truncated.then(|| view! {
            <p class="search__note">{w.get("truncated").to_string()}</p>
        })}
        {corpus.bodies_skipped.then(|| view! {
            <p class="search__note">{w.get("bodies_need_index").to_string()}</p>
        })}
        <div class="listing">{items}</div>
        <Pagination number=cut.number total=cut.total_pages href />
    }
    .into_any()
}

/// Text with the matches wrapped in `<mark>`.
fn marked(text: &str, terms: &[String], exact: bool) -> impl IntoView {
    highlight(text, terms, exact)
        .into_iter()
        .map(|(piece, hit)| {
            if hit {
                view! { <mark>{piece}</mark> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
}
