//! The WordPress mapping as a WASM chunk of its own: only a WordPress paper loads it
//! (see [`crate::split`]).

use crate::error::AppError;
use crate::model::{Article, Category};
use crate::split::{chunk_call, NotLoaded};
use crate::wordpress as wp;
use serde_json::Value;

/// WordPress posts mapped to articles, one per post (`None`: a post the paper cannot show).
/// Only a paper whose `site.json` names WordPress runs this.
#[cfg_attr(
    split_build,
    leptos::wasm_split::wasm_split(wordpress, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn map_posts(
    posts: &[Value],
    known: &[Category],
    popularity: Option<&str>,
) -> Result<Vec<Option<Article>>, NotLoaded> {
    Ok(posts
        .iter()
        .map(|post| wp::article(post, known, popularity))
        .collect())
}

/// [`map_posts`], once its chunk is loaded.
pub async fn wordpress_articles(
    posts: &[Value],
    known: &[Category],
    popularity: Option<&str>,
) -> Result<Vec<Option<Article>>, AppError> {
    chunk_call!(map_posts(posts, known, popularity))
}
