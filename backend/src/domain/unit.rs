//! Organisation units: their kind, school level, code and name.

use serde::{Deserialize, Serialize};

use super::text;

/// What a node of the organisation tree is. The tree has no fixed depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Province,
    Commune,
    Area,
    School,
    Class,
    Agency,
    Team,
}

impl UnitKind {
    pub const ALL: [UnitKind; 7] = [
        UnitKind::Province,
        UnitKind::Commune,
        UnitKind::Area,
        UnitKind::School,
        UnitKind::Class,
        UnitKind::Agency,
        UnitKind::Team,
    ];

    /// Stored form (also the API's).
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Province => "province",
            UnitKind::Commune => "commune",
            UnitKind::Area => "area",
            UnitKind::School => "school",
            UnitKind::Class => "class",
            UnitKind::Agency => "agency",
            UnitKind::Team => "team",
        }
    }

    pub fn from_stored(value: &str) -> Option<UnitKind> {
        UnitKind::ALL.into_iter().find(|k| k.as_str() == value)
    }

    /// Vietnamese name shown in the UI.
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Province => "Tỉnh",
            UnitKind::Commune => "Xã/Phường",
            UnitKind::Area => "Khu vực",
            UnitKind::School => "Trường",
            UnitKind::Class => "Lớp",
            UnitKind::Agency => "Cơ quan",
            UnitKind::Team => "Tổ",
        }
    }

    /// Reads the Vietnamese kind of a unit file ("Tỉnh", "Xa/Phuong", "Trường" …), ignoring
    /// diacritics, case, spaces and punctuation.
    pub fn parse_vietnamese(value: &str) -> Result<UnitKind, String> {
        let kind = match text::compact_key(value).as_str() {
            "tinh" | "thanhpho" => UnitKind::Province,
            "xa" | "phuong" | "xaphuong" | "dackhu" => UnitKind::Commune,
            "khuvuc" => UnitKind::Area,
            "truong" => UnitKind::School,
            "lop" => UnitKind::Class,
            "coquan" => UnitKind::Agency,
            "to" | "tocnscd" | "toconghesocongdong" => UnitKind::Team,
            _ => {
                return Err(format!(
                    "Loại “{}” không hợp lệ; chọn một trong: Tỉnh, Thành phố, Xã, Phường, Đặc khu, Khu vực, Trường, Lớp, Cơ quan, Tổ",
                    value.trim()
                ));
            }
        };
        Ok(kind)
    }
}

/// Cấp học of a school.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SchoolLevel {
    Thcs,
    Thpt,
    LienCap,
    DaiHoc,
    Nghe,
    Gdtx,
}

impl SchoolLevel {
    pub const ALL: [SchoolLevel; 6] = [
        SchoolLevel::Thcs,
        SchoolLevel::Thpt,
        SchoolLevel::LienCap,
        SchoolLevel::DaiHoc,
        SchoolLevel::Nghe,
        SchoolLevel::Gdtx,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SchoolLevel::Thcs => "thcs",
            SchoolLevel::Thpt => "thpt",
            SchoolLevel::LienCap => "lien_cap",
            SchoolLevel::DaiHoc => "dai_hoc",
            SchoolLevel::Nghe => "nghe",
            SchoolLevel::Gdtx => "gdtx",
        }
    }

    pub fn from_stored(value: &str) -> Option<SchoolLevel> {
        SchoolLevel::ALL.into_iter().find(|l| l.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            SchoolLevel::Thcs => "THCS",
            SchoolLevel::Thpt => "THPT",
            SchoolLevel::LienCap => "Liên cấp",
            SchoolLevel::DaiHoc => "Đại học",
            SchoolLevel::Nghe => "Nghề",
            SchoolLevel::Gdtx => "GDTX",
        }
    }

    /// Accepts the abbreviations and the spelled-out names, without diacritics too.
    pub fn parse_vietnamese(value: &str) -> Result<SchoolLevel, String> {
        let level = match text::compact_key(value).as_str() {
            "thcs" | "trunghoccoso" => SchoolLevel::Thcs,
            "thpt" | "trunghocphothong" => SchoolLevel::Thpt,
            "liencap" => SchoolLevel::LienCap,
            "daihoc" => SchoolLevel::DaiHoc,
            "nghe" => SchoolLevel::Nghe,
            "gdtx" | "giaoducthuongxuyen" => SchoolLevel::Gdtx,
            _ => {
                return Err(format!(
                    "Cấp học “{}” không hợp lệ; chọn một trong: THCS, THPT, Liên cấp, Đại học, Nghề, GDTX",
                    value.trim()
                ));
            }
        };
        Ok(level)
    }
}

/// A unit's stable code (e.g. the Ministry's school code): 1–32 letters, digits, `-`, `_`, `.`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnitCode(String);

impl UnitCode {
    pub fn parse(value: &str) -> Result<UnitCode, String> {
        let code = value.trim();
        if code.is_empty() {
            return Err("Mã đơn vị không được để trống.".into());
        }
        if code.chars().count() > 32
            || !code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            return Err(format!(
                "Mã đơn vị «{code}» không hợp lệ: tối đa 32 ký tự gồm chữ không dấu, số, '-', '_' hoặc '.'."
            ));
        }
        Ok(UnitCode(code.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A unit's Vietnamese name, NFC, 1–200 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitName(String);

impl UnitName {
    pub fn parse(value: &str) -> Result<UnitName, String> {
        let name = text::clean(value);
        if name.is_empty() {
            return Err("Tên đơn vị không được để trống.".into());
        }
        if name.chars().count() > 200 {
            return Err("Tên đơn vị dài quá 200 ký tự.".into());
        }
        Ok(UnitName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_kinds_are_read_with_or_without_diacritics() {
        assert_eq!(
            UnitKind::parse_vietnamese("Trường").unwrap(),
            UnitKind::School
        );
        assert_eq!(
            UnitKind::parse_vietnamese("xa/phuong").unwrap(),
            UnitKind::Commune
        );
        assert_eq!(
            UnitKind::parse_vietnamese("Đặc khu").unwrap(),
            UnitKind::Commune
        );
        assert!(
            UnitKind::parse_vietnamese("Huyện lỵ")
                .unwrap_err()
                .contains("không hợp lệ")
        );
    }

    #[test]
    fn school_levels_are_read_from_their_vietnamese_names() {
        assert_eq!(
            SchoolLevel::parse_vietnamese("Liên cấp").unwrap(),
            SchoolLevel::LienCap
        );
        assert_eq!(
            SchoolLevel::parse_vietnamese("thpt").unwrap(),
            SchoolLevel::Thpt
        );
        assert_eq!(
            SchoolLevel::parse_vietnamese("Dai hoc").unwrap(),
            SchoolLevel::DaiHoc
        );
    }

    #[test]
    fn unit_codes_refuse_spaces_and_diacritics() {
        assert!(UnitCode::parse("THPT-LQD").is_ok());
        assert!(UnitCode::parse("Trường A").is_err());
        assert!(UnitCode::parse("  ").is_err());
    }
}
