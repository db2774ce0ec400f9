//! Header matching: header cells are compared to known columns ignoring
//! case, diacritics, spacing, punctuation and bracketed notes such as
//! "(dd/mm/yyyy)" or "(*)"; columns may come in any order and unknown
//! columns are ignored.

use std::marker::PhantomData;

use super::error::FileError;
use super::text::fold;

/// A known column of one file kind.
pub trait Column: Copy + Eq + 'static {
    /// Every column, in the order used for messages.
    const ALL: &'static [Self];
    /// Position of `self` in `ALL`.
    fn index(self) -> usize;
    /// The Vietnamese column name shown to users, e.g. "Ngày sinh".
    fn name(self) -> &'static str;
    fn required(self) -> bool;
    /// Accepted header spellings, already in `header_key` form.
    fn aliases(self) -> &'static [&'static str];
}

/// Reduces a header cell to its comparison key: folded (lowercase, no
/// diacritics, đ → d), bracketed notes removed, only letters and digits kept.
/// "Ngày sinh (dd/mm/yyyy)" → "ngaysinh", "Mã HS *" → "mahs".
pub fn header_key(cell: &str) -> String {
    let folded = fold(cell);
    let mut key = String::with_capacity(folded.len());
    let mut depth = 0usize;
    for c in folded.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            c if depth == 0 && c.is_alphanumeric() => key.push(c),
            _ => {}
        }
    }
    key
}

/// The known column a header cell names, if any.
pub fn recognize<C: Column>(cell: &str) -> Option<C> {
    let key = header_key(cell);
    if key.is_empty() {
        return None;
    }
    C::ALL
        .iter()
        .copied()
        .find(|c| c.aliases().contains(&key.as_str()))
}

/// Where each known column is in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderMap<C> {
    positions: Vec<Option<usize>>,
    /// Physical line of the header in the file.
    pub line: usize,
    _columns: PhantomData<C>,
}

impl<C: Column> HeaderMap<C> {
    /// Field index of `column`, or `None` when an optional column is absent.
    pub fn position(&self, column: C) -> Option<usize> {
        self.positions.get(column.index()).copied().flatten()
    }
}

/// How many cells name a known column (used to find the header line below
/// title lines).
pub fn recognized_count<'a, C: Column>(cells: impl IntoIterator<Item = &'a str>) -> usize {
    cells
        .into_iter()
        .filter(|c| recognize::<C>(c).is_some())
        .count()
}

/// Maps header cells to columns. Errors name every missing required column,
/// or the first column that appears twice.
pub fn match_headers<'a, C: Column>(
    cells: impl IntoIterator<Item = &'a str>,
    line: usize,
) -> Result<HeaderMap<C>, FileError> {
    let mut positions = vec![None; C::ALL.len()];
    for (i, cell) in cells.into_iter().enumerate() {
        if let Some(column) = recognize::<C>(cell) {
            let slot = &mut positions[column.index()];
            if slot.is_some() {
                return Err(FileError::DuplicateColumn {
                    column: column.name().to_owned(),
                    header_line: line,
                });
            }
            *slot = Some(i);
        }
    }
    let missing: Vec<String> = C::ALL
        .iter()
        .filter(|c| c.required() && positions[c.index()].is_none())
        .map(|c| c.name().to_owned())
        .collect();
    if !missing.is_empty() {
        return Err(FileError::MissingColumns {
            columns: missing,
            header_line: line,
        });
    }
    Ok(HeaderMap {
        positions,
        line,
        _columns: PhantomData,
    })
}

/// Columns of the student roster file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StudentColumn {
    Code,
    FullName,
    BirthDate,
    Gender,
    Class,
    Grade,
    SchoolCode,
}

impl Column for StudentColumn {
    const ALL: &'static [Self] = &[
        Self::Code,
        Self::FullName,
        Self::BirthDate,
        Self::Gender,
        Self::Class,
        Self::Grade,
        Self::SchoolCode,
    ];

    fn index(self) -> usize {
        self as usize
    }

    fn name(self) -> &'static str {
        match self {
            Self::Code => "Mã học sinh",
            Self::FullName => "Họ và tên",
            Self::BirthDate => "Ngày sinh",
            Self::Gender => "Giới tính",
            Self::Class => "Lớp",
            Self::Grade => "Khối",
            Self::SchoolCode => "Mã trường",
        }
    }

    fn required(self) -> bool {
        self != Self::Gender
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::Code => &["mahocsinh", "mahs", "masohocsinh", "masohs", "mshs"],
            Self::FullName => &[
                "hovaten",
                "hoten",
                "hovatenhocsinh",
                "hotenhocsinh",
                "hotenhs",
            ],
            Self::BirthDate => &["ngaysinh", "ngaythangnamsinh"],
            Self::Gender => &["gioitinh"],
            Self::Class => &["lop", "tenlop", "lophoc"],
            Self::Grade => &["khoi", "khoilop"],
            Self::SchoolCode => &["matruong"],
        }
    }
}

/// Columns of the teacher file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TeacherColumn {
    Code,
    FullName,
    SchoolCode,
    HomeroomClass,
    Email,
}

impl Column for TeacherColumn {
    const ALL: &'static [Self] = &[
        Self::Code,
        Self::FullName,
        Self::SchoolCode,
        Self::HomeroomClass,
        Self::Email,
    ];

    fn index(self) -> usize {
        self as usize
    }

    fn name(self) -> &'static str {
        match self {
            Self::Code => "Mã giáo viên",
            Self::FullName => "Họ và tên",
            Self::SchoolCode => "Mã trường",
            Self::HomeroomClass => "Lớp chủ nhiệm",
            Self::Email => "Email",
        }
    }

    fn required(self) -> bool {
        matches!(self, Self::Code | Self::FullName | Self::SchoolCode)
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::Code => &["magiaovien", "magv", "masogiaovien", "masogv"],
            Self::FullName => &[
                "hovaten",
                "hoten",
                "hovatengiaovien",
                "hotengiaovien",
                "hotengv",
            ],
            Self::SchoolCode => &["matruong"],
            Self::HomeroomClass => &["lopchunhiem", "chunhiemlop", "lopcn", "chunhiem"],
            Self::Email => &["email", "thudientu", "diachiemail"],
        }
    }
}

/// Columns of the agency / community team member file (annual training).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MemberColumn {
    Code,
    FullName,
    UnitCode,
    JobGroup,
    TrainingOfficer,
}

impl Column for MemberColumn {
    const ALL: &'static [Self] = &[
        Self::Code,
        Self::FullName,
        Self::UnitCode,
        Self::JobGroup,
        Self::TrainingOfficer,
    ];

    fn index(self) -> usize {
        self as usize
    }

    fn name(self) -> &'static str {
        match self {
            Self::Code => "Mã cán bộ",
            Self::FullName => "Họ và tên",
            Self::UnitCode => "Mã đơn vị",
            Self::JobGroup => "Nhóm",
            Self::TrainingOfficer => "Phụ trách đào tạo",
        }
    }

    fn required(self) -> bool {
        matches!(
            self,
            Self::Code | Self::FullName | Self::UnitCode | Self::JobGroup
        )
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::Code => &[
                "macanbo",
                "macb",
                "masocanbo",
                "macongchuc",
                "mathanhvien",
                "manhanvien",
            ],
            Self::FullName => &["hovaten", "hoten", "hotencanbo", "hovatencanbo"],
            Self::UnitCode => &["madonvi", "macoquan", "mato", "macoquandonvi"],
            Self::JobGroup => &[
                "nhom",
                "nhomvitri",
                "nhomdoituong",
                "doituong",
                "vitri",
                "vitrivieclam",
            ],
            Self::TrainingOfficer => &["phutrachdaotao", "canbophutrachdaotao", "phutrach"],
        }
    }
}

/// Columns of the administrative/school unit tree file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitColumn {
    Code,
    Name,
    Kind,
    ParentCode,
    Level,
}

impl Column for UnitColumn {
    const ALL: &'static [Self] = &[
        Self::Code,
        Self::Name,
        Self::Kind,
        Self::ParentCode,
        Self::Level,
    ];

    fn index(self) -> usize {
        self as usize
    }

    fn name(self) -> &'static str {
        match self {
            Self::Code => "Mã đơn vị",
            Self::Name => "Tên đơn vị",
            Self::Kind => "Loại",
            Self::ParentCode => "Mã đơn vị cha",
            Self::Level => "Cấp học",
        }
    }

    /// "Cấp học" is only needed on school rows; that is checked per row.
    fn required(self) -> bool {
        self != Self::Level
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::Code => &["madonvi", "madv"],
            Self::Name => &["tendonvi", "tendv"],
            Self::Kind => &["loai", "loaidonvi", "loaidv"],
            Self::ParentCode => &["madonvicha", "madvcha", "madonvicaptren", "madvcaptren"],
            Self::Level => &["caphoc"],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_schema<C: Column + std::fmt::Debug>() {
        for (i, c) in C::ALL.iter().enumerate() {
            assert_eq!(c.index(), i);
            assert_eq!(recognize::<C>(c.name()), Some(*c), "{:?}", c);
            for alias in c.aliases() {
                assert_eq!(&header_key(alias), alias, "alias not normalized");
                assert_eq!(recognize::<C>(alias), Some(*c), "alias {alias} shadowed");
            }
        }
    }

    #[test]
    fn every_column_name_and_alias_is_recognized_as_its_own_column() {
        check_schema::<StudentColumn>();
        check_schema::<TeacherColumn>();
        check_schema::<MemberColumn>();
        check_schema::<UnitColumn>();
    }

    #[test]
    fn header_keys_ignore_case_diacritics_spacing_punctuation_and_notes() {
        assert_eq!(header_key("Mã học sinh"), "mahocsinh");
        assert_eq!(header_key("  MÃ   HỌC SINH "), "mahocsinh");
        assert_eq!(header_key("Mã_học-sinh"), "mahocsinh");
        assert_eq!(header_key("Ngày sinh (dd/mm/yyyy)"), "ngaysinh");
        assert_eq!(header_key("Họ và tên (*)"), "hovaten");
        assert_eq!(header_key("Mã trường*"), "matruong");
        assert_eq!(header_key("E-mail"), "email");
    }

    #[test]
    fn common_student_header_variants_are_accepted() {
        let cases = [
            ("Mã HS", StudentColumn::Code),
            ("Ma hoc sinh", StudentColumn::Code),
            ("MSHS", StudentColumn::Code),
            ("Họ tên", StudentColumn::FullName),
            ("Ho va ten", StudentColumn::FullName),
            ("HỌ VÀ TÊN", StudentColumn::FullName),
            ("Ngày sinh (dd/mm/yyyy)", StudentColumn::BirthDate),
            ("Ngay sinh", StudentColumn::BirthDate),
            ("Gioi tinh", StudentColumn::Gender),
            ("Tên lớp", StudentColumn::Class),
            ("Khoi", StudentColumn::Grade),
            ("Mã trường", StudentColumn::SchoolCode),
            ("Ma truong", StudentColumn::SchoolCode),
        ];
        for (cell, column) in cases {
            assert_eq!(recognize::<StudentColumn>(cell), Some(column), "{cell}");
        }
        assert_eq!(recognize::<StudentColumn>("STT"), None);
        assert_eq!(recognize::<StudentColumn>(""), None);
    }

    #[test]
    fn headers_in_any_order_map_to_their_positions() {
        let cells = [
            "Ma truong",
            "STT",
            "khoi",
            "Lop",
            "Ho ten",
            "Ngay sinh",
            "Ma HS",
        ];
        let map = match_headers::<StudentColumn>(cells, 1).unwrap();
        assert_eq!(map.position(StudentColumn::SchoolCode), Some(0));
        assert_eq!(map.position(StudentColumn::Grade), Some(2));
        assert_eq!(map.position(StudentColumn::Class), Some(3));
        assert_eq!(map.position(StudentColumn::FullName), Some(4));
        assert_eq!(map.position(StudentColumn::BirthDate), Some(5));
        assert_eq!(map.position(StudentColumn::Code), Some(6));
        assert_eq!(
            map.position(StudentColumn::Gender),
            None,
            "optional and absent"
        );
    }

    #[test]
    fn a_missing_required_column_is_named_in_the_error() {
        let cells = ["Mã học sinh", "Họ và tên", "Lớp", "Khối", "Mã trường"];
        let err = match_headers::<StudentColumn>(cells, 1).unwrap_err();
        assert_eq!(
            err,
            FileError::MissingColumns {
                columns: vec!["Ngày sinh".into()],
                header_line: 1
            }
        );
        assert_eq!(
            err.to_string(),
            "Thiếu cột bắt buộc: Ngày sinh. Hãy kiểm tra dòng tiêu đề (dòng 1)."
        );
    }

    #[test]
    fn several_missing_columns_are_all_named_in_column_order() {
        let err = match_headers::<StudentColumn>(["Họ và tên"], 3).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Thiếu cột bắt buộc: Mã học sinh, Ngày sinh, Lớp, Khối, Mã trường. Hãy kiểm tra dòng tiêu đề (dòng 3)."
        );
    }

    #[test]
    fn the_same_column_twice_is_an_error() {
        let cells = ["Mã GV", "Họ tên", "Họ và tên", "Mã trường"];
        assert_eq!(
            match_headers::<TeacherColumn>(cells, 1)
                .unwrap_err()
                .to_string(),
            "Cột Họ và tên xuất hiện nhiều lần trong dòng tiêu đề (dòng 1)."
        );
    }

    #[test]
    fn optional_teacher_and_unit_columns_may_be_missing() {
        assert!(
            match_headers::<TeacherColumn>(["Mã giáo viên", "Họ và tên", "Mã trường"], 1).is_ok()
        );
        assert!(
            match_headers::<UnitColumn>(["Mã đơn vị", "Tên đơn vị", "Loại", "Mã đơn vị cha"], 1)
                .is_ok()
        );
    }
}
