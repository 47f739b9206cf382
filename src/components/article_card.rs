//! An article teaser: picture, section, headline, standfirst and date.

use crate::context::use_ctx;
use crate::model::{ArticleSummary, Image};
use crate::routes;
use leptos::prelude::*;

/// How much of the article a card shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardSize {
    /// The front page's main story: big picture, big headline, standfirst.
    Lead,
    /// A picture, headline and standfirst.
    Standard,
    /// Headline and date only (lists and sidebars).
    Compact,
}

/// A link to one article.
///
/// ```text
/// ┌────────────┐
/// │  picture   │  (Lead, Standard)
/// └────────────┘
/// SECTION
/// Headline
/// Standfirst      (Lead, Standard)
/// Nov 24, 2026
/// ```
#[component]
pub fn ArticleCard(
    /// The article to show.
    summary: ArticleSummary,
    /// How much to show.
    size: CardSize,
    /// Whether to name the section above the headline.
    #[prop(optional)]
    show_section: bool,
    /// Whether its picture is likely the largest thing of the first screen (a listing's
    /// first card): fetched at once and first, never lazily. A Lead card's always is.
    #[prop(optional)]
    first: bool,
) -> impl IntoView {
    let ctx = use_ctx();
    let href = routes::article(&ctx.root, &summary.category, &summary.slug);
    let when = {
        let (ctx, published) = (ctx.clone(), summary.published.clone());
        Memo::new(move |_| ctx.when(&published))
    };
    let section = show_section.then(|| {
        view! { <p class="card__section">{ctx.category_name(&summary.category)}</p> }
    });
    let picture = (size != CardSize::Compact)
        .then(|| summary.image.clone())
        .flatten()
        .map(|img| view! { <Picture image=img eager=first || size == CardSize::Lead /> });
    let standfirst = (size != CardSize::Compact)
        .then(|| summary.standfirst.clone())
        .flatten()
        .map(|s| view! { <p class="card__standfirst">{s}</p> });
    let class = match size {
        CardSize::Lead => "card card--lead",
        CardSize::Standard => "card card--standard",
        CardSize::Compact => "card card--compact",
    };
    let badge = summary.live.then(|| {
        view! { <span class="badge badge--live">{ctx.words.get("live").to_string()}</span>" " }
    });
    let headline = match size {
        CardSize::Lead => view! { <h2 class="card__title">{badge}<a class="card__link" href=href>{summary.title}</a></h2> }.into_any(),
        _ => view! { <h3 class="card__title">{badge}<a class="card__link" href=href>{summary.title}</a></h3> }.into_any(),
    };
    view! {
        <article class=class>
            {picture}
            <div class="card__text">
                {section}
                {headline}
                {standfirst}
                <p class="card__meta">
                    <time datetime=summary.published.text.clone() data-when="" title=move || when.read().1.clone()>{move || when.read().0.clone()}</time>
                </p>
            </div>
        </article>
    }
}

/// A picture whose box is reserved from its `width`/`height` before it loads.
/// Unsafe sources (anything but http(s) or relative) are not shown.
#[component]
pub fn Picture(
    /// The image as the content gives it (`src` relative to the content base).
    image: Image,
    /// Load at once (above the fold) instead of lazily.
    #[prop(optional)]
    eager: bool,
) -> impl IntoView {
    let ctx = use_ctx();
    routes::is_safe_src(&image.src).then(|| {
        let src = ctx.source.url(&image.src);
        let srcset = image.srcset.as_deref().and_then(|s| ctx.source.srcset(s));
        // The picture is at most the article column wide.
        let sizes = srcset
            .is_some()
            .then_some("(min-width: 980px) 46rem, 100vw");
        view! {
            <img
                class="picture"
                src=src
                srcset=srcset
                sizes=sizes
                alt=image.alt
                width=image.width
                height=image.height
                loading=if eager { "eager" } else { "lazy" }
                decoding="async"
                fetchpriority=if eager { "high" } else { "auto" }
            />
        }
    })
}
