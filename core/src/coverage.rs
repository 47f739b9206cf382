//! Live coverage (docs/content-api.md §7): what a poll of a live page brings, which updates a
//! reader sees, and when to poll next. Pure: no leptos, no web-sys; host-tested in
//! `tests/coverage.rs`.

use crate::model::{Block, LiveUpdate};

/// How often a live page polls its article file by default (`site.json` `live_poll_seconds`).
pub const DEFAULT_POLL_MS: u32 = 15_000;

/// The longest wait between two polls, however many failed.
pub const MAX_POLL_MS: u32 = 300_000;

/// The wait before the next poll after `failures` failed ones in a row: `every_ms`, doubled
/// by each failure, at most [`MAX_POLL_MS`].
pub fn next_poll_ms(every_ms: u32, failures: u32) -> u32 {
    let every = every_ms.clamp(1_000, MAX_POLL_MS);
    every.saturating_mul(1 << failures.min(16)).min(MAX_POLL_MS)
}

/// The poll interval a site asks for, in milliseconds: at least 1 s, at most [`MAX_POLL_MS`].
pub fn poll_every_ms(seconds: Option<u32>) -> u32 {
    seconds.map_or(DEFAULT_POLL_MS, |s| {
        s.saturating_mul(1_000).clamp(1_000, MAX_POLL_MS)
    })
}

/// The `id` of an update's element, its link's fragment: `update-<id>`, with anything but
/// ASCII letters, digits, `-` and `_` written as `_` (an id from the content is not trusted
/// to be a valid fragment).
pub fn anchor(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("update-{safe}")
}

/// How many of `fresh` the reader has not been shown: those whose id `shown` lacks.
pub fn count_new(shown: &[LiveUpdate], fresh: &[LiveUpdate]) -> usize {
    fresh
        .iter()
        .filter(|f| !shown.iter().any(|s| s.id == f.id))
        .count()
}

/// The stream a reader sees: the first page as last applied, then the older pages loaded
/// since, without an update twice (one that moved to the first page is shown there).
pub fn stream(first: &[LiveUpdate], older: &[LiveUpdate]) -> Vec<LiveUpdate> {
    let mut all = first.to_vec();
    for update in older {
        if !all.iter().any(|u| u.id == update.id) {
            all.push(update.clone());
        }
    }
    all
}

/// The pinned updates (shown above the stream while pinned) and the others, each in order.
pub fn pinned_first(updates: &[LiveUpdate]) -> (Vec<LiveUpdate>, Vec<LiveUpdate>) {
    updates.iter().cloned().partition(|u| u.pinned)
}

/// The key events, newest first: `(anchor, title)`, the title being the update's own or the
/// start of its first paragraph.
pub fn key_events(updates: &[LiveUpdate]) -> Vec<(String, String)> {
    updates
        .iter()
        .filter(|u| u.key_event)
        .map(|u| (anchor(&u.id), headline(u)))
        .collect()
}

/// An update's title, or the first words of its text (at most 80 characters).
pub fn headline(update: &LiveUpdate) -> String {
    if let Some(title) = update.title.as_ref().filter(|t| !t.trim().is_empty()) {
        return title.trim().to_string();
    }
    let text = update
        .body
        .iter()
        .find_map(|b| match b {
            Block::Paragraph { text } | Block::Heading { text } | Block::Quote { text, .. }
                if !text.trim().is_empty() =>
            {
                Some(text.as_str())
            }
            _ => None,
        })
        .unwrap_or_default();
    let text = text.trim();
    match text.char_indices().nth(80) {
        None => text.to_string(),
        Some((cut, _)) => {
            let head = &text[..cut];
            let head = head.rsplit_once(' ').map_or(head, |(h, _)| h);
            format!("{}…", head.trim_end())
        }
    }
}
