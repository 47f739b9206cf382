//! The body of an article: every block type of the contract, with in-article ad slots.

use crate::components::{ad_slot::AdSlot, article_card::Picture, html_nodes::HtmlNodes};
use crate::html::sanitize;
use crate::model::{ad_positions, Ads, Block};
use leptos::prelude::*;

/// The blocks in reading order; an ad slot after every `ads.in_article_every` paragraphs.
#[component]
pub fn ArticleBody(
    /// The body blocks (unknown types were already skipped when decoding).
    blocks: Vec<Block>,
    /// Ad settings; `None` places no slots.
    ads: Option<Ads>,
) -> impl IntoView {
    let slots = ads
        .as_ref()
        .map(|a| ad_positions(&blocks, a.in_article_every))
        .unwrap_or_default();
    let mut n = 0;
    blocks
        .into_iter()
        .enumerate()
        .map(|(i, block)| {
            let ad = (slots.contains(&i)).then(|| {
                n += 1;
                let ads = ads.clone().unwrap_or_default();
                view! { <AdSlot ads id=format!("ad-inline-{n}") kind="inline" /> }
            });
            view! { {block_view(block)} {ad} }
        })
        .collect_view()
}

fn block_view(block: Block) -> AnyView {
    match block {
        Block::Paragraph { text } => view! { <p>{text}</p> }.into_any(),
        Block::Heading { text } => view! { <h2 class="body__heading">{text}</h2> }.into_any(),
        Block::Quote { text, cite } => view! {
            <blockquote class="body__quote">
                <p>{text}</p>
                {cite.map(|c| view! { <footer><cite>{c}</cite></footer> })}
            </blockquote>
        }
        .into_any(),
        Block::List { items, ordered } => {
            let items = items
                .into_iter()
                .map(|i| view! { <li>{i}</li> })
                .collect_view();
            if ordered {
                view! { <ol class="body__list">{items}</ol> }.into_any()
            } else {
                view! { <ul class="body__list">{items}</ul> }.into_any()
            }
        }
        Block::Image(image) => view! { <Figure image /> }.into_any(),
        Block::Html { html } => view! {
            <div class="body__html"><HtmlNodes nodes=sanitize(&html) /></div>
        }
        .into_any(),
    }
}

/// A picture with its caption and credit.
#[component]
pub fn Figure(
    /// The image with optional caption and credit.
    image: crate::model::Image,
    /// Load at once (the lead image) instead of lazily.
    #[prop(optional)]
    eager: bool,
) -> impl IntoView {
    let (caption, credit) = (image.caption.clone(), image.credit.clone());
    let has_text = caption.is_some() || credit.is_some();
    view! {
        <figure class="figure">
            <Picture image eager />
            {has_text.then(|| view! {
                <figcaption class="figure__caption">
                    {caption}
                    {credit.map(|c| view! { " " <span class="figure__credit">{c}</span> })}
                </figcaption>
            })}
        </figure>
    }
}
