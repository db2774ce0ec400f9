//! Errors reported by the question format parsers.
//!
//! Messages are shown to teachers, so they are written in Vietnamese; the
//! code and these comments stay in English.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use serde::{Deserialize, Serialize};

/// One problem found while reading an import file.
///
/// `line` is 1-based and always points into the file that was read, so a
/// teacher can find the question that needs fixing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{file}, dòng {line}: {message}")]
pub struct ParseError {
    /// Name of the imported file, as given by the caller.
    pub file: String,
    /// 1-based line number the problem was found on.
    pub line: usize,
    /// Human readable (Vietnamese) description of what was expected.
    pub message: String,
}

impl ParseError {
    /// Builds an error for `file` at `line`.
    pub fn new(file: &str, line: usize, message: impl Into<String>) -> Self {
        ParseError {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}

/// Decodes raw uploaded bytes into text, rejecting anything that is not
/// UTF-8 (Moodle only reads UTF-8 import files). A leading UTF-8 byte order
/// mark is kept; both parsers skip it.
///
/// # Errors
///
/// Invalid UTF-8 gives one error naming the line where decoding failed.
pub fn decode_utf8(bytes: &[u8], file_name: &str) -> Result<String, Vec<ParseError>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(err) => {
            let valid = bytes.get(..err.valid_up_to()).unwrap_or(&[]);
            let line = 1 + valid.iter().filter(|b| **b == b'\n').count();
            Err(vec![ParseError::new(
                file_name,
                line,
                "Tệp không phải văn bản UTF-8 hợp lệ (có thể là tệp nhị phân hoặc dùng bảng mã khác). \
                 Hãy lưu lại tệp với bảng mã UTF-8.",
            )])
        }
    }
}

/// Rejects input that contains control characters no text file has
/// (NUL, the other C0 controls except tab/newline/vertical tab/form feed/
/// carriage return, and DEL). Returns the 1-based line of the first one.
pub(crate) fn find_binary_line(input: &str) -> Option<usize> {
    let mut line = 1;
    for c in input.chars() {
        if c == '\n' {
            line += 1;
            continue;
        }
        let code = u32::from(c);
        let bad = matches!(code, 0x00..=0x08 | 0x0E..=0x1F | 0x7F);
        if bad {
            return Some(line);
        }
    }
    None
}

/// The error message used for binary (non-text) input.
pub(crate) fn binary_error(file_name: &str, line: usize) -> ParseError {
    ParseError::new(
        file_name,
        line,
        "Tệp chứa ký tự điều khiển/nhị phân, không phải tệp văn bản câu hỏi. \
         Hãy kiểm tra lại tệp đã chọn.",
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn a_parse_error_displays_file_line_and_message() {
        let e = ParseError::new("a.txt", 3, "Thiếu dấu '}'");
        assert_eq!(e.to_string(), "a.txt, dòng 3: Thiếu dấu '}'");
    }

    #[test]
    fn invalid_utf8_is_rejected_with_its_line() {
        let bytes = b"ok\nstill ok\n\xff\xfe garbage";
        let errs = decode_utf8(bytes, "bin.txt").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, 3);
        assert!(errs[0].message.contains("UTF-8"));
    }

    #[test]
    fn valid_utf8_is_returned_unchanged() {
        assert_eq!(decode_utf8("Câu hỏi".as_bytes(), "x").unwrap(), "Câu hỏi");
    }

    #[test]
    fn control_characters_are_located_by_line() {
        assert_eq!(find_binary_line("a\nb\n\u{0}c"), Some(3));
        assert_eq!(find_binary_line("a\tb\r\nc"), None);
    }
}
