//! Per-page `<head>` tags: title, description, canonical URL, OpenGraph and Twitter cards.

use crate::context::use_ctx;
use crate::{browser, seo};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

/// The head tags of one page. Absolute URLs use the site's `url`, or the reader's origin
/// once the page is mounted.
#[component]
pub fn PageMeta(
    /// The page title (the site name is appended); empty for the front page.
    #[prop(into)]
    title: String,
    /// One or two sentences about the page.
    #[prop(into)]
    description: String,
    /// The app path of the page, e.g. `/world/a-story`.
    #[prop(into)]
    path: String,
    /// The share picture, as a URL relative to the site or absolute.
    #[prop(optional_no_strip)]
    image: Option<String>,
    /// OpenGraph type: `website` or `article`.
    #[prop(default = "website")]
    kind: &'static str,
) -> impl IntoView {
    let ctx = use_ctx();
    let origin = RwSignal::new(None::<String>);
    Effect::new(move |_| origin.set(browser::origin()));
    let abs = {
        let ctx = ctx.clone();
        move |p: &str| seo::absolute(&ctx.site, &ctx.root, origin.get().as_deref(), p)
    };
    let url = {
        let (abs, path) = (abs.clone(), path.clone());
        Signal::derive(move || abs(&path).unwrap_or_else(|| path.clone()))
    };
    let image = image.map(|i| {
        let abs = abs.clone();
        Signal::derive(move || abs(&i).unwrap_or_else(|| i.clone()))
    });
    let og_title = if title.is_empty() {
        ctx.site.name.clone()
    } else {
        title.clone()
    };
    view! {
        <Title text=title />
        <Meta name="description" content=description.clone() />
        {move || view! { <Link rel="canonical" href=url.get() /> }}
        <Meta property="og:site_name" content=ctx.site.name.clone() />
        <Meta property="og:type" content=kind />
        <Meta property="og:title" content=og_title.clone() />
        <Meta property="og:description" content=description.clone() />
        <Meta property="og:url" content=url />
        <Meta name="twitter:card" content=if image.is_some() { "summary_large_image" } else { "summary" } />
        <Meta name="twitter:title" content=og_title />
        <Meta name="twitter:description" content=description />
        {image.map(|image| view! {
            <Meta property="og:image" content=image />
            <Meta name="twitter:image" content=image />
        })}
    }
}
