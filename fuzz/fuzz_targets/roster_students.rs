//! Roster import (students): no panic on any bytes, in any encoding.
#![no_main]

use chrono::NaiveDate;
use hocdvc::roster::fields::SchoolYear;
use hocdvc::roster::students::parse_students_with;
use hocdvc::roster::table::ParseOptions;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A fixed date keeps runs reproducible (the default is today in Vietnam).
    let Some(today) = NaiveDate::from_ymd_opt(2026, 9, 5) else {
        return;
    };
    let Ok(year) = SchoolYear::parse("2026-2027") else {
        return;
    };
    let options = ParseOptions {
        today,
        max_rows: 200_000,
    };
    let _ = parse_students_with(data, &year, &options);
});
