//! The interface words ("Top news", "3 min read", "Page 2 of 5") in the site's language
//! (docs/content-api.md §8). Pure: no leptos, no web-sys; host-tested in `tests/words.rs`.
//!
//! Each language's words are one JSON file under `i18n/` (`en.json` is the reference and
//! the fallback): the publish step and the host tests compile them all in; the browser app
//! compiles in English only and fetches its language's file (`i18n/<language>.json`), so a
//! reader downloads the words of one language. A site's `strings` override any of them.
//!
//! Counts choose a plural form by the language's rules ([`plural`]): `results.one`,
//! `results.few`, … falling back to `results.other`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The English words: the reference every other table is checked against, and the words of
/// any key a table or a site leaves out.
pub const ENGLISH: &str = include_str!("../../i18n/en.json");

/// The languages whose words come with the app (`i18n/<language>.json`).
pub const LANGUAGES: [&str; 9] = ["en", "fr", "de", "nl", "es", "ar", "fa", "uk", "el"];

/// The words of one paper: every key of [`ENGLISH`], in its language where it has one.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Words {
    /// The language subtag of the locale (`ar` for `ar-EG`): it picks the plural rules.
    language: String,
    /// The digits numbers are written with (`'0'` for Latin digits).
    zero: char,
    /// Key → word. A list searched in order: a page looks up a few dozen words, and the live
    /// parts' code stays without a map.
    words: Vec<(String, String)>,
}

impl Words {
    /// The words of `locale`: English, then `table` (the language's file as JSON text, when
    /// the language has one), then the site's `strings`. A key English does not have (and that
    /// is not one of its plural forms) is ignored; a table that does not decode is ignored
    /// whole (English shows instead) and named in the returned warning.
    pub fn new(
        locale: &str,
        table: Option<&str>,
        strings: &BTreeMap<String, String>,
    ) -> (Words, Option<String>) {
        let mut words: BTreeMap<String, String> =
            serde_json::from_str(ENGLISH).expect("i18n/en.json is a JSON object of strings");
        let mut warning = None;
        let language_words = match table.map(serde_json::from_str::<BTreeMap<String, String>>) {
            Some(Ok(t)) => t,
            Some(Err(e)) => {
                warning = Some(format!(
                    "the words of {locale} are damaged ({e}): English shows"
                ));
                BTreeMap::new()
            }
            None => BTreeMap::new(),
        };
        for (key, value) in language_words.into_iter().chain(strings.clone()) {
            if is_known(&words, &key) {
                words.insert(key, value);
            }
        }
        let words = Words {
            language: language(locale),
            zero: zero_digit(locale),
            words: words.into_iter().collect(),
        };
        (words, warning)
    }

    /// The words of [`LIVE_KEYS`], one a line: what a prerendered page carries for its live
    /// parts (`data-words`), read by [`Words::live`].
    pub fn live_text(&self) -> String {
        let words: Vec<String> = LIVE_KEYS
            .iter()
            .map(|k| self.get(k).replace('\n', " "))
            .collect();
        words.join("\n")
    }

    /// The words a prerendered page carries ([`Words::live_text`]), in the digits of its
    /// `<html data-digits>` ([`Words::counter_style`]): no English behind them, a missing key
    /// shows as itself, no plural rules. No JSON, no locale parsing: the live parts' code is
    /// paid by every reader.
    pub fn live(counter_style: Option<&str>, text: &str) -> Words {
        let mut words = Vec::new();
        let mut rest = Some(text);
        for key in LIVE_KEYS {
            let Some(line) = rest else { break };
            let (word, next) = match byte_at(line, b'\n') {
                Some(end) => (&line[..end], Some(&line[end + 1..])),
                None => (line, None),
            };
            words.push((key.to_string(), word.to_string()));
            rest = next;
        }
        let zero = match counter_style {
            Some("arabic-indic") => ARAB,
            Some("persian") => ARABEXT,
            _ => '0',
        };
        Words {
            language: String::new(),
            zero,
            words,
        }
    }

    /// The word of `key` (the key itself when there is none: never a panic on a typo).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.word(key).unwrap_or(key)
    }

    fn word(&self, key: &str) -> Option<&str> {
        self.words
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, w)| w.as_str())
    }

    /// The word of `key` with its `{name}` placeholders filled from `args`.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// The plural form of `key` for `n` (`key.one`, `key.few`, … else `key.other`), with
    /// `{n}` written in the locale's digits and the other placeholders from `args`.
    pub fn count(&self, key: &str, n: u64, args: &[(&str, &str)]) -> String {
        let form = format!("{key}.{}", plural(&self.language, n));
        let other = format!("{key}.other");
        let text = self
            .word(&form)
            .or_else(|| self.word(&other))
            .unwrap_or(key);
        let n = self.number(n);
        let mut all = vec![("n", n.as_str())];
        all.extend_from_slice(args);
        fill(text, &all)
    }

    /// `n` in the locale's digits, without grouping ("١٢" in `ar-EG`).
    pub fn number(&self, n: u64) -> String {
        self.digits(&n.to_string())
    }

    /// The CSS counter style of the locale's digits, when they are not Latin (`<html
    /// data-digits>`: the stylesheet numbers ranked lists with it).
    pub fn counter_style(&self) -> Option<&'static str> {
        match self.zero {
            ARAB => Some("arabic-indic"),
            ARABEXT => Some("persian"),
            _ => None,
        }
    }

    /// `text` with its ASCII digits written in the locale's digits.
    pub fn digits(&self, text: &str) -> String {
        digits(self.zero, text)
    }

    /// "A, B and C" in the language.
    pub fn list(&self, names: &[String]) -> String {
        match names {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => self.fill(
                "and",
                &[
                    ("list", &init.join(self.get("list_separator"))),
                    ("last", last),
                ],
            ),
        }
    }
}

/// Whether `key` is a word the app shows: a key of English, or a plural form of one.
fn is_known(english: &BTreeMap<String, String>, key: &str) -> bool {
    english.contains_key(key)
        || key.rsplit_once('.').is_some_and(|(base, form)| {
            PLURAL_FORMS.contains(&form) && english.contains_key(&format!("{base}.other"))
        })
}

/// `text` with each `{name}` of `args` replaced; other braces are left as they are.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = byte_at(rest, b'{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let arg = byte_at(after, b'}').and_then(|close| {
            let value = args.iter().find(|(name, _)| *name == &after[..close])?.1;
            Some((close, value))
        });
        match arg {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The language subtag of a BCP 47 locale, lowercased: `ar` for `ar-EG`, `en` for `en_US`.
pub fn language(locale: &str) -> String {
    locale
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The zero of the Arabic-Indic digits.
const ARAB: char = '\u{660}';
/// The zero of the Extended Arabic-Indic digits (Persian, Urdu).
const ARABEXT: char = '\u{6f0}';

/// The CLDR plural categories.
pub const PLURAL_FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The CLDR plural category of the whole number `n` in `language` (CLDR 46 rules for the
/// languages of [`LANGUAGES`] and their neighbours; others count as English does).
pub fn plural(language: &str, n: u64) -> &'static str {
    let (n10, n100) = (n % 10, n % 100);
    match language {
        "ar" => match n {
            0 => "zero",
            1 => "one",
            2 => "two",
            _ if (3..=10).contains(&n100) => "few",
            _ if (11..=99).contains(&n100) => "many",
            _ => "other",
        },
        "uk" | "ru" | "be" => {
            if n10 == 1 && n100 != 11 {
                "one"
            } else if (2..=4).contains(&n10) && !(12..=14).contains(&n100) {
                "few"
            } else {
                "many"
            }
        }
        // 0 and 1 are singular; round millions are "many" ("1 000 000 de résultats").
        "fr" | "pt" => match n {
            0 | 1 => "one",
            _ if n % 1_000_000 == 0 => "many",
            _ => "other",
        },
        "es" | "it" | "ca" => match n {
            1 => "one",
            _ if n != 0 && n % 1_000_000 == 0 => "many",
            _ => "other",
        },
        "fa" | "hi" | "bn" | "zu" => {
            if n <= 1 {
                "one"
            } else {
                "other"
            }
        }
        "ja" | "zh" | "ko" | "th" | "vi" | "id" | "ms" => "other",
        _ => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
    }
}

/// The zero of the digits a locale writes numbers with by default, as the browser's `Intl`
/// does (CLDR): Arabic-Indic in most Arabic locales (not `ar` alone, nor the Maghreb or the
/// Emirates), Extended Arabic-Indic in Persian and in Urdu of India, Bengali and Devanagari
/// where those are the default; a `-u-nu-` extension decides over all of them.
pub fn zero_digit(locale: &str) -> char {
    let lower = locale.to_ascii_lowercase().replace('_', "-");
    let parts: Vec<&str> = lower.split('-').collect();
    if let Some(at) = parts.windows(2).position(|w| w[0] == "nu") {
        return match parts[at + 1] {
            "arab" => ARAB,
            "arabext" => ARABEXT,
            "beng" => '\u{9e6}',
            "deva" => '\u{966}',
            _ => '0',
        };
    }
    let region = parts
        .iter()
        .skip(1)
        .take_while(|p| **p != "u")
        .find(|p| p.len() == 2 || p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
        .copied();
    match (parts[0], region) {
        ("ar", None | Some("ae" | "ma" | "dz" | "tn" | "ly" | "eh")) => '0',
        ("ar", Some(_)) => ARAB,
        ("fa", _) | ("ur", Some("in")) => ARABEXT,
        ("bn", _) => '\u{9e6}',
        ("mr", _) => '\u{966}',
        _ => '0',
    }
}

/// Where the ASCII byte `b` first is in `text`: a plain loop (the live parts' code stays
/// without the standard library's string searchers).
fn byte_at(text: &str, b: u8) -> Option<usize> {
    text.bytes().position(|c| c == b)
}

/// `text` with ASCII digits moved to the digits starting at `zero`.
fn digits(zero: char, text: &str) -> String {
    if zero == '0' {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() * 2);
    let mut buf = [0; 4];
    // Runs between digits are copied whole; a digit is one ASCII byte, so every cut is at a
    // character boundary.
    let mut from = 0;
    for (i, b) in text.bytes().enumerate() {
        let digit = char::from_u32(u32::from(zero) + u32::from(b.wrapping_sub(b'0')));
        if let Some(digit) = digit.filter(|_| b.is_ascii_digit()) {
            out.push_str(&text[from..i]);
            out.push_str(digit.encode_utf8(&mut buf));
            from = i + 1;
        }
    }
    out.push_str(&text[from..]);
    out
}

/// The bundled words of `language` (`None` for English and for languages without a table).
/// Native builds only: the browser fetches its language's file instead.
#[cfg(not(target_arch = "wasm32"))]
pub fn bundled(language: &str) -> Option<&'static str> {
    Some(match language {
        "fr" => include_str!("../../i18n/fr.json"),
        "de" => include_str!("../../i18n/de.json"),
        "nl" => include_str!("../../i18n/nl.json"),
        "es" => include_str!("../../i18n/es.json"),
        "ar" => include_str!("../../i18n/ar.json"),
        "fa" => include_str!("../../i18n/fa.json"),
        "uk" => include_str!("../../i18n/uk.json"),
        "el" => include_str!("../../i18n/el.json"),
        _ => return None,
    })
}

/// Whether the app has words for `language` other than English (the browser then fetches
/// `i18n/<language>.json`).
pub fn has_table(language: &str) -> bool {
    language != "en" && LANGUAGES.contains(&language)
}

/// The keys a prerendered page's live parts show (src/live.rs): written into the page, so the
/// live code carries no table of its own.
pub const LIVE_KEYS: [&str; 28] = [
    "dark_mode",
    "live",
    "share_this",
    "share",
    "copy_link",
    "link_copied",
    "copy_this_link",
    "email",
    "weather_in",
    "weather_at",
    "weather.clear_sky",
    "weather.mainly_clear",
    "weather.partly_cloudy",
    "weather.overcast",
    "weather.fog",
    "weather.drizzle",
    "weather.freezing_drizzle",
    "weather.rain",
    "weather.heavy_rain",
    "weather.freezing_rain",
    "weather.snow",
    "weather.heavy_snow",
    "weather.snow_grains",
    "weather.rain_showers",
    "weather.snow_showers",
    "weather.thunderstorm",
    "weather.thunderstorm_hail",
    "weather.unknown",
];
