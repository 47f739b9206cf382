//! Pure formatting: RFC 3339 parsing, reading time, weather labels.

use meridian::format::{
    civil_from_millis, format_utc, parse_rfc3339, reading_minutes, temperature_label, weather_label,
};

#[test]
fn rfc3339_parses_offsets_and_fractions() {
    let cases: &[(&str, i64)] = &[
        ("1970-01-01T00:00:00Z", 0),
        ("2023-02-01T09:00:00Z", 1_675_242_000_000),
        ("2023-02-01T10:00:00+01:00", 1_675_242_000_000),
        ("2023-02-01T14:30:00+05:30", 1_675_242_000_000),
        ("2023-02-01T04:00:00-05:00", 1_675_242_000_000),
        ("2023-02-01T09:00:00.250Z", 1_675_242_000_250),
        ("2023-02-01t09:00:00.5z", 1_675_242_000_500),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000),
        ("1969-12-31T23:59:59Z", -1000),
    ];
    for (text, millis) in cases {
        assert_eq!(parse_rfc3339(text), Some(*millis), "{text}");
    }
}

#[test]
fn rfc3339_rejects_what_is_not_a_date_time() {
    for text in [
        "",
        "yesterday",
        "2023-02-01",
        "2023-02-01T09:00",
        "2023-02-01T09:00:00",
        "2023-13-01T09:00:00Z",
        "2023-02-29T09:00:00Z",
        "2023-02-01T24:00:00Z",
        "2023-02-01T09:00:00+1:00",
        "2023-02-01T09:00:00.Z",
        "2023-02-01T09:00:00+25:00",
        "２０２３-02-01T09:00:00Z",
        "2023-02-01T09:00:00Zjunk",
    ] {
        assert_eq!(parse_rfc3339(text), None, "{text}");
    }
}

#[test]
fn civil_dates_round_trip() {
    for text in [
        "2026-11-26T08:15:00Z",
        "2000-02-29T23:59:00Z",
        "1999-12-31T00:00:00Z",
    ] {
        let millis = parse_rfc3339(text).unwrap();
        let (y, m, d, hh, mm) = civil_from_millis(millis);
        assert_eq!(format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:00Z"), text);
    }
    assert_eq!(format_utc(1_675_242_000_000, true), "2023-02-01 09:00 UTC");
    assert_eq!(format_utc(1_675_242_000_000, false), "2023-02-01");
}

#[test]
fn reading_time_is_at_least_a_minute() {
    assert_eq!(reading_minutes(0), 1);
    assert_eq!(reading_minutes(230), 1);
    assert_eq!(reading_minutes(231), 2);
    assert_eq!(reading_minutes(1000), 5);
}

#[test]
fn temperature_is_rounded_with_its_unit() {
    assert_eq!(temperature_label(23.0, "°C").as_deref(), Some("23 °C"));
    assert_eq!(temperature_label(6.5, "°C").as_deref(), Some("7 °C"));
    assert_eq!(temperature_label(-0.4, "°C").as_deref(), Some("0 °C"));
    assert_eq!(temperature_label(-3.6, "°F").as_deref(), Some("-4 °F"));
    assert_eq!(temperature_label(f64::NAN, "°C"), None);
    assert_eq!(temperature_label(1e9, "°C"), None);
}

#[test]
fn wmo_codes_have_words_and_an_icon() {
    let english = meridian::words::Words::new("en", None, &Default::default()).0;
    let said = |code| english.get(weather_label(code).0).to_string();
    assert_eq!(said(0), "Clear sky");
    assert_eq!(said(1), "Mainly clear");
    assert_eq!(said(3), "Overcast");
    assert_eq!(said(63), "Rain");
    assert_eq!(said(95), "Thunderstorm");
    assert_eq!(said(12345), "Weather");
    // Every icon is one the stylesheet draws (style/masthead.css), never an emoji.
    let css = include_str!("../style/masthead.css");
    for code in [0, 1, 2, 3, 45, 51, 61, 71, 80, 95, 99, 12345] {
        let (key, icon) = weather_label(code);
        assert_ne!(english.get(key), key, "{code}: a word for {key}");
        assert!(
            css.contains(&format!(".weather__icon--{icon} {{")),
            "{code}: {icon}"
        );
    }
}

#[test]
fn plain_dates_are_written_in_the_times_own_offset() {
    use meridian::format::{format_plain, offset_minutes, parse_rfc3339};
    let text = "2026-11-25T06:45:00+01:00";
    let millis = parse_rfc3339(text).unwrap();
    assert_eq!(offset_minutes(text), Some(60));
    assert_eq!(offset_minutes("2026-11-25T05:45:00Z"), Some(0));
    assert_eq!(offset_minutes("2026-11-25T01:45:00-04:30"), Some(-270));
    assert_eq!(offset_minutes("2026-11-25T05:45:00"), None);
    assert_eq!(
        format_plain(millis, text, false, true),
        "November 25, 2026 at 6:45 AM"
    );
    assert_eq!(format_plain(millis, text, false, false), "Nov 25, 2026");
    assert_eq!(
        format_plain(millis, text, true, false),
        "Wednesday, November 25, 2026"
    );
    // The same instant without an offset is written in UTC.
    assert_eq!(
        format_plain(millis, "", false, true),
        "November 25, 2026 at 5:45 AM"
    );
    let noon = parse_rfc3339("2026-01-01T12:05:00Z").unwrap();
    assert_eq!(
        format_plain(noon, "Z", false, true),
        "January 1, 2026 at 12:05 PM"
    );
    let midnight = parse_rfc3339("2026-01-01T00:00:00Z").unwrap();
    assert_eq!(
        format_plain(midnight, "Z", false, true),
        "January 1, 2026 at 12:00 AM"
    );
}

#[test]
fn the_publish_step_writes_dates_in_the_sites_language_and_calendar() {
    use meridian::intl::{format_timestamp, masthead_days, DateStyle};
    // 2026-12-05 09:30 UTC, 11:30 in Cairo: what Chromium 156's Intl.DateTimeFormat writes
    // with the browser side's options (src/intl.rs), style by style.
    let millis = 1_796_463_000_000;
    let text = "2026-12-05T11:30:00+02:00";
    #[rustfmt::skip]
    let chromium = [
        ("ar-EG", ["السبت، ٥ ديسمبر ٢٠٢٦", "٥ ديسمبر ٢٠٢٦ في ١١:٣٠ ص", "٠٥\u{200f}/١٢\u{200f}/٢٠٢٦"]),
        // Chromium writes fa-IR's long day year first ("۱۴۰۵ آذر ۱۴, شنبه"); ICU4X as CLDR has it.
        ("fa-IR", ["شنبه ۱۴ آذر ۱۴۰۵", "۱۴ آذر ۱۴۰۵ ساعت ۱۱:۳۰", "۱۴ آذر ۱۴۰۵"]),
        ("uk-UA", ["субота, 5 грудня 2026 р.", "5 грудня 2026 р. о 11:30", "5 груд. 2026 р."]),
        ("el-GR", ["Σάββατο 5 Δεκεμβρίου 2026", "5 Δεκεμβρίου 2026 στις 11:30 π.μ.", "5 Δεκ 2026"]),
        ("fr-FR", ["samedi 5 décembre 2026", "5 décembre 2026 à 11:30", "5 déc. 2026"]),
        ("de-DE", ["Samstag, 5. Dezember 2026", "5. Dezember 2026 um 11:30", "05.12.2026"]),
        ("nl-NL", ["zaterdag 5 december 2026", "5 december 2026 om 11:30", "5 dec 2026"]),
        ("es-ES", ["sábado, 5 de diciembre de 2026", "5 de diciembre de 2026 a las 11:30", "5 dic 2026"]),
        ("ar-MA", ["السبت، 5 دجنبر 2026", "5 دجنبر 2026 في 11:30", "05\u{200f}/12\u{200f}/2026"]),
        ("en-US", ["Saturday, December 5, 2026", "December 5, 2026 at 11:30 AM", "Dec 5, 2026"]),
    ];
    for (locale, expected) in chromium {
        for (style, want) in [DateStyle::LongDay, DateStyle::DateTime, DateStyle::Short]
            .iter()
            .zip(expected)
        {
            let got = format_timestamp(millis, text, locale, Some("Africa/Cairo"), *style);
            assert_eq!(got, want, "{locale} {style:?}");
        }
    }
    // A language the app has no words for is left to the browser: English in the page,
    // written again in the locale at load.
    let swahili = format_timestamp(
        millis,
        text,
        "sw-KE",
        Some("Africa/Cairo"),
        DateStyle::Short,
    );
    assert_eq!(swahili, "Dec 5, 2026");
    let days = masthead_days("el-GR", Some("Europe/Athens"), millis, 2);
    assert_eq!(days.len(), 2);
    assert_eq!(days[0].1, "Σάββατο 5 Δεκεμβρίου 2026");
    assert!(masthead_days("sw-KE", Some("Europe/Athens"), millis, 2).is_empty());
}
