//! The attribute allow-list: URLs by scheme, `srcset`, `rel`, numbers, lengths.

use super::*;

/// Filters and normalizes the attributes of an allowed element. Returns
/// `None` when the element cannot stand without a dropped attribute (`<a>`
/// without a usable `href`, `<img>` without a usable `src`).
pub(super) fn filter_attrs(tag: Tag, raw: Vec<(Attr, String)>) -> Option<Vec<(Attr, String)>> {
    let mut attrs: Vec<(Attr, String)> = Vec::new();
    for (attr, value) in raw {
        if !tag.allows(attr) {
            continue;
        }
        let value = match attr {
            Attr::Href => clean_url(&value, true),
            Attr::Src => clean_url(&value, false).or_else(|| data_picture(&value)),
            Attr::Srcset => clean_srcset(&value),
            Attr::Width | Attr::Height | Attr::Colspan | Attr::Rowspan => clean_int(&value),
            Attr::Target => value
                .trim_matches(|c: char| c.is_ascii_whitespace())
                .eq_ignore_ascii_case("_blank")
                .then(|| "_blank".to_owned()),
            Attr::Rel => clean_rel(&value),
            Attr::Alt | Attr::Title | Attr::Sizes => Some(cap_chars(value)),
        };
        if let Some(value) = value {
            attrs.push((attr, value));
        }
    }
    let has = |attrs: &[(Attr, String)], which: Attr| attrs.iter().any(|(a, _)| *a == which);
    match tag {
        Tag::A => {
            let absolute = attrs
                .iter()
                .find(|(a, _)| *a == Attr::Href)
                .map(|(_, href)| is_absolute_http(href))?;
            if absolute {
                attrs.retain(|(a, _)| *a != Attr::Rel);
                attrs.push((Attr::Rel, "noopener noreferrer".to_owned()));
            }
        }
        Tag::Img if !has(&attrs, Attr::Src) => return None,
        _ => {}
    }
    attrs.sort_by_key(|(a, _)| *a as u8);
    Some(attrs)
}

/// Truncates to `MAX_ATTR_CHARS` chars (on a char boundary).
pub(super) fn cap_chars(mut value: String) -> String {
    if let Some((cut, _)) = value.char_indices().nth(MAX_ATTR_CHARS) {
        value.truncate(cut);
    }
    value
}

pub(super) fn too_long(value: &str) -> bool {
    value.len() > MAX_ATTR_CHARS && value.chars().nth(MAX_ATTR_CHARS).is_some()
}

/// A plain integer in 1..=10000, normalized.
pub(super) fn clean_int(value: &str) -> Option<String> {
    let digits = value.trim_matches(|c: char| c.is_ascii_whitespace());
    if digits.is_empty() || digits.len() > 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    (1..=10_000).contains(&n).then(|| n.to_string())
}

/// `rel` keywords, lower-cased; anything odd is dropped.
pub(super) fn clean_rel(value: &str) -> Option<String> {
    let words: Vec<String> = value
        .split_ascii_whitespace()
        .filter(|w| w.len() <= 32 && w.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .map(str::to_ascii_lowercase)
        .take(16)
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Checks and normalizes a (decoded) URL attribute value.
///
/// The value is normalized as the URL parser would (leading/trailing C0
/// controls and spaces trimmed, tabs and newlines removed). It is kept only if
/// its scheme, read with every ASCII control and space removed, is `http`,
/// `https` or (for links) `mailto`, or if it is relative without being
/// protocol-relative. A `&` before the scheme's colon or the first `/`, `?`, `#` or `\` is
/// refused too: a character reference there could spell a scheme on a second decoding
/// (`javascript&colon;`), so a double-encoded scheme never gets through.
pub(super) fn clean_url(value: &str, allow_mailto: bool) -> Option<String> {
    if too_long(value) {
        return None;
    }
    let url: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if url.is_empty() || !url_is_safe(&url, allow_mailto) {
        return None;
    }
    if url
        .split([':', '/', '?', '#', '\\'])
        .next()
        .is_some_and(|head| head.contains('&'))
    {
        return None;
    }
    Some(url)
}

pub(super) fn url_is_safe(url: &str, allow_mailto: bool) -> bool {
    match url.find([':', '/', '?', '#', '\\']) {
        Some(end) if url.get(end..).is_some_and(|rest| rest.starts_with(':')) => {
            let scheme: String = url
                .get(..end)
                .unwrap_or("")
                .chars()
                .filter(|c| !(c.is_ascii_control() || c.is_whitespace()))
                .collect::<String>()
                .to_ascii_lowercase();
            scheme == "http" || scheme == "https" || (allow_mailto && scheme == "mailto")
        }
        _ => {
            // Relative. Refuse protocol-relative `//host` (browsers read `\`
            // as `/` and skip controls and spaces here too).
            let mut lead = url
                .chars()
                .filter(|c| !(c.is_ascii_control() || *c == ' '))
                .take(2);
            !(matches!(lead.next(), Some('/' | '\\')) && matches!(lead.next(), Some('/' | '\\')))
        }
    }
}

pub(super) fn is_absolute_http(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http:") || lower.starts_with("https:")
}

/// Checks every candidate of a `srcset`; any bad URL or descriptor drops the
/// whole attribute. Candidates are re-joined as `url descriptor, ...`.
pub(super) fn clean_srcset(value: &str) -> Option<String> {
    if too_long(value) {
        return None;
    }
    let bytes = value.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    loop {
        while bytes.get(i).is_some_and(|&b| is_space(b) || b == b',') {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        let url_start = i;
        while bytes.get(i).is_some_and(|&b| !is_space(b)) {
            i += 1;
        }
        let mut url = value.get(url_start..i).unwrap_or("");
        let mut descriptor = "";
        if url.ends_with(',') {
            url = url.trim_end_matches(',');
        } else {
            let desc_start = i;
            let mut in_parens = false;
            while let Some(b) = bytes.get(i).copied() {
                match b {
                    b'(' => in_parens = true,
                    b')' => in_parens = false,
                    b',' if !in_parens => break,
                    _ => {}
                }
                i += 1;
            }
            descriptor = value
                .get(desc_start..i)
                .unwrap_or("")
                .trim_matches(|c: char| c.is_ascii_whitespace());
            i += 1; // the comma, if any
        }
        let url = clean_url(url, false)?;
        let descriptor_ok = descriptor.len() <= 32
            && descriptor
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'w' | b'x' | b'h' | b' '));
        if !descriptor_ok {
            return None;
        }
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(&url);
        if !descriptor.is_empty() {
            out.push(' ');
            out.push_str(descriptor);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The longest `data:` picture kept, in characters (≈ 1.5 MB of image).
pub const MAX_DATA_PICTURE: usize = 2_000_000;

/// A picture pasted into a post as a `data:` URL: kept when it is a raster image in base64
/// (PNG, JPEG, GIF, WebP, AVIF) and nothing else. An image cannot run script, and the strict
/// CSP allows `img-src data:`; an SVG is left out all the same, and so is anything not made
/// of base64's own characters.
pub fn data_picture(value: &str) -> Option<String> {
    let url: String = value.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let (head, data) = url.split_once(',')?;
    let media = head.to_ascii_lowercase();
    let raster = ["png", "jpeg", "jpg", "gif", "webp", "avif"]
        .iter()
        .any(|kind| media == format!("data:image/{kind};base64"));
    let base64 = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=');
    (raster && !data.is_empty() && url.len() <= MAX_DATA_PICTURE && data.chars().all(base64))
        .then(|| format!("{media},{data}"))
}
