//! The words of a text: folding (case, accents and the variants of each script) and
//! tokenising. Pure, and shared by search ([`crate::search`]) and its index
//! ([`crate::search_index`]), which must agree on them.
//!
//! Folding, so that a reader finds a word however it was typed (docs/content-api.md §8):
//! Latin accents, `ß` → `ss`, Turkish `ı`/`İ` → `i`; Greek tonos and dialytika, final sigma;
//! Cyrillic `ё` → `е`; Arabic and Persian diacritics (harakat, the superscript alef) and
//! tatweel dropped, alef forms → `ا`, yeh forms (Arabic, Persian, alef maksura, hamza) → `ي`,
//! `ؤ` → `و`, teh marbuta → `ه`, Persian keheh → `ك`; Arabic-Indic and Persian digits →
//! `0`–`9`. Combining marks and the zero-width (non-)joiner inside a word belong to it (a
//! Persian word written with ZWNJ stays one word) and are dropped.

/// Folds a character to its lower-case, accent-free base letters.
fn fold_char(c: char, out: &mut String) {
    let base = match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => 'a',
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' => 'c',
        'Ď' | 'ď' | 'Đ' | 'đ' => 'd',
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => 'e',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'Į' | 'į' | 'İ' | 'ı' => 'i',
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ň' | 'ň' => 'n',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => 'o',
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' => 'u',
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' => 'y',
        'Ś' | 'ś' | 'Š' | 'š' | 'Ş' | 'ş' => 's',
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => 'z',
        'Ł' | 'ł' => 'l',
        'Ř' | 'ř' => 'r',
        'Ť' | 'ť' | 'Ţ' | 'ţ' => 't',
        'Ğ' | 'ğ' => 'g',
        // Greek: tonos, dialytika, final sigma.
        'Ά' | 'ά' => 'α',
        'Έ' | 'έ' => 'ε',
        'Ή' | 'ή' => 'η',
        'Ί' | 'ί' | 'Ϊ' | 'ϊ' | 'ΐ' => 'ι',
        'Ό' | 'ό' => 'ο',
        'Ύ' | 'ύ' | 'Ϋ' | 'ϋ' | 'ΰ' => 'υ',
        'Ώ' | 'ώ' => 'ω',
        'ς' => 'σ',
        // Cyrillic.
        'Ё' | 'ё' => 'е',
        // Arabic and Persian letter variants.
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ئ' | 'ی' => 'ي',
        'ؤ' => 'و',
        'ة' | 'ۀ' => 'ه',
        'ک' => 'ك',
        // Arabic-Indic and Persian digits.
        '٠'..='٩' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        // Tatweel, diacritics and joiners: nothing.
        c if c == '\u{0640}' || is_mark(c) => return,
        'ß' => {
            out.push_str("ss");
            return;
        }
        'Æ' | 'æ' => {
            out.push_str("ae");
            return;
        }
        'Œ' | 'œ' => {
            out.push_str("oe");
            return;
        }
        '’' | '‘' | '\'' => return,
        c => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(base);
}

/// Lower-case, accent-free text: "Québec" → "quebec".
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘')
}

/// Combining marks of the Latin, Greek, Cyrillic, Hebrew and Arabic scripts (accents,
/// harakat, points) and the zero-width (non-)joiner: part of the word they are in.
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{05BF}'
        | '\u{05C1}'..='\u{05C2}'
        | '\u{05C4}'..='\u{05C5}'
        | '\u{05C7}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{200C}'..='\u{200D}')
}

/// The words of a text with their byte ranges: runs of letters and digits (an apostrophe
/// inside a word belongs to it: "Europe’s"), each with its normalised form.
pub fn word_spans(text: &str) -> Vec<(usize, usize, String)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let inside = start.is_some() && (is_apostrophe(c) || is_mark(c));
        let in_word = c.is_alphanumeric() || inside;
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let raw = text[s..i].trim_end_matches(|c| is_apostrophe(c) || c == '\u{200C}');
                let norm = normalize(raw);
                if !norm.is_empty() {
                    spans.push((s, s + raw.len(), norm));
                }
                start = None;
            }
            _ => {}
        }
    }
    spans
}

/// The normalised words of a text (letters and digits; everything else separates).
pub fn words(text: &str) -> Vec<String> {
    word_spans(text).into_iter().map(|(_, _, w)| w).collect()
}
