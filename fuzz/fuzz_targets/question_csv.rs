//! CSV question import (any encoding the roster decoder accepts): no panic on any bytes;
//! whatever parses must also survive write → parse.
#![no_main]

use hocdvc::question_formats::csv::{parse_csv, write_csv};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(questions) = parse_csv(data, "fuzz.csv") {
        let written = write_csv(&questions);
        let _ = parse_csv(written.as_bytes(), "written.csv");
    }
});
