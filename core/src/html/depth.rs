//! A depth cap in front of either parser. HTML parsers look through the whole stack of open
//! elements for some tags, so markup nested 100,000 deep is quadratic: Chromium's `DOMParser`
//! took 26 s and html5ever 100 s on 100,000 nested `<div>`s (docs/decisions/0003). Here the
//! tags that would nest deeper than [`MAX_PARSE_DEPTH`] are taken out of the text before
//! either parser reads it (what they held stays), in one pass.
//!
//! The depth is an estimate from the tags alone, which only ever errs high: a tag inside an
//! attribute value, a comment or a script counts too. Tags of elements that do not nest are
//! not counted: void elements, raw text elements, and those whose end tag a writer may
//! leave out (`p`, `li`, `td`, ...: each closes its predecessor).

use std::borrow::Cow;

/// How deep tags may nest: far past the walk's own cap of [`super::MAX_DEPTH`], far short of
/// where a parser slows down.
pub(super) const MAX_PARSE_DEPTH: usize = 256;

/// `html` with the start and end tags past [`MAX_PARSE_DEPTH`] removed.
pub(super) fn cap_depth(html: &str) -> Cow<'_, str> {
    let mut depth = 0usize;
    let mut out = String::new();
    // What of `html` is copied to `out` already.
    let mut copied = 0;
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        let start = at + found;
        at = start + 1;
        let end_tag = bytes.get(at) == Some(&b'/');
        let name_start = at + usize::from(end_tag);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        // The tag ends at the next `>` (a `>` in a quoted value ends it early: an estimate).
        let Some(close) = html[name_start..].find('>').map(|i| name_start + i) else {
            break;
        };
        at = close + 1;
        if !nests(&name) || (!end_tag && bytes[close - 1] == b'/') {
            continue;
        }
        let deep = if end_tag {
            depth = depth.saturating_sub(1);
            depth >= MAX_PARSE_DEPTH
        } else {
            depth += 1;
            depth > MAX_PARSE_DEPTH
        };
        if deep {
            out.push_str(&html[copied..start]);
            copied = at;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// Whether an element's tags nest (see the module's comment).
fn nests(name: &str) -> bool {
    !super::is_raw_text(name)
        && !matches!(
            name,
            "p" | "li"
                | "dt"
                | "dd"
                | "tr"
                | "td"
                | "th"
                | "thead"
                | "tbody"
                | "tfoot"
                | "caption"
                | "colgroup"
                | "option"
                | "optgroup"
                | "rb"
                | "rt"
                | "rp"
                | "rtc"
                | "html"
                | "head"
                | "body"
                | "area"
                | "base"
                | "br"
                | "col"
                | "embed"
                | "hr"
                | "img"
                | "input"
                | "link"
                | "meta"
                | "source"
                | "track"
                | "wbr"
        )
}
