//! [`decode_entities`]: character references as HTML's tokenizer reads them in text, with
//! the spec's table of 2,231 named references (html5ever). The parsers decode
//! references themselves; this is for text that is not parsed as HTML (and the fuzz tests'
//! URL checks). Natively only.

use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};

/// Decodes HTML character references: named ones (the longest name that matches, so the
/// legacy ones such as `&amp` and `&eacute` work without their semicolon, as in HTML text),
/// and numeric ones in decimal and hex, with or without the semicolon. Numbers 0x80..=0x9F
/// are their Windows-1252 characters (`&#150;` is `–`); 0, surrogates and numbers past
/// U+10FFFF are U+FFFD. A `&` that starts no reference stays as it is.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let used = reference(after, &mut out);
        if used == 0 {
            out.push('&');
        }
        rest = &after[used..];
    }
    out.push_str(rest);
    out
}

/// Decodes the reference at the start of `after` (the text just past a `&`) into `out`;
/// returns how many bytes of `after` it used (0: no reference, the `&` is literal).
fn reference(after: &str, out: &mut String) -> usize {
    let bytes = after.as_bytes();
    if bytes.first() == Some(&b'#') {
        let (radix, start) = match bytes.get(1) {
            Some(b'x' | b'X') => (16, 2),
            _ => (10, 1),
        };
        let digits = bytes[start..]
            .iter()
            .take_while(|&&b| char::from(b).is_digit(radix))
            .count();
        if digits == 0 {
            return 0;
        }
        // Saturate just past the Unicode range so huge numbers stay invalid.
        let value = bytes[start..start + digits].iter().fold(0u32, |n, &b| {
            let digit = char::from(b).to_digit(radix).unwrap_or(0);
            n.saturating_mul(radix).saturating_add(digit).min(0x11_0000)
        });
        let c1 = value
            .checked_sub(0x80)
            .and_then(|i| C1_REPLACEMENTS.get(i as usize).copied().flatten());
        out.push(match (value, c1) {
            (0, _) => '\u{FFFD}',
            (_, Some(c)) => c,
            // from_u32 rejects surrogates and values past U+10FFFF.
            _ => char::from_u32(value).unwrap_or('\u{FFFD}'),
        });
        let end = start + digits;
        return end + usize::from(bytes.get(end) == Some(&b';'));
    }
    // Names are ASCII letters and digits with a `;`; the table holds every prefix of every
    // name, mapped to (0, 0), so the search stops as soon as no name can match.
    let mut best = None;
    for end in 1..=bytes.len().min(40) {
        if !bytes[end - 1].is_ascii_alphanumeric() && bytes[end - 1] != b';' {
            break;
        }
        match NAMED_ENTITIES.get(&after[..end]) {
            None => break,
            Some(&(0, _)) => {}
            Some(&chars) => best = Some((end, chars)),
        }
        if bytes[end - 1] == b';' {
            break;
        }
    }
    let Some((used, (first, second))) = best else {
        return 0;
    };
    out.extend(
        [first, second]
            .into_iter()
            .filter(|&c| c != 0)
            .filter_map(char::from_u32),
    );
    used
}
