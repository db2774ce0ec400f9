//! Vietnamese text handling: everything stored in Unicode NFC, and a folded form (lower case,
//! no diacritics, đ → d, single spaces) for search that ignores diacritics and case.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// NFC with surrounding and repeated inner whitespace removed.
pub fn clean(text: &str) -> String {
    text.nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The search key of a text: "Nguyễn Văn  An" and "nguyen van an" fold alike.
pub fn fold(text: &str) -> String {
    let stripped: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect();
    stripped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The folded text with everything but letters and digits removed: "Xã / Phường" → "xaphuong".
pub fn compact_key(text: &str) -> String {
    fold(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_diacritics_case_and_spacing() {
        assert_eq!(fold("Nguyễn Văn  An"), "nguyen van an");
        assert_eq!(fold("ĐẶNG THỊ ĐÀO"), "dang thi dao");
        assert_eq!(fold("nguyen van an"), fold("Nguyễn Văn An"));
    }

    #[test]
    fn decomposed_input_is_stored_composed() {
        let decomposed = "Nguye\u{0302}\u{0303}n";
        assert_eq!(clean(decomposed), "Nguyễn");
        assert_eq!(clean("  Lê   Hoàng Yến "), "Lê Hoàng Yến");
    }
}
