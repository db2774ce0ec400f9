//! Moodle XML import: any bytes must parse or be rejected without a panic; whatever parses
//! must also survive write → parse.
#![no_main]

use hocdvc::question_formats::error::decode_utf8;
use hocdvc::question_formats::moodle_xml::{parse_moodle_xml, write_moodle_xml};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode_utf8(data, "fuzz.xml") else {
        return;
    };
    if let Ok(parsed) = parse_moodle_xml(&text, "fuzz.xml") {
        let written = write_moodle_xml(&parsed.questions);
        let _ = parse_moodle_xml(&written, "written.xml");
    }
});
