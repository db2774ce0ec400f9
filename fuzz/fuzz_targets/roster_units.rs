//! Roster import (units: schools, communes, departments): no panic on any bytes.
#![no_main]

use hocdvc::roster::units::parse_units;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = parse_units(data);
});
