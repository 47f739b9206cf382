//! A server-rendered page made static. leptos marks the places of text and of empty views
//! with comments (`<!>`, `<!--<() />-->`) for hydration; a prerendered page is never hydrated
//! (the app renders every route afresh when it takes over: docs/decisions/0004-static-first-pages.md),
//! so they are bytes and DOM nodes for nothing: ≈ 200 comment nodes and 0.7 KB on an article
//! page.

/// The markers leptos writes.
const MARKERS: [&str; 2] = ["<!>", "<!--<() />-->"];

/// `html` without leptos' hydration markers. Only markup is touched: the same characters in
/// an attribute's value or in a raw-text element (`script`, `style`, `textarea`, `title`, …:
/// `crate::html::is_raw_text`) stay, and text holds none (a `<` in text is written `&lt;`).
pub fn without_markers(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if let Some(marker) = MARKERS.iter().find(|m| rest.starts_with(**m)) {
            rest = &rest[marker.len()..];
            continue;
        }
        // A tag (or a doctype, a comment): copied to its `>` outside quotes, and a raw-text
        // element's content with it.
        let end = tag_end(rest);
        let (tag, after) = rest.split_at(end);
        out.push_str(tag);
        rest = after;
        if let Some(name) = start_tag_name(tag).filter(|n| crate::html::is_raw_text(n)) {
            let close = find_ignore_case(rest, &format!("</{name}")).unwrap_or(rest.len());
            out.push_str(&rest[..close]);
            rest = &rest[close..];
        }
    }
    out.push_str(rest);
    out
}

/// The length of the tag at the start of `s` (which starts with `<`), to just after its `>`
/// outside a quoted value; all of `s` if it has none.
fn tag_end(s: &str) -> usize {
    let mut quote = None;
    for (i, b) in s.bytes().enumerate().skip(1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// The lower-case name of the start tag `tag` (`<SCRIPT type=…>`: `script`); `None` for an
/// end tag, a comment or a doctype.
fn start_tag_name(tag: &str) -> Option<String> {
    let name: String = tag[1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        .then(|| name.to_ascii_lowercase())
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::without_markers;

    #[test]
    fn the_markers_go_from_markup() {
        assert_eq!(
            without_markers(
                "<body><!--<() />--><p class=\"a\">Hello<!> world<!></p><!><ul><li>x<!></li></ul></body>"
            ),
            "<body><p class=\"a\">Hello world</p><ul><li>x</li></ul></body>"
        );
    }

    #[test]
    fn attribute_values_and_raw_text_keep_them() {
        let page = "<!DOCTYPE html><html><head><title>a <!> b</title>\
            <script type=\"application/ld+json\">{\"headline\":\"<!>\"}</script>\
            <style>p::before { content: \"<!>\" }</style></head>\
            <body><img alt=\"a > <!> b\" title='<!--<() />-->'><!>\
            <textarea><!></textarea><SCRIPT>x<!></SCRIPT><!><noscript><!></noscript></body></html>";
        assert_eq!(
            without_markers(page),
            page.replace("'><!>", "'>")
                .replace("</SCRIPT><!><noscript>", "</SCRIPT><noscript>")
        );
    }

    #[test]
    fn other_comments_and_broken_markup_are_copied() {
        for page in [
            "<!-- a note -->text",
            "<p>unclosed <a href=\"x",
            "a < b",
            "<scripted>x<!></scripted>",
            "<script>never closed <!>",
            "é<!>ü",
        ] {
            let expected = if page.starts_with("<scripted>") {
                "<scripted>x</scripted>".to_string()
            } else if page.starts_with("é") {
                "éü".to_string()
            } else {
                page.to_string()
            };
            assert_eq!(without_markers(page), expected, "{page}");
        }
    }
}
