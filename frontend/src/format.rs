//! How dates, times and school years are written for Vietnamese readers: dd/mm/yyyy, 24-hour
//! local time, and school years such as `2025-2026`. The API speaks ISO 8601 (UTC for times).

/// `2010-09-05` → `05/09/2010`; anything else is shown as it came.
pub fn date(iso: &str) -> String {
    let mut parts = iso.get(..10).unwrap_or(iso).splitn(3, '-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            format!("{d}/{m}/{y}")
        }
        _ => iso.to_owned(),
    }
}

/// A UTC ISO time (`2026-11-28T15:04:05`, with or without `Z`) as local `dd/mm/yyyy hh:mm`.
pub fn date_time_local(iso_utc: &str) -> String {
    let utc = if iso_utc.ends_with('Z') || iso_utc.contains('+') {
        iso_utc.to_owned()
    } else {
        format!("{iso_utc}Z")
    };
    let time = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(&utc));
    if time.get_time().is_nan() {
        return iso_utc.to_owned();
    }
    format!(
        "{:02}/{:02}/{} {:02}:{:02}",
        time.get_date(),
        time.get_month() + 1,
        time.get_full_year(),
        time.get_hours(),
        time.get_minutes()
    )
}

/// The school year running today: from September a new one starts (`2025-2026` from
/// 1 September 2025 to 31 August 2026).
pub fn current_school_year() -> String {
    let today = js_sys::Date::new_0();
    let year = today.get_full_year();
    // getMonth() is 0-based: 8 is September.
    let start = if today.get_month() >= 8 {
        year
    } else {
        year - 1
    };
    format!("{start}-{}", start + 1)
}

/// The local day `days` from today as `dd/mm/yyyy` (a form's default date).
pub fn day_from_today(days: u32) -> String {
    let day = js_sys::Date::new_0();
    day.set_date(day.get_date() + days);
    format!(
        "{:02}/{:02}/{}",
        day.get_date(),
        day.get_month() + 1,
        day.get_full_year()
    )
}

/// Whether `text` reads as a real `dd/mm/yyyy` day (the server checks again).
pub fn is_day(text: &str) -> bool {
    let parts: Vec<&str> = text.trim().split('/').collect();
    let [d, m, y] = parts.as_slice() else {
        return false;
    };
    let (Ok(d), Ok(m), Ok(y)) = (d.parse::<u32>(), m.parse::<u32>(), y.parse::<i32>()) else {
        return false;
    };
    let days_in_month = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    };
    (1900..=2200).contains(&y) && d >= 1 && d <= days_in_month
}

/// A score as Vietnamese readers write it: `12`, `12,5` (decimal comma, at most one place).
pub fn score(value: f64) -> String {
    if value.fract().abs() < 1e-9 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}").replace('.', ",")
    }
}

#[cfg(test)]
mod tests {
    use super::{date, is_day, score};

    #[test]
    fn days_are_checked_day_first() {
        assert!(is_day("29/02/2028"));
        assert!(!is_day("29/02/2027"));
        assert!(!is_day("2026-12-05"));
        assert!(!is_day("31/04/2026"));
    }

    #[test]
    fn scores_use_a_decimal_comma() {
        assert_eq!(score(12.0), "12");
        assert_eq!(score(12.5), "12,5");
    }

    #[test]
    fn iso_dates_read_day_first() {
        assert_eq!(date("2010-09-05"), "05/09/2010");
        assert_eq!(date("2010-09-05T00:00:00"), "05/09/2010");
        assert_eq!(date("không rõ"), "không rõ");
    }
}
