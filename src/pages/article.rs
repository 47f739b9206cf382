//! One article: `/{category}/{slug}`.

use super::{failure_view, not_found::NotFound, Skeleton};
use crate::components::article_body::{ArticleBody, Figure};
use crate::components::live_coverage::{LiveBadge, LiveCoverage};
use crate::components::page_meta::PageMeta;
use crate::components::share::Share;
use crate::components::sidebar::{LiveStoryList, Rail};
use crate::context::{send, use_ctx};
use crate::error::AppError;
use crate::format::reading_minutes;
use crate::intl::DateStyle;
use crate::model::{Article, ArticleSummary, LiveStatus, RailFile};
use crate::related::{for_rail, related, top_news};
use crate::{browser, routes, seo};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/{category}/{slug}`: the article, with top news and related articles beside it.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let ctx = use_ctx();
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("category").unwrap_or_default(),
            p.get("slug").unwrap_or_default(),
        )
    };
    let source = ctx.source.clone();
    let article = Resource::new(key, move |(_, slug)| {
        let source = source.clone();
        send(async move { source.article(&slug).await })
    });
    // The sidebars read the index; when it fails they disappear and the article stays.
    // A prerendered page's rails are left empty, for their live part to fill from the publish
    // step's rail files: the page then depends on its article alone, and a publish rewrites
    // only the pages whose content changed.
    let source = ctx.source.clone();
    let index = Resource::new(
        || (),
        move |_| {
            let source = source.clone();
            send(async move {
                if cfg!(feature = "ssr") {
                    return Vec::new();
                }
                let list = source.latest().await.unwrap_or_default();
                list.into_iter().map(for_rail).collect::<Vec<_>>()
            })
        },
    );
    view! {
        <Transition fallback=Skeleton set_pending=ctx.set_pending>
            {move || article.get().map(|r| match r {
                Ok(a) if a.summary.category == key().0 => view! { <ArticleView article=a index /> }.into_any(),
                // An unknown slug, or a known one under the wrong section, is a missing page.
                Ok(_) | Err(AppError::NotFound { .. }) => view! { <NotFound /> }.into_any(),
                Err(e) => failure_view(e, move || article.refetch()),
            })}
        </Transition>
    }
}

/// The article and its rail.
///
/// ```text
/// Home › Section › Title
/// SECTION
/// Headline (h1)                      ┌ ad ┐
/// Standfirst                         │    │
/// By A · date · updated · 4 min read └────┘
/// [lead picture]                     Top news
/// body … [ad] … body                 Related articles
/// Tags
/// ```
#[component]
fn ArticleView(article: Article, index: Resource<Vec<ArticleSummary>>) -> impl IntoView {
    let ctx = use_ctx();
    let words = article.word_count();
    let Article {
        summary: s,
        body,
        live,
    } = article;
    let section = ctx.category_name(&s.category);
    let section_href = routes::category(&ctx.root, &s.category, 1);
    let published = {
        let (ctx, t) = (ctx.clone(), s.published.clone());
        move || ctx.date(&t, DateStyle::DateTime)
    };
    let updated = s
        .updated
        .clone()
        .filter(|u| u.millis > s.published.millis)
        .map(|u| {
            let ctx = ctx.clone();
            (u.text.clone(), move || ctx.date(&u, DateStyle::DateTime))
        });
    let w = ctx.words.clone();
    let has_live = live.is_some();
    let live_status = RwSignal::new(live.as_ref().map_or(LiveStatus::Ended, |l| l.status));
    let byline = (!s.authors.is_empty()).then(|| w.fill("by", &[("names", &w.list(&s.authors))]));
    let reading = w.count("min_read", reading_minutes(words) as u64, &[]);
    let tags = s
        .tags
        .iter()
        .map(|t| view! { <li><a class="tags__link" href=routes::tag(&ctx.root, t, 1)>{t.clone()}</a></li> })
        .collect_view();
    let description = s.standfirst.clone().unwrap_or_else(|| s.title.clone());
    let path = routes::article(&ctx.root, &s.category, &s.slug);
    let image = s.image.as_ref().map(|i| ctx.source.url(&i.src));
    // The absolute address depends on where the reader is: known once mounted.
    let origin = RwSignal::new(None::<String>);
    Effect::new(move |_| origin.set(browser::origin()));
    let url = {
        let (ctx, path) = (ctx.clone(), path.clone());
        Signal::derive(move || {
            seo::absolute(&ctx.site, &ctx.root, origin.get().as_deref(), &path)
                .unwrap_or_else(|| path.clone())
        })
    };
    let json_ld = {
        let (ctx, s, section, image) = (ctx.clone(), s.clone(), section.clone(), image.clone());
        move || {
            let abs_image = image
                .as_deref()
                .and_then(|i| seo::absolute(&ctx.site, &ctx.root, origin.get().as_deref(), i));
            seo::news_article_json_ld(&ctx.site, &s, &section, &url.get(), abs_image.as_deref())
        }
    };
    let summary = s.clone();
    let rail = move || {
        index.get().map(|list| {
            let top = top_news(&list, 5);
            let near = related(&summary, &list, 4);
            let file = RailFile::related(&summary.slug);
            view! {
                <LiveStoryList title="top_news" articles=top file=RailFile::TOP.into() ranked=true />
                <LiveStoryList title="related" articles=near file />
            }
        })
    };
    view! {
        <PageMeta title=s.title.clone() description path image=image kind="article" />
        <div class="with-rail">
            <article class="article with-rail__main">
                <nav class="breadcrumb" aria-label=w.get("breadcrumb").to_string()>
                    <ol class="breadcrumb__list">
                        <li><a href=routes::home(&ctx.root)>{w.get("home").to_string()}</a></li>
                        <li><a href=section_href.clone()>{section.clone()}</a></li>
                        <li aria-current="page">{s.title.clone()}</li>
                    </ol>
                </nav>
                <header class="article__header">
                    <p class="article__section">
                        {has_live.then(|| view! { <LiveBadge status=live_status />" " })}
                        <a href=section_href>{section}</a>
                    </p>
                    <h1 class="article__title">{s.title.clone()}</h1>
                    {s.standfirst.clone().map(|t| view! { <p class="article__standfirst">{t}</p> })}
                    {byline.map(|b| view! { <p class="article__byline">{b}</p> })}
                    <p class="article__meta">
                        {w.get("published").to_string()}" " <time datetime=s.published.text.clone()>{published}</time>
                        {updated.map(|(text, label)| view! {
                            " · " <span class="article__updated">{w.get("updated").to_string()}" " <time datetime=text>{label}</time></span>
                        })}
                        " · " {reading}
                    </p>
                    <p class="article__print-url">{url}</p>
                </header>
                {s.image.clone().map(|image| view! { <Figure image eager=true /> })}
                <div class="article__body">
                    <ArticleBody blocks=body ads=ctx.site.ads.clone() />
                </div>
                {live.map(|live| view! { <LiveCoverage slug=s.slug.0.clone() live status=live_status /> })}
                <div class="live-share" data-share=s.title.clone()>
                    <Share title=s.title.clone() url words=w.clone() />
                </div>
                <script type="application/ld+json">{json_ld}</script>
                {(!s.tags.is_empty()).then(|| view! {
                    <nav class="tags" aria-label=w.get("tags").to_string()><ul class="tags__list">{tags}</ul></nav>
                })}
            </article>
            <Rail label="more_news">
                <Suspense>{rail}</Suspense>
            </Rail>
        </div>
    }
}
