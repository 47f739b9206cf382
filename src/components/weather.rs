//! The masthead weather: rounded temperature with unit, a label and an icon.

use crate::format::{temperature_label, weather_label};
use crate::model::Weather;
use crate::words::Words;
use leptos::prelude::*;
use std::sync::Arc;

/// Current weather for `place`; renders nothing for values it cannot show.
#[component]
pub fn WeatherBadge(
    /// The configured place name.
    place: String,
    /// The loaded conditions.
    weather: Weather,
    /// The paper's words (a live part has no paper context).
    words: Arc<Words>,
) -> impl IntoView {
    let current = weather.current;
    temperature_label(
        current.temperature_2m,
        &weather.current_units.temperature_2m,
    )
    .map(|temp| {
        let (key, icon) = weather_label(current.weather_code);
        let args = [("weather", words.get(key)), ("place", place.as_str())];
        view! {
            <p class="weather" title=words.fill("weather_in", &args)>
                <span class=String::from("weather__icon weather__icon--") + icon aria-hidden="true"></span>
                <span class="weather__temp">{words.digits(&temp)}</span>
                <span class="weather__label">{words.fill("weather_at", &args)}</span>
            </p>
        }
    })
}
