//! Character references: numeric ones, and the named entities an article's HTML uses.

/// Decodes character references; `in_attr` applies the attribute-value rule
/// that a semicolon-less legacy reference followed by `=` or an alphanumeric
/// stays as-is (`?a=1&copy=2`).
pub(super) fn decode(s: &str, in_attr: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp + 1..).unwrap_or("");
        match decode_ref(after, in_attr, &mut out) {
            Some(used) => rest = after.get(used..).unwrap_or(""),
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes the reference at the start of `after` (the text just past a `&`)
/// into `out`, returning how many bytes of `after` it used, or `None` if
/// there is no reference there (the `&` is literal).
pub(super) fn decode_ref(after: &str, in_attr: bool, out: &mut String) -> Option<usize> {
    let bytes = after.as_bytes();
    if bytes.first() == Some(&b'#') {
        let (radix, start) = match bytes.get(1) {
            Some(b'x' | b'X') => (16, 2),
            _ => (10, 1),
        };
        let mut i = start;
        let mut value: u32 = 0;
        while let Some(digit) = bytes.get(i).and_then(|&b| char::from(b).to_digit(radix)) {
            // Saturate just past the Unicode range so huge numbers stay invalid.
            value = value
                .saturating_mul(radix)
                .saturating_add(digit)
                .min(0x11_0000);
            i += 1;
        }
        if i == start {
            return None;
        }
        if bytes.get(i) == Some(&b';') {
            i += 1;
        }
        out.push(numeric_char(value));
        return Some(i);
    }
    let mut len = 0;
    while len < 32 && bytes.get(len).is_some_and(u8::is_ascii_alphanumeric) {
        len += 1;
    }
    if len == 0 {
        return None;
    }
    let name = after.get(..len)?;
    if bytes.get(len) == Some(&b';') {
        if let Some((text, _)) = named_entity(name) {
            out.push_str(text);
            return Some(len + 1);
        }
    }
    // Legacy references without a semicolon: the longest matching prefix.
    for end in (1..=len.min(6)).rev() {
        let Some((text, true)) = after.get(..end).and_then(named_entity) else {
            continue;
        };
        if in_attr
            && bytes
                .get(end)
                .is_some_and(|&b| b == b'=' || b.is_ascii_alphanumeric())
        {
            return None;
        }
        out.push_str(text);
        return Some(end);
    }
    None
}

/// The character a numeric reference stands for, per the HTML spec.
pub(super) fn numeric_char(value: u32) -> char {
    const WINDOWS_1252: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let value = match value {
        0 => 0xFFFD,
        0x80..=0x9F => WINDOWS_1252
            .get((value - 0x80) as usize)
            .copied()
            .unwrap_or(0xFFFD),
        _ => value,
    };
    // from_u32 rejects surrogates and values past U+10FFFF.
    char::from_u32(value).unwrap_or('\u{FFFD}')
}

/// A named reference: its text, and whether browsers also accept it without
/// the trailing semicolon (a "legacy" reference). Names are case-sensitive.
pub(super) fn named_entity(name: &str) -> Option<(&'static str, bool)> {
    Some(match name {
        // Legacy: valid without a semicolon.
        "amp" | "AMP" => ("&", true),
        "lt" | "LT" => ("<", true),
        "gt" | "GT" => (">", true),
        "quot" | "QUOT" => ("\"", true),
        "nbsp" => ("\u{A0}", true),
        "copy" | "COPY" => ("©", true),
        "reg" | "REG" => ("®", true),
        "laquo" => ("«", true),
        "raquo" => ("»", true),
        "deg" => ("°", true),
        "middot" => ("·", true),
        "times" => ("×", true),
        "divide" => ("÷", true),
        "shy" => ("\u{AD}", true),
        "sect" => ("§", true),
        "para" => ("¶", true),
        "pound" => ("£", true),
        "yen" => ("¥", true),
        "cent" => ("¢", true),
        "iexcl" => ("¡", true),
        "iquest" => ("¿", true),
        "plusmn" => ("±", true),
        "frac12" => ("½", true),
        "frac14" => ("¼", true),
        "frac34" => ("¾", true),
        "eacute" => ("é", true),
        "Eacute" => ("É", true),
        "egrave" => ("è", true),
        "Egrave" => ("È", true),
        "ecirc" => ("ê", true),
        "euml" => ("ë", true),
        "agrave" => ("à", true),
        "Agrave" => ("À", true),
        "aacute" => ("á", true),
        "Aacute" => ("Á", true),
        "acirc" => ("â", true),
        "atilde" => ("ã", true),
        "aring" => ("å", true),
        "aelig" => ("æ", true),
        "ccedil" => ("ç", true),
        "Ccedil" => ("Ç", true),
        "iacute" => ("í", true),
        "igrave" => ("ì", true),
        "icirc" => ("î", true),
        "iuml" => ("ï", true),
        "ntilde" => ("ñ", true),
        "Ntilde" => ("Ñ", true),
        "oacute" => ("ó", true),
        "ograve" => ("ò", true),
        "ocirc" => ("ô", true),
        "otilde" => ("õ", true),
        "oslash" => ("ø", true),
        "uacute" => ("ú", true),
        "ugrave" => ("ù", true),
        "ucirc" => ("û", true),
        "uuml" => ("ü", true),
        "Uuml" => ("Ü", true),
        "ouml" => ("ö", true),
        "Ouml" => ("Ö", true),
        "auml" => ("ä", true),
        "Auml" => ("Ä", true),
        "szlig" => ("ß", true),
        // Semicolon required.
        "apos" => ("'", false),
        "hellip" => ("…", false),
        "mdash" => ("—", false),
        "ndash" => ("–", false),
        "lsquo" => ("‘", false),
        "rsquo" => ("’", false),
        "sbquo" => ("‚", false),
        "ldquo" => ("“", false),
        "rdquo" => ("”", false),
        "bdquo" => ("„", false),
        "lsaquo" => ("‹", false),
        "rsaquo" => ("›", false),
        "trade" => ("™", false),
        "bull" => ("•", false),
        "euro" => ("€", false),
        "dagger" => ("†", false),
        "Dagger" => ("‡", false),
        "permil" => ("‰", false),
        "prime" => ("′", false),
        "Prime" => ("″", false),
        "minus" => ("−", false),
        "thinsp" => ("\u{2009}", false),
        "ensp" => ("\u{2002}", false),
        "emsp" => ("\u{2003}", false),
        "zwnj" => ("\u{200C}", false),
        "zwj" => ("\u{200D}", false),
        "lrm" => ("\u{200E}", false),
        "rlm" => ("\u{200F}", false),
        "larr" => ("←", false),
        "rarr" => ("→", false),
        "uarr" => ("↑", false),
        "darr" => ("↓", false),
        "oelig" => ("œ", false),
        "OElig" => ("Œ", false),
        "scaron" => ("š", false),
        "Scaron" => ("Š", false),
        // Punctuation names: rare in content, but browsers decode them, so the
        // URL checks must see through them (`javascript&colon;`).
        "colon" => (":", false),
        "Tab" => ("\t", false),
        "NewLine" => ("\n", false),
        "semi" => (";", false),
        "comma" => (",", false),
        "period" => (".", false),
        "sol" => ("/", false),
        "bsol" => ("\\", false),
        "lpar" => ("(", false),
        "rpar" => (")", false),
        "num" => ("#", false),
        "quest" => ("?", false),
        "excl" => ("!", false),
        "equals" => ("=", false),
        "percnt" => ("%", false),
        "plus" => ("+", false),
        "lowbar" => ("_", false),
        "grave" => ("`", false),
        "Hat" => ("^", false),
        "ast" => ("*", false),
        "commat" => ("@", false),
        "dollar" => ("$", false),
        "lsqb" => ("[", false),
        "rsqb" => ("]", false),
        "lcub" => ("{", false),
        "rcub" => ("}", false),
        "verbar" => ("|", false),
        _ => return None,
    })
}
