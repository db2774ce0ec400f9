//! GIFT import: any bytes, decoded the way the importer does, must parse or be rejected
//! without a panic; whatever parses must also survive write → parse.
#![no_main]

use hocdvc::question_formats::error::decode_utf8;
use hocdvc::question_formats::gift::{parse_gift, write_gift};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode_utf8(data, "fuzz.gift") else {
        return;
    };
    if let Ok(questions) = parse_gift(&text, "fuzz.gift") {
        let written = write_gift(&questions);
        let _ = parse_gift(&written, "written.gift");
    }
});
