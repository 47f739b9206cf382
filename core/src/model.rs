//! Serde types of the content contract (`docs/content-api.md`) and their decoding.
//!
//! Pure: no leptos, no web-sys. Unknown fields are ignored, unknown body blocks are skipped,
//! and every decode error names the file and the JSON path of the bad value.

use crate::error::AppError;
use crate::format::parse_rfc3339;
use serde::{de::DeserializeOwned, Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

/// `site.json`: the publisher's configuration, loaded first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Site {
    pub name: String,
    #[serde(default)]
    pub tagline: Option<String>,
    #[serde(default = "default_locale")]
    pub locale: String,
    /// IANA zone; `None` means the reader's own zone.
    #[serde(default)]
    pub time_zone: Option<String>,
    pub content: Content,
    pub categories: Vec<Category>,
    #[serde(default)]
    pub weather: Option<WeatherConfig>,
    /// The paper's public address, e.g. `https://paper.example/news/` (an extension of the
    /// contract): canonical links, OpenGraph and share links use it; without it they use
    /// the address the reader is on.
    #[serde(default)]
    pub url: Option<String>,
    /// How long one content request may take, in milliseconds (an extension of the
    /// contract; default 10 000).
    #[serde(default)]
    pub request_timeout_ms: Option<u32>,
    /// Absent: default ads; `null`: no ad slots at all.
    #[serde(default = "default_ads", deserialize_with = "nullable")]
    pub ads: Option<Ads>,
    /// The writing direction, `"rtl"` or `"ltr"`, when it is not the locale's
    /// (docs/content-api.md §8); see [`Site::direction`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dir: Option<String>,
    /// How often a live page polls its article file, in seconds (an extension of the
    /// contract; default 15, at least 1: [`crate::coverage::poll_every_ms`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub live_poll_seconds: Option<u32>,
    /// The site's own interface words, over the app's for its language (docs/content-api.md
    /// §8, [`crate::words`]). A value that is not a string is ignored.
    #[serde(
        default,
        deserialize_with = "strings_only",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub strings: BTreeMap<String, String>,
}

/// The string values of a JSON object; anything else is left out.
fn strings_only<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, String>, D::Error> {
    let all = BTreeMap::<String, serde_json::Value>::deserialize(d)?;
    Ok(all
        .into_iter()
        .filter_map(|(k, v)| match v {
            serde_json::Value::String(s) => Some((k, s)),
            _ => None,
        })
        .collect())
}

/// The languages written right to left (docs/content-api.md §8).
const RIGHT_TO_LEFT: [&str; 8] = ["ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv"];

impl Site {
    /// `"rtl"` or `"ltr"`: `dir` when it says one of them, else the locale's language's.
    pub fn direction(&self) -> &'static str {
        match self.dir.as_deref() {
            Some("rtl") => "rtl",
            Some("ltr") => "ltr",
            _ => {
                let language = self.locale.split(['-', '_']).next().unwrap_or("");
                if RIGHT_TO_LEFT.contains(&language.to_ascii_lowercase().as_str()) {
                    "rtl"
                } else {
                    "ltr"
                }
            }
        }
    }
}

fn default_locale() -> String {
    "en-US".into()
}

fn default_ads() -> Option<Ads> {
    Some(Ads::default())
}

/// Distinguishes `null` (→ `None`) from a missing field (→ the serde default).
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    Option::<T>::deserialize(d)
}

/// Where the articles come from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    pub kind: ContentKind,
    pub base: String,
    /// WordPress only (an extension of the contract): where "Top news" reads a post's
    /// popularity, a dotted path into the post's REST JSON such as `meta.popularity`.
    /// Absent: Top news is simply the most recent posts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub popularity: Option<String>,
}

/// The two content sources of the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContentKind {
    Static,
    Wordpress,
}

/// A section of the paper, in navigation order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub slug: String,
    pub name: String,
}

/// The place and URL of the masthead weather.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeatherConfig {
    pub place: String,
    pub url: String,
}

/// Ad slot settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ads {
    /// The words above each slot; `None`: the language's ("- Advertisement -").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default = "default_in_article_every")]
    pub in_article_every: u32,
}

fn default_in_article_every() -> u32 {
    4
}

impl Default for Ads {
    fn default() -> Self {
        Ads {
            label: None,
            in_article_every: default_in_article_every(),
        }
    }
}

/// A point in time from an RFC 3339 string, kept with its original text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub struct Timestamp {
    /// The text as the content gave it.
    pub text: String,
    /// Milliseconds since the Unix epoch (UTC).
    pub millis: i64,
}

impl From<Timestamp> for String {
    fn from(t: Timestamp) -> String {
        t.text
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(CheckedStr("an RFC 3339 date-time", |text: String| {
            parse_rfc3339(&text).map(|millis| Timestamp { text, millis })
        }))
    }
}

/// A string checked while it is read: its error then carries the position of the value,
/// which [`decode`] turns into its JSON path.
struct CheckedStr<F>(&'static str, F);

impl<T, F: FnOnce(String) -> Option<T>> serde::de::Visitor<'_> for CheckedStr<F> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.0)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
        (self.1)(v.to_string()).ok_or_else(|| E::custom(format!("`{v}` is not {}", self.0)))
    }
}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.millis.cmp(&other.millis)
    }
}

/// A slug `[a-z0-9-]+`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(into = "String")]
pub struct Slug(pub String);

impl From<Slug> for String {
    fn from(s: Slug) -> String {
        s.0
    }
}

impl<'de> Deserialize<'de> for Slug {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(CheckedStr(
            "a slug (lower-case letters, digits and `-`)",
            |s: String| is_slug(&s).then_some(Slug(s)),
        ))
    }
}

impl std::ops::Deref for Slug {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// Whether `s` matches `[a-z0-9-]+` (and is of a sane length).
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 200
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A picture with the size that reserves its box before it loads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub src: String,
    #[serde(default)]
    pub alt: String,
    pub width: u32,
    pub height: u32,
    #[serde(default)]
    pub caption: Option<String>,
    #[serde(default)]
    pub credit: Option<String>,
    /// Other widths of the same picture, as in HTML: `"images/x-400.jpg 400w, …"` (an
    /// extension of the contract; WordPress media sizes map here).
    #[serde(default)]
    pub srcset: Option<String>,
}

/// One entry of the index: everything a list, a card or a sidebar shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub slug: Slug,
    pub title: String,
    #[serde(default)]
    pub standfirst: Option<String>,
    pub category: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    pub published: Timestamp,
    #[serde(default)]
    pub updated: Option<Timestamp>,
    #[serde(default)]
    pub image: Option<Image>,
    #[serde(default, deserialize_with = "popularity")]
    pub popularity: f64,
    /// A live story whose coverage still runs (docs/content-api.md §7): lists badge it. Read
    /// from `"live": true`, or from an article's own `live` object while its status is `live`.
    #[serde(
        default,
        deserialize_with = "is_live",
        skip_serializing_if = "is_false"
    )]
    pub live: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// `live` of a summary: `true`/`false`, or a coverage object (live unless it has ended).
fn is_live<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Bool(b) => b,
        serde_json::Value::Object(o) => o.get("status").and_then(|s| s.as_str()) != Some("ended"),
        _ => false,
    })
}

/// `popularity`: a number ≥ 0; absent or `null` counts as 0.
fn popularity<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    // Checked while it is read, like `CheckedStr`, so an error names `….popularity`.
    struct Popularity;
    impl serde::de::Visitor<'_> for Popularity {
        type Value = f64;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a number ≥ 0 or null")
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<f64, E> {
            Ok(0.0)
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<f64, E> {
            Ok(0.0)
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<f64, E> {
            Ok(v as f64)
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<f64, E> {
            self.visit_f64(v as f64)
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<f64, E> {
            if v.is_finite() && v >= 0.0 {
                Ok(v)
            } else {
                Err(E::custom(format!(
                    "popularity must be a number ≥ 0, not {v}"
                )))
            }
        }
    }
    d.deserialize_any(Popularity)
}

/// A full article: its summary plus the body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    #[serde(flatten)]
    pub summary: ArticleSummary,
    #[serde(deserialize_with = "blocks")]
    pub body: Vec<Block>,
    /// Live coverage: the article is a live page (docs/content-api.md §7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub live: Option<Live>,
}

/// The updates of a live page, newest first, and where the older ones are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Live {
    pub status: LiveStatus,
    pub updates: Vec<LiveUpdate>,
    /// The next page of older updates ([`OlderUpdates`]), relative to `{base}/articles/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub older: Option<String>,
}

/// Whether updates still arrive. Anything but `ended` counts as `live`: a page polls on
/// rather than stopping on a status it does not know.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LiveStatus {
    Live,
    Ended,
}

impl<'de> Deserialize<'de> for LiveStatus {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let status = String::deserialize(d)?;
        Ok(if status == "ended" {
            LiveStatus::Ended
        } else {
            LiveStatus::Live
        })
    }
}

/// One entry of a live page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LiveUpdate {
    /// Unique and stable: the update's anchor (`#update-<id>`) and how a poll knows it.
    pub id: String,
    pub published: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub pinned: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub key_event: bool,
    #[serde(deserialize_with = "blocks")]
    pub body: Vec<Block>,
}

/// The story of the breaking-news strip (`{base}/breaking.json`, an extension of the
/// contract: docs/content-api.md §7). `null`, `{}` or no file: no strip.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Breaking {
    /// What the strip says.
    pub text: String,
    /// Where it leads (an article of the paper, usually).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Stable across edits of the text, so a dismissal holds; the text itself without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// When the strip goes by itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<Timestamp>,
}

impl Breaking {
    /// What a dismissal remembers.
    pub fn key(&self) -> &str {
        self.id.as_deref().unwrap_or(&self.text)
    }

    /// Whether the strip shows at `now` (ms) for a reader who dismissed `dismissed`.
    pub fn shows(&self, now: i64, dismissed: &str) -> bool {
        !self.text.trim().is_empty()
            && self.expires.as_ref().is_none_or(|e| e.millis > now)
            && !dismissed.split('\n').any(|d| d == self.key())
    }
}

/// A page of older updates (`live.older`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OlderUpdates {
    pub updates: Vec<LiveUpdate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub older: Option<String>,
}

/// A body block, in reading order. Written as the contract's `{"type": …}` objects; read
/// by [`blocks`], field by field.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    Paragraph {
        text: String,
    },
    Heading {
        text: String,
    },
    Quote {
        text: String,
        #[serde(default)]
        cite: Option<String>,
    },
    List {
        items: Vec<String>,
        #[serde(default)]
        ordered: bool,
    },
    Image(Image),
    Html {
        html: String,
    },
}

/// Decodes the body, skipping blocks of a type the contract does not know.
fn blocks<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Block>, D::Error> {
    let raw = Vec::<serde_json::Value>::deserialize(d)?;
    let mut out = Vec::with_capacity(raw.len());
    for (i, value) in raw.into_iter().enumerate() {
        let block =
            block_from(value).map_err(|e| serde::de::Error::custom(format!("block {i}: {e}")))?;
        out.extend(block);
    }
    Ok(out)
}

/// A block, or `None` for a type the contract does not know (or none). Read field by field:
/// serde's derive for an internally tagged enum buffers each block and costs ≈ 13 KB of WASM.
fn block_from(mut value: serde_json::Value) -> Result<Option<Block>, String> {
    fn field<T: DeserializeOwned>(
        value: &mut serde_json::Value,
        name: &str,
    ) -> Result<Option<T>, String> {
        match value.get_mut(name).map(serde_json::Value::take) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(v) => T::deserialize(v)
                .map(Some)
                .map_err(|e| format!("{name}: {e}")),
        }
    }
    fn text(value: &mut serde_json::Value, name: &str) -> Result<String, String> {
        field(value, name)?.ok_or_else(|| format!("missing field `{name}`"))
    }
    let kind = value.get_mut("type").map(serde_json::Value::take);
    let block = match kind.as_ref().and_then(serde_json::Value::as_str) {
        Some("paragraph") => Block::Paragraph {
            text: text(&mut value, "text")?,
        },
        Some("heading") => Block::Heading {
            text: text(&mut value, "text")?,
        },
        Some("quote") => Block::Quote {
            text: text(&mut value, "text")?,
            cite: field(&mut value, "cite")?,
        },
        Some("list") => Block::List {
            items: field(&mut value, "items")?.ok_or("missing field `items`")?,
            ordered: field(&mut value, "ordered")?.unwrap_or(false),
        },
        Some("image") => Block::Image(Image::deserialize(value).map_err(|e| e.to_string())?),
        Some("html") => Block::Html {
            html: text(&mut value, "html")?,
        },
        _ => return Ok(None),
    };
    Ok(Some(block))
}

impl Block {
    /// A paragraph of the body: a text paragraph, or one kept as HTML (a CMS paragraph
    /// with links or emphasis). In-article ad slots count these.
    pub fn is_paragraph(&self) -> bool {
        match self {
            Block::Paragraph { .. } => true,
            Block::Html { html } => html.starts_with("<p>") || html.starts_with("<p "),
            _ => false,
        }
    }
}

impl Article {
    /// The text a reader reads in the body, block by block, one block a line.
    pub fn body_text(&self) -> String {
        let mut out = String::new();
        for block in &self.body {
            let mut line = |s: &str| {
                out.push_str(s);
                out.push('\n');
            };
            match block {
                Block::Paragraph { text } | Block::Heading { text } => line(text),
                Block::Quote { text, cite } => {
                    line(text);
                    if let Some(c) = cite {
                        line(c);
                    }
                }
                Block::List { items, .. } => items.iter().for_each(|i| line(i)),
                Block::Image(img) => {
                    if let Some(c) = &img.caption {
                        line(c);
                    }
                }
                Block::Html { html } => line(&crate::html::to_plain_text(html)),
            }
        }
        out
    }

    /// Number of words a reader reads in the body (for reading time).
    pub fn word_count(&self) -> usize {
        self.body_text().split_whitespace().count()
    }
}

/// One page of `articles.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndexPage {
    pub articles: Vec<ArticleSummary>,
    #[serde(default)]
    pub next: Option<String>,
}

/// A rail file (`{base}/rails/top.json`, `{base}/rails/related/{slug}.json`), written by the
/// publish step and read by the live rails of a prerendered page: just what the list shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RailFile {
    pub articles: Vec<RailItem>,
    /// Top news only: the masthead's coming days in the site's zone, `(first millisecond,
    /// "Saturday, December 5, 2026")`, from the day of the publish on
    /// (the app's `intl::masthead_days`), so a prerendered page shows today without `Intl` and
    /// without carrying the day it was published. Empty for a locale the publish step does
    /// not write, or a site without `time_zone`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<(i64, String)>,
}

/// One link of a rail: the article's address (`category`, `slug`), its title and the name of
/// its section.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RailItem {
    pub slug: String,
    pub category: String,
    pub title: String,
    pub section: String,
    /// A live story ([`ArticleSummary::live`]): badged.
    #[serde(default, skip_serializing_if = "is_false")]
    pub live: bool,
}

impl RailFile {
    /// The rail path of the paper's Top news, below the content base.
    pub const TOP: &'static str = "rails/top.json";

    /// How many coming days Top news carries for the masthead date: past them, the
    /// browser's `Intl` writes the date.
    pub const DAYS_AHEAD: u32 = 31;

    /// The directory of the articles' related picks, below the content base.
    pub const RELATED_DIR: &'static str = "rails/related";

    /// The rail path of an article's related picks, below the content base.
    pub fn related(slug: &str) -> String {
        format!("{}/{slug}.json", Self::RELATED_DIR)
    }
}

/// The exit code of a publishing tool (`prerender`, `build_search_index`) that wrote
/// everything it could but left out content it could not read, which it named on stderr:
/// the paper is published, and someone should look. 1 is a failure that wrote nothing.
pub const EXIT_WITH_SKIPS: u8 = 3;

/// The current conditions of the masthead weather (Open-Meteo's `current` shape).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Weather {
    pub current_units: WeatherUnits,
    pub current: CurrentWeather,
}

/// Units of the weather values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeatherUnits {
    pub temperature_2m: String,
}

/// The values the masthead shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurrentWeather {
    pub temperature_2m: f64,
    pub weather_code: u16,
}

/// Decodes `text` fetched from `url` as `T`, naming the JSON path of any bad value.
pub fn decode<T: DeserializeOwned>(url: &str, text: &str) -> Result<T, AppError> {
    serde_json::from_str(text).map_err(|e| AppError::Decode {
        url: url.to_string(),
        path: json_path_at(text, e.line(), e.column()),
        message: e.to_string(),
    })
}

/// The JSON path (`articles[1].published`, `$` for the whole file) of the value that was
/// being read at serde_json's error position (1-based line, bytes into the line).
///
/// Found by scanning the text again, only on failure, rather than by tracking the path
/// during every decode (serde_path_to_error did that, for ≈ 16 KB of brotli WASM). A value
/// that fails its own check names itself; a missing field names the object that lacks it.
fn json_path_at(text: &str, line: usize, column: usize) -> String {
    enum Frame<'a> {
        Object(Option<&'a str>),
        Array(usize),
    }
    let bytes = text.as_bytes();
    let line_start = match line {
        0 => return "$".into(),
        1 => 0,
        _ => match bytes
            .iter()
            .enumerate()
            .filter(|(_, &b)| b == b'\n')
            .nth(line - 2)
        {
            Some((i, _)) => i + 1,
            None => return "$".into(),
        },
    };
    let end = (line_start + column).min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut expect_key = false;
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'{' => {
                stack.push(Frame::Object(None));
                expect_key = true;
            }
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(n)) => *n += 1,
                Some(Frame::Object(key)) => {
                    *key = None;
                    expect_key = true;
                }
                None => {}
            },
            b':' => expect_key = false,
            b'"' => {
                let start = i + 1;
                i = start;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let (true, Some(Frame::Object(key))) = (expect_key, stack.last_mut()) {
                    // Both ends are ASCII quotes (or the end of the text): char boundaries.
                    *key = text.get(start..i.min(bytes.len()));
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object(Some(key)) if path.is_empty() => path.push_str(key),
            Frame::Object(Some(key)) => {
                path.push('.');
                path.push_str(key);
            }
            Frame::Object(None) => {}
            Frame::Array(n) => path.push_str(&format!("[{n}]")),
        }
    }
    if path.is_empty() {
        path.push('$');
    }
    path
}

/// Indices of body blocks after which an in-article ad slot goes: after every `every`-th
/// paragraph, never after the last block. `every == 0` places none.
pub fn ad_positions(body: &[Block], every: u32) -> Vec<usize> {
    if every == 0 {
        return Vec::new();
    }
    let mut paragraphs = 0;
    let mut out = Vec::new();
    for (i, block) in body.iter().enumerate() {
        if block.is_paragraph() {
            paragraphs += 1;
            if paragraphs % every == 0 && i + 1 < body.len() {
                out.push(i);
            }
        }
    }
    out
}
