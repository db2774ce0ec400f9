//! Domain values that validate on construction. Each error is a complete
//! Vietnamese sentence (without the "Dòng N, cột X" prefix).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::error::InvalidValue;
use super::text::{collapse_whitespace, fold, shown};

/// Longest accepted code (student, teacher, school, unit).
pub const MAX_CODE_CHARS: usize = 32;
pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_CLASS_CHARS: usize = 20;
pub const MIN_AGE: i32 = 5;
pub const MAX_AGE: i32 = 80;

fn check_code(label: &str, raw: &str) -> Result<String, InvalidValue> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(InvalidValue::new(format!("{label} không được để trống")));
    }
    let chars = value.chars().count();
    if chars > MAX_CODE_CHARS {
        return Err(InvalidValue::new(format!(
            "{label} “{}” dài {chars} ký tự; tối đa {MAX_CODE_CHARS} ký tự",
            shown(value)
        )));
    }
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(InvalidValue::new(format!(
            "{label} “{}” không được chứa dấu cách",
            shown(value)
        )));
    }
    Ok(value.to_owned())
}

macro_rules! code_type {
    ($(#[$doc:meta])* $name:ident, $label:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Vietnamese name of this kind of code, used in messages.
            pub const LABEL: &'static str = $label;

            /// Trims; rejects empty, longer than 32 characters, or containing spaces.
            pub fn parse(raw: &str) -> Result<Self, InvalidValue> {
                check_code($label, raw).map($name)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = InvalidValue;
            fn from_str(s: &str) -> Result<Self, InvalidValue> {
                Self::parse(s)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}

code_type!(
    /// "Mã học sinh".
    StudentCode,
    "Mã học sinh"
);
code_type!(
    /// "Mã giáo viên".
    TeacherCode,
    "Mã giáo viên"
);
code_type!(
    /// "Mã cán bộ" (agency and community team members).
    MemberCode,
    "Mã cán bộ"
);
code_type!(
    /// "Mã trường".
    SchoolCode,
    "Mã trường"
);
code_type!(
    /// "Mã đơn vị" (also used for "Mã đơn vị cha").
    UnitCode,
    "Mã đơn vị"
);

/// A person's full name: NFC, trimmed, single spaces; letters, spaces,
/// apostrophes (H'Hen Niê) and hyphens only; at most 100 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct FullName(String);

impl FullName {
    pub fn parse(raw: &str) -> Result<Self, InvalidValue> {
        let nfc = super::text::to_nfc(raw);
        let name = collapse_whitespace(&nfc);
        if name.is_empty() {
            return Err(InvalidValue::new("Họ và tên không được để trống"));
        }
        let chars = name.chars().count();
        if chars > MAX_NAME_CHARS {
            return Err(InvalidValue::new(format!(
                "Họ và tên dài {chars} ký tự; tối đa {MAX_NAME_CHARS} ký tự"
            )));
        }
        if let Some(bad) = name
            .chars()
            .find(|&c| !(c.is_alphabetic() || matches!(c, ' ' | '\'' | '’' | '-')))
        {
            return Err(InvalidValue::new(format!(
                "Họ và tên “{}” có ký tự không hợp lệ “{bad}”; chỉ được dùng chữ cái, dấu cách, dấu nháy (') và dấu gạch nối (-)",
                shown(&name)
            )));
        }
        if !name.chars().any(char::is_alphabetic) {
            return Err(InvalidValue::new(format!(
                "Họ và tên “{}” không có chữ cái nào",
                shown(&name)
            )));
        }
        Ok(FullName(name.into_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Diacritic-insensitive search key ("nguyen van an").
    pub fn search_key(&self) -> String {
        fold(&self.0)
    }
}

impl fmt::Display for FullName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Date of birth, accepted as dd/mm/yyyy or d/m/yyyy (also with `-` or `.`
/// separators, and ISO yyyy-mm-dd), giving an age of 5 to 80 at import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BirthDate(NaiveDate);

impl BirthDate {
    /// `today` is the import date (Vietnam time) used for the age check.
    pub fn parse(raw: &str, today: NaiveDate) -> Result<Self, InvalidValue> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(InvalidValue::new("Ngày sinh không được để trống"));
        }
        let (year, month, day) = split_date(value).ok_or_else(|| {
            InvalidValue::new(format!(
                "Ngày sinh “{}” không đúng dạng dd/mm/yyyy (ví dụ 05/09/2010)",
                shown(value)
            ))
        })?;
        let date = NaiveDate::from_ymd_opt(year, month, day)
            .ok_or_else(|| InvalidValue::new(format!("Ngày sinh {value} không tồn tại")))?;
        if date > today {
            return Err(InvalidValue::new(format!(
                "Ngày sinh {value} nằm trong tương lai"
            )));
        }
        let age = age_on(date, today);
        if age < MIN_AGE {
            return Err(InvalidValue::new(format!(
                "Ngày sinh {value} cho thấy học sinh mới {age} tuổi; tuổi phải từ {MIN_AGE} đến {MAX_AGE}"
            )));
        }
        if age > MAX_AGE {
            return Err(InvalidValue::new(format!(
                "Ngày sinh {value} cho thấy học sinh đã {age} tuổi; tuổi phải từ {MIN_AGE} đến {MAX_AGE}"
            )));
        }
        Ok(BirthDate(date))
    }

    pub fn date(self) -> NaiveDate {
        self.0
    }
}

impl fmt::Display for BirthDate {
    /// dd/mm/yyyy, as Vietnamese users write it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}/{:02}/{:04}",
            self.0.day(),
            self.0.month(),
            self.0.year()
        )
    }
}

impl Serialize for BirthDate {
    /// ISO 8601 (yyyy-mm-dd) for machines.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!(
            "{:04}-{:02}-{:02}",
            self.0.year(),
            self.0.month(),
            self.0.day()
        ))
    }
}

/// Completed years between `born` and `today`.
pub fn age_on(born: NaiveDate, today: NaiveDate) -> i32 {
    let mut age = today.year() - born.year();
    if (today.month(), today.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    age
}

/// Splits d/m/yyyy (separators `/`, `-`, `.`) or yyyy-mm-dd into numbers.
fn split_date(s: &str) -> Option<(i32, u32, u32)> {
    let sep = s.bytes().find(|b| !b.is_ascii_digit())?;
    if !matches!(sep, b'/' | b'-' | b'.') {
        return None;
    }
    let mut parts = s.split(sep as char);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let num = |p: &str, min: usize, max: usize| -> Option<u32> {
        if (min..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()) {
            p.parse().ok()
        } else {
            None
        }
    };
    if sep == b'-' && a.len() == 4 {
        let year = num(a, 4, 4)?;
        return Some((i32::try_from(year).ok()?, num(b, 1, 2)?, num(c, 1, 2)?));
    }
    let year = num(c, 4, 4)?;
    Some((i32::try_from(year).ok()?, num(b, 1, 2)?, num(a, 1, 2)?))
}

/// "Giới tính".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
    Other,
}

impl Gender {
    /// Accepts Nam / Nữ / Khác in any case, with or without diacritics.
    /// An empty cell is not a gender: callers treat it as "not given".
    pub fn parse(raw: &str) -> Result<Self, InvalidValue> {
        let value = raw.trim();
        match value {
            "Nam" => return Ok(Gender::Male),
            "Nữ" => return Ok(Gender::Female),
            "Khác" => return Ok(Gender::Other),
            _ => {}
        }
        match fold(value).as_str() {
            "nam" => Ok(Gender::Male),
            "nu" => Ok(Gender::Female),
            "khac" => Ok(Gender::Other),
            _ => Err(InvalidValue::new(format!(
                "Giới tính “{}” không hợp lệ; hãy ghi Nam, Nữ hoặc Khác (hoặc để trống)",
                shown(value)
            ))),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Gender::Male => "Nam",
            Gender::Female => "Nữ",
            Gender::Other => "Khác",
        }
    }
}

/// "Khối": 6 to 12 (THCS and THPT).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Grade(u8);

impl Grade {
    pub const MIN: u8 = 6;
    pub const MAX: u8 = 12;

    pub fn new(grade: u8) -> Result<Self, InvalidValue> {
        if (Self::MIN..=Self::MAX).contains(&grade) {
            Ok(Grade(grade))
        } else {
            Err(InvalidValue::new("Khối phải từ 6 đến 12"))
        }
    }

    pub fn parse(raw: &str) -> Result<Self, InvalidValue> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(InvalidValue::new("Khối không được để trống"));
        }
        if !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(InvalidValue::new(format!(
                "Khối “{}” không phải là số; khối phải từ 6 đến 12",
                shown(value)
            )));
        }
        // Long digit strings overflow u8 and are simply out of range.
        Grade::new(value.parse().unwrap_or(u8::MAX))
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// "Lớp": e.g. "10A1"; at most 20 characters, single spaces.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ClassName(String);

impl ClassName {
    pub fn parse(raw: &str) -> Result<Self, InvalidValue> {
        Self::parse_as("Lớp", raw)
    }

    /// Same rules, with another column label in messages ("Lớp chủ nhiệm").
    pub fn parse_as(label: &str, raw: &str) -> Result<Self, InvalidValue> {
        let name = collapse_whitespace(raw);
        if name.is_empty() {
            return Err(InvalidValue::new(format!("{label} không được để trống")));
        }
        let chars = name.chars().count();
        if chars > MAX_CLASS_CHARS {
            return Err(InvalidValue::new(format!(
                "{label} “{}” dài {chars} ký tự; tối đa {MAX_CLASS_CHARS} ký tự",
                shown(&name)
            )));
        }
        if name.chars().any(char::is_control) {
            return Err(InvalidValue::new(format!(
                "{label} “{}” có ký tự không hợp lệ",
                shown(&name)
            )));
        }
        Ok(ClassName(name.into_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number the name starts with: 10 for "10A1", none for "A1".
    pub fn leading_number(&self) -> Option<u32> {
        let digits = self.0.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        // At most 20 chars; saturate on absurd numbers, they match no grade.
        Some(self.0[..digits].parse().unwrap_or(u32::MAX))
    }

    /// "Lớp 10A1 không thuộc khối 9" when the leading number disagrees.
    pub fn check_grade(&self, grade: Grade) -> Result<(), InvalidValue> {
        match self.leading_number() {
            Some(n) if n != u32::from(grade.get()) => Err(InvalidValue::new(format!(
                "Lớp {} không thuộc khối {}",
                self.0, grade
            ))),
            _ => Ok(()),
        }
    }
}

impl fmt::Display for ClassName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// "Năm học", e.g. 2025-2026.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SchoolYear {
    start: u16,
}

impl SchoolYear {
    pub const MIN_START: u16 = 2000;
    pub const MAX_START: u16 = 2100;

    pub fn new(start: u16) -> Result<Self, InvalidValue> {
        if (Self::MIN_START..=Self::MAX_START).contains(&start) {
            Ok(SchoolYear { start })
        } else {
            Err(InvalidValue::new(format!(
                "Năm học bắt đầu năm {start} không hợp lệ; phải từ {} đến {}",
                Self::MIN_START,
                Self::MAX_START
            )))
        }
    }

    /// Parses "2025-2026" (also "2025 - 2026", "2025–2026", "2025/2026").
    pub fn parse(raw: &str) -> Result<Self, InvalidValue> {
        let value = raw.trim();
        let invalid = || {
            InvalidValue::new(format!(
                "Năm học “{}” không hợp lệ; hãy ghi theo dạng 2025-2026 (năm sau bằng năm trước cộng 1)",
                shown(value)
            ))
        };
        let (first, second) = value.split_once(['-', '–', '/']).ok_or_else(invalid)?;
        let year = |s: &str| -> Option<u16> {
            let s = s.trim();
            if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().ok()
            } else {
                None
            }
        };
        let (first, second) = (
            year(first).ok_or_else(invalid)?,
            year(second).ok_or_else(invalid)?,
        );
        if second != first + 1 {
            return Err(invalid());
        }
        SchoolYear::new(first)
    }

    pub fn start(self) -> u16 {
        self.start
    }

    pub fn end(self) -> u16 {
        self.start + 1
    }
}

impl fmt::Display for SchoolYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end())
    }
}

impl FromStr for SchoolYear {
    type Err = InvalidValue;
    fn from_str(s: &str) -> Result<Self, InvalidValue> {
        Self::parse(s)
    }
}

impl Serialize for SchoolYear {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for SchoolYear {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// "Email": a plain address check (one @, non-empty parts, a dot in the
/// domain, no spaces). Stored lowercased.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub const MAX_CHARS: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, InvalidValue> {
        let value = raw.trim();
        let invalid = || InvalidValue::new(format!("Email “{}” không hợp lệ", shown(value)));
        if value.is_empty() || value.chars().count() > Self::MAX_CHARS {
            return Err(invalid());
        }
        let (local, domain) = value.split_once('@').ok_or_else(invalid)?;
        let ok = !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !value.chars().any(|c| c.is_whitespace() || c.is_control());
        if !ok {
            return Err(invalid());
        }
        Ok(Email(value.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 9, 5).unwrap()
    }

    fn message<T: fmt::Debug>(r: Result<T, InvalidValue>) -> String {
        r.unwrap_err().message
    }

    #[test]
    fn a_school_year_parses_and_displays_back() {
        let y = SchoolYear::parse("2025-2026").unwrap();
        assert_eq!((y.start(), y.end()), (2025, 2026));
        assert_eq!(y.to_string(), "2025-2026");
        assert_eq!(SchoolYear::parse(" 2025 – 2026 ").unwrap(), y);
        assert_eq!("2025/2026".parse::<SchoolYear>().unwrap(), y);
    }

    #[test]
    fn a_school_year_whose_second_year_is_not_the_next_is_rejected() {
        for bad in [
            "2025-2027",
            "2026-2025",
            "2025",
            "25-26",
            "2025-2026-2027",
            "",
            "abcd-efgh",
        ] {
            let e = message(SchoolYear::parse(bad));
            assert!(e.starts_with("Năm học “"), "{bad}: {e}");
            assert!(e.contains("dạng 2025-2026"), "{bad}: {e}");
        }
        assert!(SchoolYear::parse("1990-1991").is_err());
    }

    #[test]
    fn a_grade_must_be_from_6_to_12() {
        assert_eq!(Grade::new(6).unwrap().get(), 6);
        assert_eq!(Grade::new(12).unwrap().get(), 12);
        assert_eq!(message(Grade::new(5)), "Khối phải từ 6 đến 12");
        assert_eq!(message(Grade::new(13)), "Khối phải từ 6 đến 12");
        assert_eq!(message(Grade::parse("300")), "Khối phải từ 6 đến 12");
        assert_eq!(message(Grade::parse("")), "Khối không được để trống");
        assert_eq!(
            message(Grade::parse("mười")),
            "Khối “mười” không phải là số; khối phải từ 6 đến 12"
        );
        assert_eq!(Grade::parse(" 10 ").unwrap().get(), 10);
    }

    #[test]
    fn codes_are_trimmed_and_limited_to_32_characters_without_spaces() {
        assert_eq!(StudentCode::parse(" HS001 ").unwrap().as_str(), "HS001");
        assert_eq!(
            message(StudentCode::parse("  ")),
            "Mã học sinh không được để trống"
        );
        assert_eq!(
            message(StudentCode::parse(&"X".repeat(33))),
            format!(
                "Mã học sinh “{}” dài 33 ký tự; tối đa 32 ký tự",
                "X".repeat(33)
            )
        );
        assert!(StudentCode::parse(&"X".repeat(32)).is_ok());
        assert_eq!(
            message(SchoolCode::parse("79 001")),
            "Mã trường “79 001” không được chứa dấu cách"
        );
    }

    #[test]
    fn full_names_allow_vietnamese_letters_apostrophes_and_hyphens() {
        for ok in [
            "Nguyễn Thị Hồng Nhung",
            "H'Hen Niê",
            "Y-Moan Ênuôl",
            "Nay H’Lan",
        ] {
            assert_eq!(FullName::parse(ok).unwrap().as_str(), ok);
        }
        assert_eq!(
            FullName::parse("  Trần   Đức\u{a0}Anh ").unwrap().as_str(),
            "Trần Đức Anh"
        );
        assert_eq!(
            message(FullName::parse("Nguyễn Văn 2")),
            "Họ và tên “Nguyễn Văn 2” có ký tự không hợp lệ “2”; chỉ được dùng chữ cái, dấu cách, dấu nháy (') và dấu gạch nối (-)"
        );
        assert_eq!(
            message(FullName::parse("")),
            "Họ và tên không được để trống"
        );
        assert_eq!(
            message(FullName::parse("'-'")),
            "Họ và tên “'-'” không có chữ cái nào"
        );
        assert_eq!(
            message(FullName::parse(&"a".repeat(101))),
            "Họ và tên dài 101 ký tự; tối đa 100 ký tự"
        );
    }

    #[test]
    fn a_full_name_has_a_diacritic_free_search_key() {
        assert_eq!(
            FullName::parse("Nguyễn Văn An").unwrap().search_key(),
            "nguyen van an"
        );
    }

    #[test]
    fn birth_dates_accept_day_first_formats_and_iso() {
        let d = |s: &str| BirthDate::parse(s, today()).unwrap().date();
        let expected = NaiveDate::from_ymd_opt(2010, 9, 5).unwrap();
        for s in [
            "05/09/2010",
            "5/9/2010",
            "05-09-2010",
            "5.9.2010",
            "2010-09-05",
            " 05/09/2010 ",
        ] {
            assert_eq!(d(s), expected, "{s}");
        }
        assert_eq!(
            BirthDate::parse("5/9/2010", today()).unwrap().to_string(),
            "05/09/2010"
        );
    }

    #[test]
    fn impossible_birth_dates_do_not_exist() {
        for s in [
            "31/02/2010",
            "29/02/2011",
            "00/01/2010",
            "15/13/2010",
            "32/1/2010",
        ] {
            assert_eq!(
                message(BirthDate::parse(s, today())),
                format!("Ngày sinh {s} không tồn tại")
            );
        }
        assert!(BirthDate::parse("29/02/2012", today()).is_ok());
    }

    #[test]
    fn badly_formatted_birth_dates_show_the_expected_format() {
        for s in [
            "2010",
            "05/09/10",
            "05/09/2010/1",
            "5 tháng 9 2010",
            "40179",
            "0x/09/2010",
            "١/٢/٢٠١٠",
        ] {
            assert_eq!(
                message(BirthDate::parse(s, today())),
                format!("Ngày sinh “{s}” không đúng dạng dd/mm/yyyy (ví dụ 05/09/2010)")
            );
        }
        assert_eq!(
            message(BirthDate::parse(" ", today())),
            "Ngày sinh không được để trống"
        );
    }

    #[test]
    fn birth_dates_must_give_an_age_from_5_to_80_at_import() {
        assert_eq!(
            message(BirthDate::parse("06/09/2025", today())),
            "Ngày sinh 06/09/2025 nằm trong tương lai"
        );
        assert!(
            BirthDate::parse("05/09/2020", today()).is_ok(),
            "turns 5 today"
        );
        assert_eq!(
            message(BirthDate::parse("06/09/2020", today())),
            "Ngày sinh 06/09/2020 cho thấy học sinh mới 4 tuổi; tuổi phải từ 5 đến 80"
        );
        assert!(BirthDate::parse("06/09/1944", today()).is_ok(), "still 80");
        assert_eq!(
            message(BirthDate::parse("05/09/1944", today())),
            "Ngày sinh 05/09/1944 cho thấy học sinh đã 81 tuổi; tuổi phải từ 5 đến 80"
        );
    }

    #[test]
    fn gender_accepts_nam_nu_khac_with_or_without_diacritics() {
        for (s, g) in [
            ("Nam", Gender::Male),
            ("nam", Gender::Male),
            ("NAM", Gender::Male),
            ("Nữ", Gender::Female),
            ("nu", Gender::Female),
            ("NỮ", Gender::Female),
            ("Khác", Gender::Other),
            ("khac", Gender::Other),
        ] {
            assert_eq!(Gender::parse(s).unwrap(), g, "{s}");
        }
        assert_eq!(
            message(Gender::parse("M")),
            "Giới tính “M” không hợp lệ; hãy ghi Nam, Nữ hoặc Khác (hoặc để trống)"
        );
    }

    #[test]
    fn a_class_must_belong_to_its_grade_when_it_starts_with_a_number() {
        let grade = |n| Grade::new(n).unwrap();
        let class = |s: &str| ClassName::parse(s).unwrap();
        assert_eq!(class("10A1").leading_number(), Some(10));
        assert_eq!(class("A1").leading_number(), None);
        assert!(class("10A1").check_grade(grade(10)).is_ok());
        assert!(class("Chuyên Toán").check_grade(grade(10)).is_ok());
        assert_eq!(
            message(class("10A1").check_grade(grade(9))),
            "Lớp 10A1 không thuộc khối 9"
        );
        assert_eq!(
            message(class("99999999999999999A").check_grade(grade(9))),
            "Lớp 99999999999999999A không thuộc khối 9"
        );
        assert_eq!(message(ClassName::parse("")), "Lớp không được để trống");
        assert_eq!(
            message(ClassName::parse(&"1".repeat(21))),
            format!("Lớp “{}” dài 21 ký tự; tối đa 20 ký tự", "1".repeat(21))
        );
    }

    #[test]
    fn emails_are_checked_loosely_and_lowercased() {
        assert_eq!(
            Email::parse(" Co.Lan@THPT-abc.edu.vn ").unwrap().as_str(),
            "co.lan@thpt-abc.edu.vn"
        );
        for bad in [
            "lan",
            "lan@",
            "@abc.vn",
            "lan@abc",
            "lan@@abc.vn",
            "lan @abc.vn",
            "lan@abc..vn",
            "lan@.vn",
        ] {
            assert_eq!(
                message(Email::parse(bad)),
                format!("Email “{bad}” không hợp lệ")
            );
        }
    }
}
