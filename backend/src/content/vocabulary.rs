//! The closed word lists of the question-bank format (`question-bank/README.md`): content ids,
//! audiences, difficulties, topic tags and lesson languages. Each type validates when it is
//! parsed, and its error is the Vietnamese sentence a content author reads.

use std::fmt;

use serde::Serialize;

/// Id of a module, lesson or question: lower-case ASCII letters and digits in groups joined
/// by single hyphens (`thpt-core`, `thpt-02`, `thpt-vneid-001`). Ids become URLs and
/// database keys, and must read the same on every keyboard, hence no diacritics.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ContentId(String);

impl ContentId {
    pub fn parse(text: &str) -> Result<ContentId, String> {
        let well_formed = !text.is_empty()
            && text.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if well_formed {
            Ok(ContentId(text.to_string()))
        } else {
            Err(format!(
                "Mã «{text}» không hợp lệ: mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch \
                 ngang giữa các chữ (ví dụ thpt-core, thpt-02)."
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ContentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Declares a closed list whose values are written in the files exactly as `$text`.
macro_rules! word_list {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            pub fn parse(text: &str) -> Result<$name, String> {
                match text {
                    $($text => Ok($name::$variant),)+
                    _ => Err(format!(
                        "{} «{text}» không hợp lệ; chỉ dùng một trong: {}.",
                        $what,
                        Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
                    )),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

word_list! {
    /// Who a module is written for (the `audience` of `module.toml`).
    Audience, "Đối tượng" {
        Thcs = "thcs",
        Thpt = "thpt",
        DaiHoc = "dai_hoc",
        Nghe = "nghe",
        Gdtx = "gdtx",
        CanBo = "can_bo",
        ToCnscd = "to_cnscd",
        GiaDinh = "gia_dinh",
    }
}

word_list! {
    /// How hard a question is: every question carries exactly one of these tags.
    Difficulty, "Mức độ" {
        Easy = "easy",
        Medium = "medium",
        Hard = "hard",
    }
}

word_list! {
    /// The shared topic tags of questions (the topic table of the README).
    Topic, "Thẻ chủ đề" {
        KhaiNiem = "khai-niem",
        CongDvc = "cong-dvc",
        Vneid = "vneid",
        NopHoSo = "nop-ho-so",
        ThanhToan = "thanh-toan",
        TraCuu = "tra-cuu",
        DuLieuCaNhan = "du-lieu-ca-nhan",
        AnToan = "an-toan",
        HoTro = "ho-tro",
        ThuTuc = "thu-tuc",
        PhapLy = "phap-ly",
        ChatLuong = "chat-luong",
        CongDong = "cong-dong",
        GiaDinh = "gia-dinh",
    }
}

word_list! {
    /// Language of a lesson file: Vietnamese originals, Khmer and English translations.
    Language, "Ngôn ngữ" {
        Vi = "vi",
        Km = "km",
        En = "en",
    }
}

/// A pass mark in percent, 0–100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct PassPercent(u8);

impl PassPercent {
    pub fn new(value: i64) -> Result<PassPercent, String> {
        u8::try_from(value)
            .ok()
            .filter(|v| *v <= 100)
            .map(PassPercent)
            .ok_or_else(|| {
                format!(
                    "Điểm đạt pass_percent = {value} không hợp lệ: phải từ 0 đến 100 (phần trăm)."
                )
            })
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_ids_are_lower_case_ascii_words_joined_by_hyphens() {
        for good in ["thpt-core", "thpt-02", "a", "thpt-vneid-001"] {
            assert!(ContentId::parse(good).is_ok(), "{good}");
        }
        for bad in ["", "Thpt", "thpt_core", "-a", "a-", "a--b", "bài-1", "a b"] {
            assert!(ContentId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_unknown_audience_lists_the_allowed_values_in_vietnamese() {
        assert_eq!(Audience::parse("dai_hoc"), Ok(Audience::DaiHoc));
        let message = Audience::parse("hoc_sinh").unwrap_err();
        assert!(
            message.contains("Đối tượng «hoc_sinh» không hợp lệ"),
            "{message}"
        );
        assert!(message.contains("thcs, thpt, dai_hoc, nghe, gdtx, can_bo, to_cnscd, gia_dinh"));
    }

    #[test]
    fn a_pass_mark_is_a_percentage() {
        assert_eq!(PassPercent::new(0).map(PassPercent::get), Ok(0));
        assert_eq!(PassPercent::new(100).map(PassPercent::get), Ok(100));
        assert!(PassPercent::new(101).is_err());
        assert!(PassPercent::new(-1).is_err());
    }
}
