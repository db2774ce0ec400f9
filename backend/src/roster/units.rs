//! Unit-tree files: provinces, communes, areas, schools, classes, agencies
//! and teams, each with an optional parent code.

use std::collections::HashMap;

use serde::Serialize;

use super::error::{ImportReport, InvalidValue};
use super::fields::UnitCode;
use super::headers::{Column, UnitColumn as Col};
use super::table::{FirstSeen, ParseOptions, Row, RowErrors, read_table};
use super::text::{collapse_whitespace, shown, to_nfc};

pub const MAX_UNIT_NAME_CHARS: usize = 200;

pub use crate::domain::{SchoolLevel, UnitKind};

const LEVEL_CHOICES: &str = "THCS, THPT, Liên cấp, Đại học, Nghề, GDTX";

/// "Loại" of a unit, as the domain reads it (diacritic-, case- and punctuation-insensitive).
pub fn parse_kind(raw: &str) -> Result<UnitKind, InvalidValue> {
    if raw.trim().is_empty() {
        return Err(InvalidValue::new("Loại không được để trống"));
    }
    UnitKind::parse_vietnamese(raw).map_err(InvalidValue::new)
}

/// "Cấp học" of a school.
pub fn parse_level(raw: &str) -> Result<SchoolLevel, InvalidValue> {
    SchoolLevel::parse_vietnamese(raw).map_err(InvalidValue::new)
}

/// A valid unit row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitRow {
    pub line: usize,
    pub code: UnitCode,
    /// NFC, trimmed, single spaces.
    pub name: String,
    pub kind: UnitKind,
    /// `None` for a root.
    pub parent: Option<UnitCode>,
    /// `Some` exactly for schools.
    pub level: Option<SchoolLevel>,
}

/// A valid unit file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitImport {
    /// Every unit, ordered so that a parent in the file comes before its
    /// children (otherwise file order), ready for inserting top-down.
    pub units: Vec<UnitRow>,
    /// Parent codes that are not in the file, in order of first use: the
    /// caller must resolve them against existing units.
    pub external_parents: Vec<UnitCode>,
}

/// Parses and validates a whole unit file; all rows or every error.
pub fn parse_units(bytes: &[u8]) -> Result<UnitImport, ImportReport> {
    parse_units_with(bytes, &ParseOptions::default())
}

/// `parse_units` with an explicit row limit.
pub fn parse_units_with(bytes: &[u8], options: &ParseOptions) -> Result<UnitImport, ImportReport> {
    let mut units = Vec::new();
    let mut errors = RowErrors::default();
    let mut codes = FirstSeen::default();
    // Parent links are needed for cycle detection even after errors.
    let mut links: Vec<Link> = Vec::new();
    read_table::<Col>(bytes, options.max_rows, |line, row| {
        if let Some(unit) = parse_row(line, row, &mut errors, &mut codes, &mut links) {
            units.push(unit);
        }
    })?;
    check_cycles(&links, &mut errors);
    if !errors.is_empty() {
        return errors.finish(UnitImport {
            units: Vec::new(),
            external_parents: Vec::new(),
        });
    }
    let (units, external_parents) = order_parents_first(units);
    errors.finish(UnitImport {
        units,
        external_parents,
    })
}

/// A row with a valid code and a valid, non-self parent code.
struct Link {
    line: usize,
    code: String,
    parent: String,
}

fn parse_row(
    line: usize,
    row: &Row<'_, Col>,
    errors: &mut RowErrors,
    codes: &mut FirstSeen,
    links: &mut Vec<Link>,
) -> Option<UnitRow> {
    let code = errors.check(line, Col::Code, UnitCode::parse(row.get(Col::Code)));
    if let Some(code) = &code
        && let Some(first) = codes.first_line(code.as_str(), line)
    {
        errors.push(
            line,
            Some(Col::Code.name()),
            format!("Mã đơn vị {code} bị trùng với dòng {first}"),
        );
    }
    let name = errors.check(line, Col::Name, parse_unit_name(row.get(Col::Name)));
    let kind = errors.check(line, Col::Kind, parse_kind(row.get(Col::Kind)));
    let parent = match row.get(Col::ParentCode) {
        "" => Some(None),
        raw => errors
            .check(
                line,
                Col::ParentCode,
                UnitCode::parse(raw).map_err(|e| {
                    InvalidValue::new(e.message.replacen("Mã đơn vị", "Mã đơn vị cha", 1))
                }),
            )
            .map(Some),
    };
    if let (Some(code), Some(Some(parent))) = (&code, &parent) {
        if code == parent {
            errors.push(
                line,
                Some(Col::ParentCode.name()),
                format!("Đơn vị {code} không thể là đơn vị cha của chính nó"),
            );
        } else {
            links.push(Link {
                line,
                code: code.as_str().to_owned(),
                parent: parent.as_str().to_owned(),
            });
        }
    }
    let level = match (kind, row.get(Col::Level)) {
        (Some(UnitKind::School), "") => {
            errors.push(
                line,
                Some(Col::Level.name()),
                format!("Đơn vị loại Trường phải có Cấp học ({LEVEL_CHOICES})"),
            );
            None
        }
        (Some(UnitKind::School), raw) => errors.check(line, Col::Level, parse_level(raw)).map(Some),
        (Some(_), "") | (None, _) => Some(None),
        (Some(_), _) => {
            errors.push(
                line,
                Some(Col::Level.name()),
                "Cấp học chỉ điền cho đơn vị loại Trường; hãy để trống ô này",
            );
            None
        }
    };
    Some(UnitRow {
        line,
        code: code?,
        name: name?,
        kind: kind?,
        parent: parent?,
        level: level?,
    })
}

fn parse_unit_name(raw: &str) -> Result<String, InvalidValue> {
    let nfc = to_nfc(raw);
    let name = collapse_whitespace(&nfc);
    if name.is_empty() {
        return Err(InvalidValue::new("Tên đơn vị không được để trống"));
    }
    let chars = name.chars().count();
    if chars > MAX_UNIT_NAME_CHARS {
        return Err(InvalidValue::new(format!(
            "Tên đơn vị dài {chars} ký tự; tối đa {MAX_UNIT_NAME_CHARS} ký tự"
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(InvalidValue::new(format!(
            "Tên đơn vị “{}” có ký tự không hợp lệ",
            shown(&name)
        )));
    }
    Ok(name.into_owned())
}

/// Reports each parent cycle inside the file once, on its first line:
/// "Mã đơn vị cha tạo thành vòng lặp: A → B → A".
fn check_cycles(links: &[Link], errors: &mut RowErrors) {
    // First row of each code (duplicates are reported elsewhere).
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(links.len());
    for (i, link) in links.iter().enumerate() {
        index.entry(link.code.as_str()).or_insert(i);
    }
    let parent_of = |i: usize| index.get(links[i].parent.as_str()).copied();

    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    let mut state = vec![State::New; links.len()];
    let mut path: Vec<usize> = Vec::new();
    for start in 0..links.len() {
        path.clear();
        let mut current = Some(start);
        while let Some(i) = current {
            match state[i] {
                State::New => {
                    state[i] = State::OnPath;
                    path.push(i);
                    current = parent_of(i);
                }
                State::OnPath => {
                    if let Some(pos) = path.iter().position(|&p| p == i) {
                        report_cycle(links, &path[pos..], errors);
                    }
                    break;
                }
                State::Done => break,
            }
        }
        for &i in &path {
            state[i] = State::Done;
        }
    }
}

fn report_cycle(links: &[Link], cycle: &[usize], errors: &mut RowErrors) {
    // Start the description at the member that comes first in the file.
    let Some(first) = (0..cycle.len()).min_by_key(|&k| links[cycle[k]].line) else {
        return;
    };
    let mut codes: Vec<&str> = (0..cycle.len())
        .map(|k| links[cycle[(first + k) % cycle.len()]].code.as_str())
        .collect();
    codes.push(codes[0]);
    errors.push(
        links[cycle[first]].line,
        Some(Col::ParentCode.name()),
        format!("Mã đơn vị cha tạo thành vòng lặp: {}", codes.join(" → ")),
    );
}

/// Orders parents (in the file) before children and lists external parents.
/// Requires unique codes and no cycles (checked before).
fn order_parents_first(units: Vec<UnitRow>) -> (Vec<UnitRow>, Vec<UnitCode>) {
    let index: HashMap<&str, usize> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.code.as_str(), i))
        .collect();
    let mut external: Vec<UnitCode> = Vec::new();
    let mut external_seen: FirstSeen = FirstSeen::default();
    let mut order: Vec<usize> = Vec::with_capacity(units.len());
    let mut placed = vec![false; units.len()];
    let mut chain: Vec<usize> = Vec::new();
    for start in 0..units.len() {
        chain.clear();
        let mut current = Some(start);
        // Bounded walk: without cycles a chain is at most `units.len()` long.
        while let Some(i) = current {
            if placed[i] || chain.len() > units.len() {
                break;
            }
            chain.push(i);
            current = units[i].parent.as_ref().and_then(|p| {
                let found = index.get(p.as_str()).copied();
                if found.is_none() && external_seen.first_line(p.as_str(), 0).is_none() {
                    external.push(p.clone());
                }
                found
            });
        }
        for &i in chain.iter().rev() {
            if !placed[i] {
                placed[i] = true;
                order.push(i);
            }
        }
    }
    let mut slots: Vec<Option<UnitRow>> = units.into_iter().map(Some).collect();
    let units = order.into_iter().filter_map(|i| slots[i].take()).collect();
    (units, external)
}

#[cfg(test)]
mod tests {
    use super::super::decode::testing::utf16le_with_bom;
    use super::super::error::{FileError, RowError};
    use super::*;
    use proptest::prelude::*;

    const HEADER: &str = "Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cha,Cấp học";

    fn parse(lines: &[&str]) -> Result<UnitImport, ImportReport> {
        parse_units(lines.join("\n").as_bytes())
    }

    fn errors(lines: &[&str]) -> Vec<RowError> {
        parse(lines).unwrap_err().row_errors().to_vec()
    }

    fn codes(import: &UnitImport) -> Vec<&str> {
        import.units.iter().map(|u| u.code.as_str()).collect()
    }

    #[test]
    fn a_valid_tree_is_parsed_with_parents_before_children() {
        let import = parse(&[
            HEADER,
            "L10A1,Lớp 10A1,Lớp,THPT01,",
            "THPT01,Trường THPT Lê Lợi,Trường,P01,THPT",
            "P01,Phường Bến Thành,Phường,HCM,",
            "HCM,Thành phố Hồ Chí Minh,Thành phố,,",
            "TO1,Tổ Toán,Tổ,THPT01,",
        ])
        .unwrap();
        assert_eq!(codes(&import), ["HCM", "P01", "THPT01", "L10A1", "TO1"]);
        let school = &import.units[2];
        assert_eq!(school.kind, UnitKind::School);
        assert_eq!(school.level, Some(SchoolLevel::Thpt));
        assert_eq!(school.line, 3);
        assert_eq!(school.parent.as_ref().unwrap().as_str(), "P01");
        assert_eq!(import.units[0].parent, None);
        assert!(import.external_parents.is_empty());
    }

    #[test]
    fn unit_kinds_are_matched_without_diacritics_or_case() {
        let cases = [
            ("Tỉnh", UnitKind::Province),
            ("thanh pho", UnitKind::Province),
            ("Xã", UnitKind::Commune),
            ("PHƯỜNG", UnitKind::Commune),
            ("Xã/Phường", UnitKind::Commune),
            ("dac khu", UnitKind::Commune),
            ("Khu vực", UnitKind::Area),
            ("truong", UnitKind::School),
            ("Lop", UnitKind::Class),
            ("Cơ quan", UnitKind::Agency),
            ("TO", UnitKind::Team),
        ];
        for (raw, kind) in cases {
            assert_eq!(parse_kind(raw).unwrap(), kind, "{raw}");
        }
    }

    #[test]
    fn school_levels_are_matched_without_diacritics() {
        let cases = [
            ("THCS", SchoolLevel::Thcs),
            ("thpt", SchoolLevel::Thpt),
            ("Liên cấp", SchoolLevel::LienCap),
            ("lien cap", SchoolLevel::LienCap),
            ("Đại học", SchoolLevel::DaiHoc),
            ("Nghề", SchoolLevel::Nghe),
            ("GDTX", SchoolLevel::Gdtx),
            ("Trung học cơ sở", SchoolLevel::Thcs),
        ];
        for (raw, level) in cases {
            assert_eq!(parse_level(raw).unwrap(), level, "{raw}");
        }
    }

    #[test]
    fn an_unknown_kind_lists_the_choices() {
        assert_eq!(
            errors(&[HEADER, "X1,Huyện Cũ,Huyện,,"]),
            [RowError::new(
                2,
                Some("Loại"),
                "Loại “Huyện” không hợp lệ; chọn một trong: Tỉnh, Thành phố, Xã, Phường, Đặc khu, Khu vực, Trường, Lớp, Cơ quan, Tổ"
            )]
        );
    }

    #[test]
    fn a_school_needs_a_level_and_other_units_must_leave_it_empty() {
        assert_eq!(
            errors(&[
                HEADER,
                "T1,Trường A,Trường,,",
                "L1,Lớp 6A,Lớp,T1,THCS",
                "T2,Trường B,Trường,,Mầm non"
            ]),
            [
                RowError::new(
                    2,
                    Some("Cấp học"),
                    "Đơn vị loại Trường phải có Cấp học (THCS, THPT, Liên cấp, Đại học, Nghề, GDTX)"
                ),
                RowError::new(
                    3,
                    Some("Cấp học"),
                    "Cấp học chỉ điền cho đơn vị loại Trường; hãy để trống ô này"
                ),
                RowError::new(
                    4,
                    Some("Cấp học"),
                    "Cấp học “Mầm non” không hợp lệ; chọn một trong: THCS, THPT, Liên cấp, Đại học, Nghề, GDTX"
                ),
            ]
        );
    }

    #[test]
    fn the_level_column_may_be_absent_when_there_are_no_schools() {
        let import = parse(&[
            "Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cha",
            "P1,Phường 1,Phường,",
        ])
        .unwrap();
        assert_eq!(import.units[0].level, None);
    }

    #[test]
    fn parent_codes_not_in_the_file_are_returned_as_external() {
        let import = parse(&[
            HEADER,
            "T1,Trường A,Trường,P01,THCS",
            "T2,Trường B,Trường,P02,THCS",
            "L1,Lớp 6A,Lớp,T1,",
            "T3,Trường C,Trường,P01,THCS",
        ])
        .unwrap();
        let external: Vec<_> = import
            .external_parents
            .iter()
            .map(UnitCode::as_str)
            .collect();
        assert_eq!(external, ["P01", "P02"]);
        assert_eq!(codes(&import), ["T1", "T2", "L1", "T3"]);
    }

    #[test]
    fn a_unit_cannot_be_its_own_parent() {
        assert_eq!(
            errors(&[HEADER, "P1,Phường 1,Phường,P1,"]),
            [RowError::new(
                2,
                Some("Mã đơn vị cha"),
                "Đơn vị P1 không thể là đơn vị cha của chính nó"
            )]
        );
    }

    #[test]
    fn a_parent_cycle_is_reported_once_with_its_path_on_its_first_line() {
        assert_eq!(
            errors(&[
                HEADER,
                "HCM,Thành phố Hồ Chí Minh,Thành phố,,",
                "L1,Lớp 6A,Lớp,T1,",
                "A,Khu vực A,Khu vực,C,",
                "B,Khu vực B,Khu vực,A,",
                "C,Khu vực C,Khu vực,B,",
                "T1,Trường A,Trường,A,THCS",
            ]),
            [RowError::new(
                4,
                Some("Mã đơn vị cha"),
                "Mã đơn vị cha tạo thành vòng lặp: A → C → B → A"
            )]
        );
    }

    #[test]
    fn duplicate_unit_codes_point_back_to_the_first_line() {
        assert_eq!(
            errors(&[
                HEADER,
                "P1,Phường 1,Phường,,",
                "P2,Phường 2,Phường,,",
                "P1,Phường 3,Phường,,"
            ]),
            [RowError::new(
                4,
                Some("Mã đơn vị"),
                "Mã đơn vị P1 bị trùng với dòng 2"
            )]
        );
    }

    #[test]
    fn empty_names_kinds_and_bad_parent_codes_are_reported() {
        let found: Vec<_> = errors(&[HEADER, "P1,,,có dấu cách,"])
            .into_iter()
            .map(|e| (e.line, e.column.unwrap(), e.message))
            .collect();
        assert_eq!(
            found,
            [
                (
                    2,
                    "Tên đơn vị".into(),
                    "Tên đơn vị không được để trống".into()
                ),
                (2, "Loại".into(), "Loại không được để trống".into()),
                (
                    2,
                    "Mã đơn vị cha".into(),
                    "Mã đơn vị cha “có dấu cách” không được chứa dấu cách".into()
                ),
            ]
        );
    }

    #[test]
    fn a_unicode_text_export_from_excel_is_read() {
        let text = "Ma don vi\tTen don vi\tLoai\tMa don vi cha\tCap hoc\r\nT1\tTrường THCS Lê Lợi\tTrường\tP01\tTHCS\r\n";
        let import = parse_units(&utf16le_with_bom(text)).unwrap();
        assert_eq!(import.units[0].name, "Trường THCS Lê Lợi");
    }

    #[test]
    fn a_unit_file_missing_the_kind_column_names_it() {
        assert_eq!(
            parse(&["Mã đơn vị,Tên đơn vị,Mã đơn vị cha", "P1,Phường 1,"]).unwrap_err(),
            ImportReport::File(FileError::MissingColumns {
                columns: vec!["Loại".into()],
                header_line: 1
            })
        );
    }

    proptest! {
        #[test]
        fn random_parent_links_never_panic_and_valid_trees_put_parents_first(
            parents in proptest::collection::vec(proptest::option::of(0usize..12), 1..12),
        ) {
            let mut lines = vec![HEADER.to_owned()];
            for (i, parent) in parents.iter().enumerate() {
                let parent = parent.map(|p| format!("U{p}")).unwrap_or_default();
                lines.push(format!("U{i},Khu vực {i},Khu vực,{parent},"));
            }
            let text = lines.join("\n");
            match parse_units(text.as_bytes()) {
                Ok(import) => {
                    let mut placed = std::collections::HashSet::new();
                    for unit in &import.units {
                        if let Some(p) = &unit.parent
                            && !import.external_parents.contains(p)
                        {
                            prop_assert!(placed.contains(p.as_str()), "parent after child");
                        }
                        placed.insert(unit.code.as_str());
                    }
                    prop_assert_eq!(import.units.len(), parents.len());
                }
                Err(report) => {
                    prop_assert!(report.row_errors().iter().all(|e| e.column.as_deref() == Some("Mã đơn vị cha")));
                }
            }
        }
    }
}
