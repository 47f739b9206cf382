//! The Daily Meridian's pure logic, with neither leptos nor web-sys: the app (the crate at the
//! repository's root) renders it, the publish step and the tools run it natively, and its
//! tests run on the host (`cargo test --workspace`).
//!
//! Modules depend only downward: `text`, `words` and `html` on nothing of this crate;
//! `error` and `format` on `words`; `model` on those; `routes`, `coverage` and `search_index`
//! on the model or the text rules; `search`, `related`, `seo` and `wordpress` on those; and
//! `publish` (the publish step's native work) on all of them.

pub mod coverage;
pub mod error;
pub mod format;
pub mod html;
pub mod model;
pub mod publish;
pub mod related;
pub mod routes;
pub mod search;
pub mod search_index;
pub mod seo;
pub mod text;
pub mod wordpress;
pub mod words;
