//! Bytes → NFC text, for whatever Vietnamese schools send: Excel "CSV UTF-8"
//! (BOM), plain UTF-8 (possibly decomposed), Excel "Unicode text" (UTF-16LE
//! with BOM, tab-separated), UTF-16BE with BOM, and legacy Excel "CSV" saved
//! on Vietnamese Windows (Windows-1258, tone marks as separate bytes).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::error::FileError;
use super::text::to_nfc;

/// The encoding a file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    Utf8Bom,
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1258,
}

impl Encoding {
    /// Short human label, e.g. for an import summary.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8Bom => "UTF-8 (có BOM)",
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1258 => "Windows-1258",
        }
    }
}

/// A decoded file: NFC text without BOM, and the detected field delimiter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// One of `b','`, `b';'`, `b'\t'`.
    pub delimiter: u8,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";

/// Signatures of files people upload instead of a CSV.
const BINARY_SIGNATURES: &[&[u8]] = &[
    b"\x89PNG\r\n\x1a\n",                // PNG
    b"PK\x03\x04",                       // ZIP, XLSX, DOCX, ODS
    b"PK\x05\x06",                       // empty ZIP
    b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", // OLE2: XLS, DOC
    b"%PDF-",                            // PDF
    b"\xFF\xD8\xFF",                     // JPEG
    b"GIF87a",
    b"GIF89a",
    b"\x1F\x8B", // gzip
    b"Rar!\x1A\x07",
    b"7z\xBC\xAF\x27\x1C",
];

/// How many leading lines may be title/blank lines before the header.
pub(super) const HEADER_SEARCH_LINES: usize = 10;

/// Decodes an uploaded roster file. Never panics.
pub fn decode(bytes: &[u8]) -> Result<Decoded, FileError> {
    if BINARY_SIGNATURES.iter().any(|sig| bytes.starts_with(sig)) {
        return Err(FileError::NotCsv);
    }
    let (text, encoding): (Cow<'_, str>, Encoding) =
        if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
            // The BOM declares UTF-8; stray invalid bytes become U+FFFD and are
            // caught by the plausibility check or the row validation.
            (String::from_utf8_lossy(rest), Encoding::Utf8Bom)
        } else if let Some(rest) = bytes.strip_prefix(UTF16LE_BOM) {
            let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
            (text, Encoding::Utf16Le)
        } else if let Some(rest) = bytes.strip_prefix(UTF16BE_BOM) {
            let (text, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
            (text, Encoding::Utf16Be)
        } else {
            match std::str::from_utf8(bytes) {
                Ok(text) => (Cow::Borrowed(text), Encoding::Utf8),
                Err(_) => {
                    let (text, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(bytes);
                    (text, Encoding::Windows1258)
                }
            }
        };

    // A second BOM (e.g. a UTF-8 BOM re-encoded) and a DOS end-of-file mark.
    let mut body: &str = text.trim_start_matches('\u{FEFF}');
    body = body.trim_end_matches('\u{1A}');
    if body.trim().is_empty() {
        return Err(FileError::Empty);
    }
    if !looks_like_text(body) {
        return Err(FileError::NotCsv);
    }

    let mut text = to_nfc(body).into_owned();
    // Classic Mac line endings: only CR. The CSV reader counts lines by LF.
    if !text.contains('\n') && text.contains('\r') {
        text = text.replace('\r', "\n");
    }
    let default = match encoding {
        Encoding::Utf16Le | Encoding::Utf16Be => b'\t',
        _ => b',',
    };
    let delimiter = detect_delimiter(&text, default);
    Ok(Decoded {
        text,
        encoding,
        delimiter,
    })
}

/// Rejects text with NUL characters, or where more than 1% of characters
/// are control characters (other than tab/CR/LF) or U+FFFD replacements:
/// that is a binary file decoded as Windows-1258 or UTF-16, not a CSV.
fn looks_like_text(text: &str) -> bool {
    let mut total = 0usize;
    let mut suspicious = 0usize;
    for c in text.chars() {
        total += 1;
        match c {
            '\0' => return false,
            '\t' | '\n' | '\r' => {}
            '\u{FFFD}' => suspicious += 1,
            c if c.is_control() => suspicious += 1,
            _ => {}
        }
    }
    suspicious * 100 <= total
}

/// Picks `,` `;` or TAB: the most frequent outside quotes on the first
/// non-blank line that has any of them (title lines such as
/// "DANH SÁCH HỌC SINH" above the header are skipped). Ties and files with
/// none of them fall back to `default`, then to the order `,` `;` TAB.
pub fn detect_delimiter(text: &str, default: u8) -> u8 {
    const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];
    const SCAN_LIMIT: usize = 64 * 1024;

    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    let mut lines_seen = 0;
    let mut line_has_text = false;
    for &b in text.as_bytes().iter().take(SCAN_LIMIT) {
        match b {
            b'"' => {
                in_quotes = !in_quotes;
                line_has_text = true;
            }
            b'\n' if !in_quotes => {
                if counts.iter().any(|&n| n > 0) {
                    break;
                }
                if line_has_text {
                    lines_seen += 1;
                    if lines_seen >= HEADER_SEARCH_LINES {
                        break;
                    }
                }
                line_has_text = false;
            }
            _ if in_quotes => {}
            _ => {
                if let Some(i) = CANDIDATES.iter().position(|&d| d == b) {
                    counts[i] += 1;
                } else if !b.is_ascii_whitespace() {
                    line_has_text = true;
                }
            }
        }
    }
    let best = counts.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return default;
    }
    if let Some(i) = CANDIDATES.iter().position(|&d| d == default)
        && counts[i] == best
    {
        return default;
    }
    CANDIDATES
        .iter()
        .zip(counts)
        .find(|&(_, n)| n == best)
        .map_or(default, |(&d, _)| d)
}

/// Helpers to build real-world encodings in tests (shared with the parsers' tests).
#[cfg(test)]
pub(crate) mod testing {
    use unicode_normalization::UnicodeNormalization;

    /// The five tone marks that Windows-1258 stores as separate bytes.
    const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

    /// Encodes text the way legacy Vietnamese Windows does: base letters with
    /// circumflex/breve/horn stay precomposed (â ê ô ă ơ ư exist in the code
    /// page), tone marks are separate combining bytes. Panics (test-only) if
    /// something is not representable.
    pub fn windows_1258(text: &str) -> Vec<u8> {
        let mut decomposed = String::new();
        for c in text.chars() {
            let nfd: String = c.to_string().nfd().collect();
            let base: String = nfd
                .chars()
                .filter(|m| !TONE_MARKS.contains(m))
                .collect::<String>()
                .nfc()
                .collect();
            decomposed.push_str(&base);
            decomposed.extend(nfd.chars().filter(|m| TONE_MARKS.contains(m)));
        }
        let (bytes, _, had_errors) = encoding_rs::WINDOWS_1258.encode(&decomposed);
        assert!(!had_errors, "not representable in Windows-1258: {text}");
        bytes.into_owned()
    }

    pub fn utf16le_with_bom(text: &str) -> Vec<u8> {
        let mut out = vec![0xFF, 0xFE];
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    pub fn utf16be_with_bom(text: &str) -> Vec<u8> {
        let mut out = vec![0xFE, 0xFF];
        out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        out
    }

    pub fn utf8_with_bom(text: &str) -> Vec<u8> {
        let mut out = b"\xEF\xBB\xBF".to_vec();
        out.extend_from_slice(text.as_bytes());
        out
    }

    pub fn nfd_utf8(text: &str) -> Vec<u8> {
        text.nfd().collect::<String>().into_bytes()
    }

    /// Deterministic pseudo-random bytes (xorshift), for "garbage" inputs.
    pub fn garbage(len: usize, seed: u64) -> Vec<u8> {
        let mut state = seed.max(1);
        (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;
    use proptest::prelude::*;

    const NAMES: &str = "Họ và tên\nNguyễn Thị Hồng Nhung\nTrần Đức Anh\nLê Hoàng Yến\n";

    #[test]
    fn utf8_with_bom_is_detected_and_the_bom_is_removed() {
        let d = decode(&utf8_with_bom("Mã HS,Họ và tên\n1,An\n")).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8Bom);
        assert_eq!(d.text, "Mã HS,Họ và tên\n1,An\n");
        assert_eq!(d.delimiter, b',');
    }

    #[test]
    fn plain_utf8_is_detected() {
        let d = decode(NAMES.as_bytes()).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.text, NAMES);
    }

    #[test]
    fn utf16le_with_bom_is_decoded_and_defaults_to_tab() {
        let d = decode(&utf16le_with_bom(
            "Mã HS\tHọ và tên\r\n1\tNguyễn Thị Hồng Nhung\r\n",
        ))
        .unwrap();
        assert_eq!(d.encoding, Encoding::Utf16Le);
        assert_eq!(d.delimiter, b'\t');
        assert_eq!(d.text, "Mã HS\tHọ và tên\r\n1\tNguyễn Thị Hồng Nhung\r\n");
        let single_column = decode(&utf16le_with_bom(NAMES)).unwrap();
        assert_eq!(single_column.delimiter, b'\t');
    }

    #[test]
    fn utf16be_with_bom_is_decoded() {
        let d = decode(&utf16be_with_bom(NAMES)).unwrap();
        assert_eq!(d.encoding, Encoding::Utf16Be);
        assert_eq!(d.text, NAMES);
    }

    #[test]
    fn windows_1258_keeps_tone_marks_as_separate_bytes() {
        let bytes = windows_1258("Nguyễn Hồng Nhung Thị Yến Đức Lả");
        // ê + tilde, ô + grave, i + dot below, ê + acute, a + hook above.
        for (letter, tone) in [
            (0xEA, 0xDE),
            (0xF4, 0xCC),
            (b'i', 0xF2),
            (0xEA, 0xEC),
            (b'a', 0xD2),
        ] {
            assert!(
                bytes.windows(2).any(|w| w == [letter, tone]),
                "missing {letter:#x} {tone:#x}"
            );
        }
        assert!(bytes.contains(&0xD0), "Đ is a single byte");
    }

    #[test]
    fn invalid_utf8_is_read_as_windows_1258_and_tone_marks_are_composed() {
        let bytes = windows_1258(NAMES);
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, Encoding::Windows1258);
        assert_eq!(d.text, NAMES);
        assert!(d.text.contains("Nguyễn"));
    }

    #[test]
    fn a_hand_written_windows_1258_byte_sequence_composes_to_precomposed_letters() {
        // "Nguyễn" = N g u y ê(0xEA) ~(0xDE) n ; "Hồ" = H ô(0xF4) `(0xCC)
        let d = decode(b"Nguy\xEA\xDEn H\xF4\xCC").unwrap();
        assert_eq!(d.encoding, Encoding::Windows1258);
        assert_eq!(d.text, "Nguyễn Hồ");
    }

    #[test]
    fn decomposed_utf8_is_composed_to_nfc() {
        let bytes = nfd_utf8(NAMES);
        assert_ne!(bytes, NAMES.as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.text, NAMES);
    }

    #[test]
    fn the_delimiter_is_the_most_frequent_one_outside_quotes() {
        assert_eq!(detect_delimiter("a;b;c\n1;2;3", b','), b';');
        assert_eq!(detect_delimiter("a\tb\tc", b','), b'\t');
        assert_eq!(detect_delimiter("\"x,y,z\";b;c", b','), b';');
        assert_eq!(detect_delimiter("a,b;c", b','), b',');
        assert_eq!(detect_delimiter("a,b;c", b'\t'), b',');
        assert_eq!(detect_delimiter("only one column\n", b','), b',');
    }

    #[test]
    fn the_delimiter_is_taken_from_the_header_not_a_title_line() {
        let text = "DANH SÁCH HỌC SINH\n\nMã HS;Họ tên;Lớp\n1;An;6A\n";
        assert_eq!(detect_delimiter(text, b','), b';');
    }

    #[test]
    fn a_semicolon_file_gets_a_semicolon_delimiter() {
        let d = decode("Mã HS;Họ và tên;Lớp\nHS1;An, Bình;6A\n".as_bytes()).unwrap();
        assert_eq!(d.delimiter, b';');
    }

    #[test]
    fn an_empty_file_is_a_friendly_error() {
        assert_eq!(decode(b""), Err(FileError::Empty));
        assert_eq!(decode(b"   \r\n\r\n"), Err(FileError::Empty));
        assert_eq!(
            FileError::Empty.to_string(),
            "Tệp trống: không có dòng tiêu đề."
        );
    }

    #[test]
    fn a_file_with_only_a_bom_is_empty() {
        assert_eq!(decode(b"\xEF\xBB\xBF"), Err(FileError::Empty));
        assert_eq!(decode(b"\xFF\xFE"), Err(FileError::Empty));
        assert_eq!(decode(b"\xFE\xFF"), Err(FileError::Empty));
    }

    #[test]
    fn a_png_or_xlsx_is_not_csv_and_says_how_to_save_as_csv() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(decode(png), Err(FileError::NotCsv));
        assert_eq!(decode(b"PK\x03\x04\x14\0\x06\0"), Err(FileError::NotCsv));
        assert_eq!(
            decode(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"),
            Err(FileError::NotCsv)
        );
        assert_eq!(
            FileError::NotCsv.to_string(),
            "Tệp không phải CSV. Nếu bạn có tệp Excel (.xlsx), hãy mở nó và chọn Lưu thành → CSV UTF-8."
        );
    }

    #[test]
    fn nul_bytes_mean_the_file_is_not_csv() {
        assert_eq!(decode(b"Ma HS,Ho ten\n\0\0\0"), Err(FileError::NotCsv));
        assert_eq!(decode(&utf16le_with_bom("a\0b")), Err(FileError::NotCsv));
    }

    #[test]
    fn garbage_bytes_are_not_csv() {
        for seed in 1..20 {
            assert_eq!(
                decode(&garbage(4096, seed)),
                Err(FileError::NotCsv),
                "seed {seed}"
            );
        }
    }

    #[test]
    fn utf16_without_a_bom_is_not_mistaken_for_text() {
        let bytes: Vec<u8> = "Mã HS\tHọ tên\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(&bytes), Err(FileError::NotCsv));
    }

    #[test]
    fn classic_mac_line_endings_become_line_feeds() {
        let d = decode(b"a,b\r1,2\r").unwrap();
        assert_eq!(d.text, "a,b\n1,2\n");
    }

    #[test]
    fn a_trailing_dos_end_of_file_mark_is_dropped() {
        let d = decode(b"a,b\r\n1,2\r\n\x1A").unwrap();
        assert_eq!(d.text, "a,b\r\n1,2\r\n");
    }

    proptest! {
        #[test]
        fn decode_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            if let Ok(d) = decode(&bytes) {
                prop_assert!([b',', b';', b'\t'].contains(&d.delimiter));
                prop_assert!(!d.text.contains('\0'));
            }
        }

        #[test]
        fn decode_never_panics_after_a_bom(bom in 0usize..3, bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
            let prefix: &[u8] = [UTF8_BOM, UTF16LE_BOM, UTF16BE_BOM][bom];
            let mut input = prefix.to_vec();
            input.extend(bytes);
            let _ = decode(&input);
        }
    }
}
