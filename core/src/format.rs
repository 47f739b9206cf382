//! Pure formatting helpers: RFC 3339 parsing, reading time, weather labels.
//!
//! Locale-aware dates go through the browser's `Intl` (see `intl.rs`); what is here runs
//! anywhere and is tested on the host.

/// Parses an RFC 3339 date-time (`2023-02-01T09:00:00+01:00`, `…Z`, fractional seconds
/// allowed) to milliseconds since the Unix epoch. `None` for anything else.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || b.len() > 40 {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(range)?;
        if part.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(part).ok()?.parse().ok()
        } else {
            None
        }
    };
    let sep = |i: usize, c: &[u8]| b.get(i).is_some_and(|x| c.contains(x));
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":") && sep(16, b":")) {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19;
    let mut millis = 0;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
        // Keep milliseconds; finer digits are dropped.
        let digits = &s[start..i.min(start + 3)];
        millis = digits.parse::<i64>().ok()? * 10_i64.pow(3 - digits.len() as u32);
    }
    let offset_minutes = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && b[i + 3] == b':' => {
            let (h, m) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
            if h > 23 || m > 59 {
                return None;
            }
            let total = h * 60 + m;
            if *sign == b'-' {
                -total
            } else {
                total
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second.min(59) - offset_minutes * 60;
    Some(seconds * 1000 + millis)
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The UTC calendar date and time of a millisecond timestamp: (y, m, d, hh, mm).
pub fn civil_from_millis(millis: i64) -> (i64, i64, i64, i64, i64) {
    let secs = millis.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, rem / 3600, rem % 3600 / 60)
}

/// A locale-free rendering used where `Intl` is unavailable: `2023-02-01 09:00 UTC`.
pub fn format_utc(millis: i64, with_time: bool) -> String {
    let (y, m, d, hh, mm) = civil_from_millis(millis);
    if with_time {
        format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02} UTC")
    } else {
        format!("{y:04}-{m:02}-{d:02}")
    }
}

/// The offset in minutes of an RFC 3339 text (`+01:00` → 60, `Z` → 0), if it has one.
pub fn offset_minutes(text: &str) -> Option<i64> {
    let time = text.get(10..)?;
    if time.ends_with(['Z', 'z']) {
        return Some(0);
    }
    let at = time.rfind(['+', '-'])?;
    let (sign, rest) = time[at..].split_at(1);
    let (h, m) = rest.split_once(':')?;
    let minutes = h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()?;
    Some(if sign == "-" { -minutes } else { minutes })
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
];

/// English, in the time's own offset (`text` is its RFC 3339 form; UTC without one): what
/// the publish step writes when it has no time zone to go by. See [`format_at_offset`].
pub fn format_plain(millis: i64, text: &str, long_day: bool, with_time: bool) -> String {
    format_at_offset(
        millis,
        offset_minutes(text).unwrap_or(0),
        long_day,
        with_time,
    )
}

/// An instant in English (as `Intl.DateTimeFormat("en-US")` writes it) at a UTC offset of
/// `offset` minutes. `long_day`: "Wednesday, November 25, 2026"; `with_time`:
/// "November 25, 2026 at 6:45 AM"; neither: "Nov 25, 2026".
pub fn format_at_offset(millis: i64, offset: i64, long_day: bool, with_time: bool) -> String {
    let local = millis + offset * 60_000;
    let (y, m, d, hh, mm) = civil_from_millis(local);
    let month = MONTHS[(m - 1).clamp(0, 11) as usize];
    if long_day {
        let weekday = WEEKDAYS[local.div_euclid(86_400_000).rem_euclid(7) as usize];
        return format!("{weekday}, {month} {d}, {y}");
    }
    if !with_time {
        return format!("{} {d}, {y}", &month[..3]);
    }
    let (h12, half) = match hh {
        0 => (12, "AM"),
        1..=11 => (hh, "AM"),
        12 => (12, "PM"),
        _ => (hh - 12, "PM"),
    };
    format!("{month} {d}, {y} at {h12}:{mm:02} {half}")
}

/// Whether the publish step writes dates in `locale` itself (English by hand, the languages
/// the app has words for through ICU4X: the app's `intl` module): pages of other locales have their
/// dates rewritten by the browser's `Intl` after load.
pub fn writes_locale_natively(locale: &str) -> bool {
    // Read by the live parts too: a byte loop, no allocation.
    let end = locale
        .bytes()
        .position(|b| b == b'-' || b == b'_')
        .unwrap_or(locale.len());
    let language = &locale[..end];
    crate::words::LANGUAGES
        .iter()
        .any(|l| l.eq_ignore_ascii_case(language))
}

/// Whether `locale` is American English, whose dates and relative times this module writes
/// without `Intl`.
pub fn is_english(locale: &str) -> bool {
    matches!(locale, "en" | "en-US")
}

/// Today's masthead line from the publish step's table of coming days (`(start, text)`,
/// each day's first millisecond in the site's zone, in order), at `now`. `None` past the
/// table's last day: the browser's `Intl` then writes it.
pub fn day_from_table(days: &[(i64, String)], now: i64) -> Option<String> {
    let i = days.iter().rposition(|(start, _)| *start <= now)?;
    // The last entry only starts its day: its end is unknown, so it is not trusted.
    (i + 1 < days.len()).then(|| days[i].1.clone())
}

/// Minutes an adult reads `words` words in (≈ 230 words a minute), at least 1.
pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(230).max(1)
}

/// "4 min read".
/// The rounded temperature with its unit: `23 °C`, never `-0 °C`.
pub fn temperature_label(value: f64, unit: &str) -> Option<String> {
    if !value.is_finite() || value.abs() > 1000.0 {
        return None;
    }
    let rounded = value.round() as i64;
    let unit = unit.trim();
    let unit = if unit.is_empty() { "°" } else { unit };
    Some(format!("{rounded} {unit}"))
}

/// The word key ([`crate::words`]) and an icon for a WMO weather interpretation code (as
/// Open-Meteo returns). The icon is a name (`sun`, `sun-cloud`, `cloud`, `fog`, `rain`,
/// `snow`, `storm`, `weather`) that the stylesheet draws (`style/masthead.css`): no emoji,
/// which a system without an emoji font shows as an empty box.
pub fn weather_label(code: u16) -> (&'static str, &'static str) {
    match code {
        0 => ("weather.clear_sky", "sun"),
        1 => ("weather.mainly_clear", "sun-cloud"),
        2 => ("weather.partly_cloudy", "sun-cloud"),
        3 => ("weather.overcast", "cloud"),
        45 | 48 => ("weather.fog", "fog"),
        51 | 53 | 55 => ("weather.drizzle", "rain"),
        56 | 57 => ("weather.freezing_drizzle", "rain"),
        61 | 63 => ("weather.rain", "rain"),
        65 => ("weather.heavy_rain", "rain"),
        66 | 67 => ("weather.freezing_rain", "rain"),
        71 | 73 => ("weather.snow", "snow"),
        75 => ("weather.heavy_snow", "snow"),
        77 => ("weather.snow_grains", "snow"),
        80..=82 => ("weather.rain_showers", "rain"),
        85 | 86 => ("weather.snow_showers", "snow"),
        95 => ("weather.thunderstorm", "storm"),
        96 | 99 => ("weather.thunderstorm_hail", "storm"),
        _ => ("weather.unknown", "weather"),
    }
}

/// How long ago (negative) or ahead `then` is from `now`, in the largest whole unit, for
/// times within a week: `(-3, "hour")` for three hours ago. `None` further out.
pub fn relative_unit(now_millis: i64, then_millis: i64) -> Option<(i64, &'static str)> {
    let secs = (then_millis - now_millis) / 1000;
    let abs = secs.abs();
    let (value, unit) = match abs {
        0..=59 => (secs, "second"),
        60..=3_599 => (secs / 60, "minute"),
        3_600..=86_399 => (secs / 3_600, "hour"),
        86_400..=604_799 => (secs / 86_400, "day"),
        _ => return None,
    };
    Some((value, unit))
}

/// [`relative_unit`] in English, as `Intl.RelativeTimeFormat("en", {numeric: "auto"})`
/// writes it: "now", "3 minutes ago", "yesterday", "in 2 hours".
pub fn relative_label_en(value: i64, unit: &str) -> String {
    let n = value.abs();
    let plural = if n == 1 { "" } else { "s" };
    match (value, unit) {
        (_, "second") => "now".into(),
        (-1, "day") => "yesterday".into(),
        (1, "day") => "tomorrow".into(),
        (v, _) if v < 0 => format!("{n} {unit}{plural} ago"),
        _ => format!("in {n} {unit}{plural}"),
    }
}
