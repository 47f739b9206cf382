//! Dates in the site's locale and time zone: through the browser's `Intl.DateTimeFormat`
//! in the browser, and natively (the publish step) in English in the site's zone
//! ([`crate::format::writes_locale_natively`]), so a prerendered page needs no `Intl` at
//! load. Bad locales or zones from `site.json` never throw: they fall back to `en-US` and
//! the reader's zone (the article's own offset natively).

use crate::format::{format_at_offset, format_utc};

/// What part of a date to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateStyle {
    /// "Wednesday, February 1, 2023" (the masthead).
    LongDay,
    /// "February 1, 2023 at 9:00 AM" (bylines).
    DateTime,
    /// "Feb 1, 2023" (cards and lists).
    Short,
}

/// Formats `millis` (Unix epoch) for a reader.
pub fn format_date(millis: i64, locale: &str, time_zone: Option<&str>, style: DateStyle) -> String {
    imp::format(millis, locale, time_zone, style)
        .unwrap_or_else(|| format_utc(millis, style == DateStyle::DateTime))
}

/// A date as a page shows it: [`format_date`] in the browser; natively, English in the site's
/// zone, or in the offset of `text` (the date's RFC 3339 form) without a zone.
pub fn format_timestamp(
    millis: i64,
    text: &str,
    locale: &str,
    time_zone: Option<&str>,
    style: DateStyle,
) -> String {
    if cfg!(target_arch = "wasm32") {
        return format_date(millis, locale, time_zone, style);
    }
    let offset = time_zone
        .and_then(|tz| imp::offset_in(tz, millis))
        .or_else(|| crate::format::offset_minutes(text))
        .unwrap_or(0);
    written(millis, offset, locale, style)
}

/// `millis` at a UTC offset of `offset` minutes as the publish step writes it: English by
/// hand, the app's other languages through ICU4X (the same text as Chromium's `Intl`, but
/// for `fa-IR`'s long day, which Chromium writes year first).
fn written(millis: i64, offset: i64, locale: &str, style: DateStyle) -> String {
    let (long_day, with_time) = (style == DateStyle::LongDay, style == DateStyle::DateTime);
    let english = || format_at_offset(millis, offset, long_day, with_time);
    if crate::format::is_english(locale) || !crate::format::writes_locale_natively(locale) {
        return english();
    }
    imp::localized(millis + offset * 60_000, locale, style)
        // Chromium's ICU writes a plain space where CLDR has a narrow no-break one ("2026 р.").
        .map(|text| text.replace('\u{202f}', " "))
        .unwrap_or_else(english)
}

/// "3 hours ago" in the reader's locale for times within a week of `now`; `None` further out,
/// and natively (a page written ahead of time cannot know when it is read).
pub fn format_relative(millis: i64, now: i64, locale: &str) -> Option<String> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    let (value, unit) = crate::format::relative_unit(now, millis)?;
    let value = if unit == "second" { 0 } else { value };
    if crate::format::is_english(locale) {
        return Some(crate::format::relative_label_en(value, unit));
    }
    Some(
        imp::relative(value, unit, locale)
            .unwrap_or_else(|| crate::format::relative_label_en(value, unit)),
    )
}

/// The publish step's table of the masthead's coming days, for the live date of a
/// prerendered page (written into the Top news rail file, [`crate::model::RailFile::days`]):
/// `days` days from the one `from` falls on, in the site's zone, as
/// `[(first millisecond of the day, "Saturday, December 5, 2026"), …]`. Empty in the browser,
/// without a zone (the reader's own decides the day), and for a locale the publish step does
/// not write ([`crate::format::writes_locale_natively`]).
pub fn masthead_days(
    locale: &str,
    time_zone: Option<&str>,
    from: i64,
    days: u32,
) -> Vec<(i64, String)> {
    if !crate::format::writes_locale_natively(locale) {
        return Vec::new();
    }
    let starts = time_zone.and_then(|tz| imp::day_starts(tz, from, days));
    starts
        .unwrap_or_default()
        .into_iter()
        .map(|(start, offset)| (start, written(start, offset, locale, DateStyle::LongDay)))
        .collect()
}

/// The current time in milliseconds since the Unix epoch.
pub fn now_millis() -> i64 {
    imp::now()
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::DateStyle;
    use js_sys::{Array, Function, Object, Reflect};
    use std::cell::RefCell;
    use wasm_bindgen::{JsCast, JsValue};

    type Key = (String, Option<String>, DateStyle);

    thread_local! {
        /// The formatters made so far: a page uses a handful (one per style), so a list.
        static FORMATTERS: RefCell<Vec<(Key, Option<Function>)>> = const { RefCell::new(Vec::new()) };
    }

    /// Dates the browser writes itself ([`super::format_date`]).
    pub fn localized(_: i64, _: &str, _: DateStyle) -> Option<String> {
        None
    }

    pub fn now() -> i64 {
        js_sys::Date::now() as i64
    }

    fn options(style: DateStyle, time_zone: Option<&str>) -> Object {
        let o = Object::new();
        let set = |k: &str, v: &str| {
            let _ = Reflect::set(&o, &k.into(), &v.into());
        };
        match style {
            DateStyle::LongDay => {
                set("weekday", "long");
                set("year", "numeric");
                set("month", "long");
                set("day", "numeric");
            }
            DateStyle::DateTime => {
                set("dateStyle", "long");
                set("timeStyle", "short");
            }
            DateStyle::Short => set("dateStyle", "medium"),
        }
        if let Some(tz) = time_zone {
            set("timeZone", tz);
        }
        o
    }

    /// `new Intl.DateTimeFormat(locale, options).format`, or `None` if it throws.
    fn formatter(locale: &str, time_zone: Option<&str>, style: DateStyle) -> Option<Function> {
        let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        let ctor: Function = Reflect::get(&intl, &"DateTimeFormat".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let args = Array::of2(&JsValue::from_str(locale), &options(style, time_zone));
        let dtf = Reflect::construct(&ctor, &args).ok()?;
        Reflect::get(&dtf, &"format".into()).ok()?.dyn_into().ok()
    }

    /// `new Intl.RelativeTimeFormat(locale, {numeric: "auto"}).format(value, unit)`.
    pub fn relative(value: i64, unit: &str, locale: &str) -> Option<String> {
        let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        let ctor: Function = Reflect::get(&intl, &"RelativeTimeFormat".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let options = Object::new();
        let _ = Reflect::set(&options, &"numeric".into(), &"auto".into());
        let rtf = Reflect::construct(&ctor, &Array::of2(&locale.into(), &options))
            .or_else(|_| Reflect::construct(&ctor, &Array::of2(&"en-US".into(), &options)))
            .ok()?;
        let format: Function = Reflect::get(&rtf, &"format".into()).ok()?.dyn_into().ok()?;
        format
            .call2(&rtf, &JsValue::from_f64(value as f64), &unit.into())
            .ok()?
            .as_string()
    }

    pub fn offset_in(_: &str, _: i64) -> Option<i64> {
        None
    }

    pub fn day_starts(_: &str, _: i64, _: u32) -> Option<Vec<(i64, i64)>> {
        None
    }

    pub fn format(millis: i64, locale: &str, tz: Option<&str>, style: DateStyle) -> Option<String> {
        let key = (locale.to_string(), tz.map(String::from), style);
        let f = FORMATTERS.with(|cache| {
            let mut cache = cache.borrow_mut();
            if let Some((_, f)) = cache.iter().find(|(k, _)| *k == key) {
                return f.clone();
            }
            let f = formatter(locale, tz, style)
                .or_else(|| formatter(locale, None, style))
                .or_else(|| formatter("en-US", None, style));
            cache.push((key, f.clone()));
            f
        })?;
        let date = js_sys::Date::new(&JsValue::from_f64(millis as f64));
        f.call1(&JsValue::NULL, &date).ok()?.as_string()
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::DateStyle;

    pub fn now() -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64)
    }

    pub fn format(_: i64, _: &str, _: Option<&str>, _: DateStyle) -> Option<String> {
        None
    }

    pub fn relative(_: i64, _: &str, _: &str) -> Option<String> {
        None
    }

    use icu_datetime::fieldsets::{YMD, YMDE, YMDT};
    use icu_datetime::input::{Date, DateTime, Time};
    use icu_datetime::options::TimePrecision;
    use icu_datetime::DateTimeFormatter;
    use std::cell::RefCell;
    use std::collections::HashMap;

    /// One formatter per locale and style, made once per thread.
    struct Formatters {
        long_day: HashMap<String, Option<DateTimeFormatter<YMDE>>>,
        date_time: HashMap<String, Option<DateTimeFormatter<YMDT>>>,
        short: HashMap<String, Option<DateTimeFormatter<YMD>>>,
    }

    thread_local! {
        static FORMATTERS: RefCell<Formatters> = RefCell::new(Formatters {
            long_day: HashMap::new(),
            date_time: HashMap::new(),
            short: HashMap::new(),
        });
    }

    /// The local time `local` (milliseconds, already at the zone's offset) in `locale` and
    /// its calendar: the options of the browser side ([`super::DateStyle`]): a long date with
    /// the weekday; the long date with hours and minutes; the medium date.
    pub fn localized(local: i64, locale: &str, style: DateStyle) -> Option<String> {
        let (y, m, d, hh, mm) = crate::format::civil_from_millis(local);
        let date = Date::try_new_gregorian(i32::try_from(y).ok()?, m as u8, d as u8).ok()?;
        let time = Time::try_new(hh as u8, mm as u8, 0, 0).ok()?;
        let at = DateTime { date, time };
        let parsed: icu_locale_core::Locale = locale.parse().ok()?;
        FORMATTERS.with(|f| {
            let mut f = f.borrow_mut();
            Some(match style {
                DateStyle::LongDay => f
                    .long_day
                    .entry(locale.to_string())
                    .or_insert_with(|| DateTimeFormatter::try_new(parsed.into(), YMDE::long()).ok())
                    .as_ref()?
                    .format(&at)
                    .to_string(),
                DateStyle::DateTime => f
                    .date_time
                    .entry(locale.to_string())
                    .or_insert_with(|| {
                        let fields = YMDT::long().with_time_precision(TimePrecision::Minute);
                        DateTimeFormatter::try_new(parsed.into(), fields).ok()
                    })
                    .as_ref()?
                    .format(&at)
                    .to_string(),
                DateStyle::Short => f
                    .short
                    .entry(locale.to_string())
                    .or_insert_with(|| {
                        DateTimeFormatter::try_new(parsed.into(), YMD::medium()).ok()
                    })
                    .as_ref()?
                    .format(&at)
                    .to_string(),
            })
        })
    }

    /// The UTC offset in minutes of zone `tz` at `millis`.
    pub fn offset_in(tz: &str, millis: i64) -> Option<i64> {
        let zone = jiff::tz::TimeZone::get(tz).ok()?;
        let at = jiff::Timestamp::from_millisecond(millis).ok()?;
        Some(i64::from(zone.to_offset(at).seconds()) / 60)
    }

    /// The first instant of `days` days in zone `tz` from the one `from` falls on, each with
    /// the zone's offset then (milliseconds, minutes).
    pub fn day_starts(tz: &str, from: i64, days: u32) -> Option<Vec<(i64, i64)>> {
        let zone = jiff::tz::TimeZone::get(tz).ok()?;
        let mut day = jiff::Timestamp::from_millisecond(from)
            .ok()?
            .to_zoned_datetime(zone.clone())
            .date();
        let mut out = Vec::with_capacity(days as usize);
        for _ in 0..days {
            let start = day
                .to_zoned_datetime(zone.clone())
                .ok()?
                .start_of_day()
                .ok()?;
            out.push((
                start.timestamp().as_millisecond(),
                i64::from(start.offset().seconds()) / 60,
            ));
            day = day.tomorrow().ok()?;
        }
        Some(out)
    }
}
