//! Generates a large synthetic paper in the shape of the content contract, for measuring
//! search (and anything else) at scale.
//!
//! ```text
//! cargo run --release --bin gen_paper -- OUT_DIR --articles 10000 --shard 500 --seed 1
//! ```
//! Writes `OUT_DIR/site.json`, `OUT_DIR/api/articles.json` (+ `articles-N.json` pages of
//! `--shard` summaries chained by `next`, newest first) and
//! `OUT_DIR/api/articles/{slug}.json`. Prose is drawn from a vocabulary of several
//! thousand pronounceable synthetic words (built from syllables) with Zipf-like
//! frequencies (rank^-1.07), plus a few accented words and numbers. The same seed gives
//! the same paper, byte for byte. A sample of the output is decoded with the app's model.

use meridian::model::{
    decode, Ads, Article, ArticleSummary, Block, Category, Content, ContentKind, IndexPage, Site,
    Slug, Timestamp, WeatherConfig,
};
use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// SplitMix64: small, fast and good enough for synthetic text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() - 1)]
    }

    fn piece(&mut self, items: &[&'static str]) -> &'static str {
        items[self.range(0, items.len() - 1)]
    }
}

const VOCABULARY: usize = 6000;
const ZIPF_EXPONENT: f64 = 1.07;
/// Accented words and the vocabulary ranks they take.
const ACCENTED: &[(&str, usize)] = &[
    ("café", 180),
    ("Liège", 420),
    ("Québec", 650),
    ("Zürich", 1100),
    ("São", 1700),
    ("naïve", 2300),
    ("Kraków", 3100),
    ("Málaga", 4200),
];

/// Builds the vocabulary: short words for the frequent ranks, longer ones further down.
fn vocabulary(rng: &mut Rng) -> Vec<String> {
    const ONSETS: &[&str] = &[
        "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
        "br", "cr", "dr", "fr", "gr", "pl", "pr", "st", "tr", "ch", "sh", "th", "",
    ];
    const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "y"];
    const CODAS: &[&str] = &["", "", "", "n", "r", "s", "l", "m", "t", "nd", "st", "ck"];
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(VOCABULARY);
    while out.len() < VOCABULARY {
        let rank = out.len();
        if let Some((word, _)) = ACCENTED.iter().find(|(_, r)| *r == rank) {
            seen.insert(word.to_string());
            out.push(word.to_string());
            continue;
        }
        let syllables = match rank {
            0..=40 => 1,
            41..=700 => rng.range(1, 2),
            701..=3000 => rng.range(2, 3),
            _ => rng.range(2, 4),
        };
        let mut word = String::new();
        for _ in 0..syllables {
            word.push_str(rng.piece(ONSETS));
            word.push_str(rng.piece(VOWELS));
        }
        word.push_str(rng.piece(CODAS));
        if word.len() >= 2 && seen.insert(word.clone()) {
            out.push(word);
        }
    }
    out
}

/// Draws words with Zipf-like frequencies.
struct Prose {
    words: Vec<String>,
    /// Cumulative weights, rank^-s, normalised to end at 1.
    cdf: Vec<f64>,
}

impl Prose {
    fn new(words: Vec<String>) -> Prose {
        let mut total = 0.0;
        let mut cdf: Vec<f64> = (1..=words.len())
            .map(|r| {
                total += (r as f64).powf(-ZIPF_EXPONENT);
                total
            })
            .collect();
        cdf.iter_mut().for_each(|c| *c /= total);
        Prose { words, cdf }
    }

    fn word(&self, rng: &mut Rng) -> &str {
        let u = rng.unit();
        let i = self.cdf.partition_point(|c| *c < u);
        &self.words[i.min(self.words.len() - 1)]
    }

    /// A number as news prints them: a year, a count, a percentage, a large figure.
    fn number(rng: &mut Rng) -> String {
        match rng.range(0, 3) {
            0 => rng.range(1990, 2026).to_string(),
            1 => rng.range(2, 99).to_string(),
            2 => format!("{}%", rng.range(1, 99)),
            _ => format!("{},{:03}", rng.range(1, 99), rng.range(0, 999)),
        }
    }

    /// `n` words separated by spaces, with numbers and the odd comma.
    fn phrase(&self, rng: &mut Rng, n: usize, commas: bool) -> String {
        let mut out = String::new();
        for i in 0..n {
            if i > 0 {
                if commas && i + 2 < n && rng.range(0, 11) == 0 {
                    out.push(',');
                }
                out.push(' ');
            }
            if rng.range(0, 59) == 0 {
                out.push_str(&Self::number(rng));
            } else {
                out.push_str(self.word(rng));
            }
        }
        out
    }

    fn sentence(&self, rng: &mut Rng, n: usize) -> String {
        let mut s = capitalise(&self.phrase(rng, n, true));
        s.push('.');
        s
    }

    fn paragraph(&self, rng: &mut Rng) -> String {
        let sentences: Vec<String> = (0..rng.range(3, 6))
            .map(|_| {
                let n = rng.range(8, 24);
                self.sentence(rng, n)
            })
            .collect();
        sentences.join(" ")
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` for milliseconds since the epoch.
fn rfc3339(millis: i64) -> String {
    let (year, month, day, hour, minute) = meridian::format::civil_from_millis(millis);
    let second = millis.div_euclid(1000).rem_euclid(60);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
}

struct Options {
    out: String,
    articles: usize,
    shard: usize,
    seed: u64,
}

fn options() -> Result<Options, String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .cloned()
        .ok_or("usage: gen_paper OUT_DIR [--articles N] [--shard N] [--seed N]")?;
    let number = |flag: &str, default: u64| -> Result<u64, String> {
        match args.iter().position(|a| a == flag) {
            Some(i) => args
                .get(i + 1)
                .and_then(|n| n.parse().ok())
                .ok_or(format!("{flag} needs a number")),
            None => Ok(default),
        }
    };
    let options = Options {
        out,
        articles: number("--articles", 10_000)? as usize,
        shard: number("--shard", 500)? as usize,
        seed: number("--seed", 1)?,
    };
    if options.shard == 0 {
        return Err("--shard needs a positive number".into());
    }
    Ok(options)
}

const CATEGORIES: &[(&str, &str)] = &[
    ("world", "World"),
    ("business", "Business"),
    ("technology", "Technology"),
    ("science", "Science"),
    ("culture", "Culture"),
    ("sport", "Sport"),
];

fn main() -> ExitCode {
    let options = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    match generate(&options) {
        Ok(bytes) => {
            println!(
                "wrote {} articles ({:.1} MB) to {} in {:.2} s",
                options.articles,
                bytes as f64 / 1e6,
                options.out,
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_paper: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write(path: &Path, text: &str, bytes: &mut usize) -> Result<(), String> {
    *bytes += text.len();
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| e.to_string())
}

fn generate(o: &Options) -> Result<usize, String> {
    let mut rng = Rng(o.seed);
    let prose = Prose::new(vocabulary(&mut rng));
    let out = Path::new(&o.out);
    let api = out.join("api");
    let articles_dir = api.join("articles");
    std::fs::create_dir_all(&articles_dir).map_err(|e| format!("{}: {e}", o.out))?;
    // Remove the index pages and articles of an earlier, larger run.
    for dir in [&api, &articles_dir] {
        for entry in std::fs::read_dir(dir).map_err(|e| e.to_string())?.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            let stale = if dir == &api {
                name.starts_with("articles-") && name.ends_with(".json")
            } else {
                name.ends_with(".json")
            };
            if stale {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    let mut bytes = 0;
    let site = Site {
        name: "The Synthetic Meridian".into(),
        tagline: Some(format!(
            "{} generated articles, seed {}",
            o.articles, o.seed
        )),
        locale: "en-US".into(),
        time_zone: Some("Europe/Brussels".into()),
        content: Content {
            kind: ContentKind::Static,
            base: "api".into(),
            popularity: None,
        },
        categories: CATEGORIES
            .iter()
            .map(|(slug, name)| Category {
                slug: slug.to_string(),
                name: name.to_string(),
            })
            .collect(),
        weather: Some(WeatherConfig {
            place: "Brussels".into(),
            url: "api/weather.json".into(),
        }),
        url: None,
        request_timeout_ms: None,
        ads: Some(Ads::default()),
        dir: None,
        strings: Default::default(),
        live_poll_seconds: None,
    };
    write(&out.join("site.json"), &json(&site)?, &mut bytes)?;
    let authors: Vec<String> = (0..24)
        .map(|_| {
            format!(
                "{} {}",
                capitalise(&prose.words[rng.range(200, 2000)]),
                capitalise(&prose.words[rng.range(2000, 5999)])
            )
        })
        .collect();
    // Newest first, from 2026-11-26 09:00 UTC backwards.
    let mut published = 1_795_683_600_000i64;
    let mut summaries = Vec::with_capacity(o.articles);
    let mut samples = Vec::new();
    for id in 0..o.articles {
        published -= rng.range(20, 120) as i64 * 60_000;
        let n = rng.range(6, 12);
        let title = capitalise(&prose.phrase(&mut rng, n, false));
        let n = rng.range(20, 35);
        let standfirst = prose.sentence(&mut rng, n);
        let mut slug: Vec<String> = meridian::search::words(&title)
            .into_iter()
            .map(|w| w.chars().filter(char::is_ascii_alphanumeric).collect())
            .filter(|w: &String| !w.is_empty())
            .take(6)
            .collect();
        slug.push((id + 1).to_string());
        let tags = (0..rng.range(1, 3))
            .map(|_| prose.words[rng.range(100, 1000)].to_lowercase())
            .collect();
        let summary = ArticleSummary {
            slug: Slug(slug.join("-")),
            title,
            standfirst: Some(standfirst),
            category: rng.pick(CATEGORIES).0.to_string(),
            tags,
            authors: vec![rng.pick(&authors).clone()],
            published: Timestamp {
                text: rfc3339(published),
                millis: published,
            },
            updated: None,
            image: None,
            popularity: rng.range(0, 5000) as f64,
            live: false,
        };
        let mut body = Vec::new();
        let paragraphs = rng.range(6, 12);
        for i in 0..paragraphs {
            body.push(Block::Paragraph {
                text: prose.paragraph(&mut rng),
            });
            if i == paragraphs / 2 && rng.range(0, 4) == 0 {
                let n = rng.range(8, 20);
                body.push(Block::Quote {
                    text: prose.sentence(&mut rng, n),
                    cite: Some(rng.pick(&authors).clone()),
                });
            }
        }
        let article = Article {
            summary: summary.clone(),
            body,
            live: None,
        };
        let path = articles_dir.join(format!("{}.json", &*summary.slug));
        let text = json(&article)?;
        write(&path, &text, &mut bytes)?;
        if id % 97 == 0 || id + 1 == o.articles {
            samples.push((path, text, paragraphs));
        }
        summaries.push(summary);
    }
    let pages: Vec<&[ArticleSummary]> = summaries.chunks(o.shard).collect();
    let mut page_texts = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let file = if i == 0 {
            "articles.json".to_string()
        } else {
            format!("articles-{}.json", i + 1)
        };
        let doc = IndexPage {
            articles: page.to_vec(),
            next: (i + 1 < pages.len()).then(|| format!("articles-{}.json", i + 2)),
        };
        let text = json(&doc)?;
        write(&api.join(&file), &text, &mut bytes)?;
        page_texts.push((file, text));
    }
    if pages.is_empty() {
        let text = json(&IndexPage {
            articles: Vec::new(),
            next: None,
        })?;
        write(&api.join("articles.json"), &text, &mut bytes)?;
    }
    // Check the output with the app's own decoders.
    let site_text = std::fs::read_to_string(out.join("site.json")).map_err(|e| e.to_string())?;
    decode::<Site>("site.json", &site_text).map_err(|e| e.to_string())?;
    let mut listed = 0;
    for (file, text) in &page_texts {
        let page: IndexPage = decode(file, text).map_err(|e| e.to_string())?;
        listed += page.articles.len();
    }
    if listed != o.articles {
        return Err(format!(
            "the index lists {listed} articles, not {}",
            o.articles
        ));
    }
    for (path, text, paragraphs) in &samples {
        let name = path.display().to_string();
        let article: Article = decode(&name, text).map_err(|e| e.to_string())?;
        let found = article
            .body
            .iter()
            .filter(|b| matches!(b, Block::Paragraph { .. }))
            .count();
        if found != *paragraphs || !(6..=12).contains(&found) {
            return Err(format!("{name}: {found} paragraphs"));
        }
    }
    println!(
        "checked site.json, {} index pages and {} sample articles with meridian::model::decode",
        page_texts.len(),
        samples.len()
    );
    Ok(bytes)
}
