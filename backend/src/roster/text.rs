//! Text helpers: diacritic-insensitive folding and name cleanup.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Lowercases, strips Vietnamese (and other) diacritics, maps đ/Đ to d,
/// collapses whitespace and trims. "Nguyễn Văn An" and "nguyen  van an"
/// fold to the same string. Used for header matching and people search.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match c {
            // U+00D0/U+00F0 (eth) look identical to Đ/đ and turn up in
            // files typed with the wrong keyboard layout.
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            _ => out.extend(c.to_lowercase().filter(|l| !is_combining_mark(*l))),
        }
    }
    out
}

/// NFC, trim, and collapse inner whitespace runs to one ASCII space.
pub fn clean_name(s: &str) -> String {
    let nfc = to_nfc(s);
    collapse_whitespace(&nfc).into_owned()
}

/// NFC form, borrowing when the text is already (quick-check) NFC.
pub fn to_nfc(s: &str) -> Cow<'_, str> {
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}

/// Trims and collapses whitespace runs (any Unicode whitespace, including
/// the no-break spaces Excel likes) into one ASCII space. Borrows when
/// nothing changes, which is the common case on the import hot path.
pub fn collapse_whitespace(s: &str) -> Cow<'_, str> {
    if is_collapsed(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

fn is_collapsed(s: &str) -> bool {
    let mut prev_space = true; // a leading space is not collapsed
    for c in s.chars() {
        if c.is_whitespace() {
            if c != ' ' || prev_space {
                return false;
            }
            prev_space = true;
        } else {
            prev_space = false;
        }
    }
    !prev_space || s.is_empty()
}

/// Shortens a user value for echoing inside an error message.
pub fn shown(s: &str) -> Cow<'_, str> {
    const MAX: usize = 40;
    match s.char_indices().nth(MAX) {
        None => Cow::Borrowed(s),
        Some((cut, _)) => Cow::Owned(format!("{}…", &s[..cut])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folding_ignores_case_and_vietnamese_diacritics() {
        assert_eq!(fold("Nguyễn Văn An"), fold("nguyen van an"));
        assert_eq!(fold("Nguyễn Văn An"), "nguyen van an");
        assert_eq!(fold("TRẦN THỊ HỒNG NHUNG"), "tran thi hong nhung");
        assert_eq!(fold("Phường Bến Thành"), "phuong ben thanh");
        assert_eq!(fold("Ưu Ơn"), "uu on");
    }

    #[test]
    fn folding_maps_d_with_stroke_to_d() {
        assert_eq!(fold("Đặng Đức"), "dang duc");
        assert_eq!(fold("đ"), "d");
    }

    #[test]
    fn folding_collapses_and_trims_whitespace() {
        assert_eq!(fold("  Họ \t và\u{a0}\u{a0}tên  "), "ho va ten");
        assert_eq!(fold(""), "");
        assert_eq!(fold("   "), "");
    }

    #[test]
    fn folding_treats_composed_and_decomposed_text_alike() {
        let nfd: String = "Nguyễn Thị Hồng Nhung".nfd().collect();
        assert_eq!(fold(&nfd), fold("Nguyễn Thị Hồng Nhung"));
    }

    #[test]
    fn clean_name_composes_trims_and_collapses_inner_whitespace() {
        let nfd: String = "  Lê   Hoàng\u{a0}Yến ".nfd().collect();
        assert_eq!(clean_name(&nfd), "Lê Hoàng Yến");
        assert_eq!(clean_name("Lê Hoàng Yến"), "Lê Hoàng Yến");
    }

    #[test]
    fn collapse_whitespace_borrows_when_nothing_changes() {
        assert!(matches!(
            collapse_whitespace("Trần Đức Anh"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(collapse_whitespace(""), Cow::Borrowed(_)));
        assert_eq!(collapse_whitespace(" a  b "), "a b");
        assert_eq!(collapse_whitespace("a\tb"), "a b");
    }

    #[test]
    fn long_values_are_shortened_in_messages() {
        assert_eq!(shown("abc"), "abc");
        let long = "ắ".repeat(50);
        assert_eq!(shown(&long).chars().count(), 41);
    }

    proptest! {
        #[test]
        fn folding_is_idempotent_on_vietnamese_text(s in "[a-zA-Z àáảãạăằắẳẵặâầấẩẫậđĐèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÔỒỐỔỖỘƠỜỚỞỠỢƯỪỨỬỮỰ\t]{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
            prop_assert!(once.is_ascii());
            let nfd: String = s.nfd().collect();
            prop_assert_eq!(fold(&nfd), once);
        }

        #[test]
        fn folding_and_cleaning_never_panic(s in any::<String>()) {
            let _ = fold(&s);
            let _ = clean_name(&s);
            let _ = shown(&s);
        }
    }
}
