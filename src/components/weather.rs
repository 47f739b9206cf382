//! The masthead weather: rounded temperature with unit, a label and an icon.

use crate::format::{temperature_label, weather_label};
use crate::model::Weather;
use leptos::prelude::*;

/// Current weather for `place`; renders nothing for values it cannot show.
#[component]
pub fn WeatherBadge(
    /// The configured place name.
    place: String,
    /// The loaded conditions.
    weather: Weather,
) -> impl IntoView {
    let current = weather.current;
    temperature_label(
        current.temperature_2m,
        &weather.current_units.temperature_2m,
    )
    .map(|temp| {
        let (label, icon) = weather_label(current.weather_code);
        view! {
            <p class="weather" title=format!("{label} in {place}")>
                <span class=format!("weather__icon weather__icon--{icon}") aria-hidden="true"></span>
                <span class="weather__temp">{temp}</span>
                <span class="weather__label">{format!("{label}, {place}")}</span>
            </p>
        }
    })
}
