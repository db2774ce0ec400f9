//! Agency and community team member files (annual training): one row per member, with their
//! unit, job group ("Nhóm") and an optional training-officer mark. No e-mail or birth date is
//! asked: the training counts people, and reminders are texts the officer sends themselves.

use hocdvc_api::JobGroup;
use serde::Serialize;

use super::error::{FileError, ImportReport, InvalidValue, RowError};
use super::fields::{FullName, MemberCode, UnitCode};
use super::headers::{Column, MemberColumn as Col};
use super::table::{FirstSeen, ParseOptions, Row, RowErrors, read_table};
use super::text::{fold, shown};

/// A valid member row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberRow {
    pub line: usize,
    pub code: MemberCode,
    pub full_name: FullName,
    pub unit_code: UnitCode,
    pub job_group: JobGroup,
    /// "Phụ trách đào tạo": the member organises the unit's training.
    pub training_officer: bool,
}

/// Reads "Nhóm": the four job groups, with or without diacritics, and their short forms.
pub fn parse_job_group(raw: &str) -> Result<JobGroup, InvalidValue> {
    let key: String = fold(raw).chars().filter(|c| c.is_alphanumeric()).collect();
    match key.as_str() {
        "lanhdao" | "ld" => Ok(JobGroup::Leader),
        "canbovanhanhhethong" | "vanhanhhethong" | "vanhanh" | "cbvh" => Ok(JobGroup::Operator),
        "congchuckhac" | "khac" | "cck" => Ok(JobGroup::OtherCivilServant),
        "thanhvientocnscd"
        | "thanhvientocongnghesocongdong"
        | "tocnscd"
        | "tocongnghesocongdong"
        | "cnscd" => Ok(JobGroup::CommunityTeam),
        "" => Err(InvalidValue::new("Nhóm không được để trống")),
        _ => Err(InvalidValue::new(format!(
            "Nhóm “{}” không hợp lệ; hãy ghi Lãnh đạo, Cán bộ vận hành hệ thống, Công chức khác hoặc Thành viên Tổ CNSCĐ",
            shown(raw.trim())
        ))),
    }
}

/// Reads "Phụ trách đào tạo": x / có / 1 marks, empty / không / 0 does not.
fn parse_mark(raw: &str) -> Result<bool, InvalidValue> {
    match fold(raw).trim() {
        "" | "khong" | "0" | "no" => Ok(false),
        "x" | "co" | "1" | "yes" => Ok(true),
        _ => Err(InvalidValue::new(format!(
            "Phụ trách đào tạo “{}” không hợp lệ; hãy ghi x (hoặc Có) hoặc để trống",
            shown(raw.trim())
        ))),
    }
}

/// Parses and validates a whole member file; all rows or every error.
pub fn parse_members(bytes: &[u8]) -> Result<Vec<MemberRow>, ImportReport> {
    let (rows, errors) = parse_members_keeping_valid(bytes, &ParseOptions::default())?;
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(ImportReport::Rows(errors))
    }
}

/// Every valid row and every row error (sorted by line); only a whole-file problem stops early.
pub fn parse_members_keeping_valid(
    bytes: &[u8],
    options: &ParseOptions,
) -> Result<(Vec<MemberRow>, Vec<RowError>), FileError> {
    let mut members = Vec::new();
    let mut errors = RowErrors::default();
    let mut codes = FirstSeen::default();
    read_table::<Col>(bytes, options.max_rows, |line, row| {
        if let Some(member) = parse_row(line, row, &mut errors, &mut codes) {
            members.push(member);
        }
    })?;
    Ok((members, errors.into_sorted()))
}

fn parse_row(
    line: usize,
    row: &Row<'_, Col>,
    errors: &mut RowErrors,
    codes: &mut FirstSeen,
) -> Option<MemberRow> {
    let code = errors.check(line, Col::Code, MemberCode::parse(row.get(Col::Code)));
    if let Some(code) = &code
        && let Some(first) = codes.first_line(code.as_str(), line)
    {
        errors.push(
            line,
            Some(Col::Code.name()),
            format!("Mã cán bộ {code} bị trùng với dòng {first}"),
        );
    }
    let full_name = errors.check(line, Col::FullName, FullName::parse(row.get(Col::FullName)));
    let unit_code = errors.check(line, Col::UnitCode, UnitCode::parse(row.get(Col::UnitCode)));
    let job_group = errors.check(line, Col::JobGroup, parse_job_group(row.get(Col::JobGroup)));
    let training_officer = errors.check(
        line,
        Col::TrainingOfficer,
        parse_mark(row.get(Col::TrainingOfficer)),
    );
    Some(MemberRow {
        line,
        code: code?,
        full_name: full_name?,
        unit_code: unit_code?,
        job_group: job_group?,
        training_officer: training_officer?,
    })
}

#[cfg(test)]
mod tests {
    use super::super::decode::testing::windows_1258;
    use super::*;

    const HEADER: &str = "Mã cán bộ,Họ và tên,Mã đơn vị,Nhóm,Phụ trách đào tạo";

    fn errors(lines: &[&str]) -> Vec<RowError> {
        parse_members(lines.join("\n").as_bytes())
            .unwrap_err()
            .row_errors()
            .to_vec()
    }

    #[test]
    fn a_valid_member_file_is_parsed_with_every_job_group() {
        let rows = parse_members(
            [
                HEADER,
                "CB01,Nguyễn Văn An,AG-VPUB,Lãnh đạo,",
                "CB02,Trần Thị Bình,AG-VPUB,can bo van hanh he thong,x",
                "CB03,Lê Văn Cường,AG-VPUB,Công chức khác,",
                "TV01,Phạm Thị Dung,AG-LX-TCNS,Thành viên Tổ CNSCĐ,",
            ]
            .join("\n")
            .as_bytes(),
        )
        .unwrap();
        let groups: Vec<JobGroup> = rows.iter().map(|r| r.job_group).collect();
        assert_eq!(
            groups,
            [
                JobGroup::Leader,
                JobGroup::Operator,
                JobGroup::OtherCivilServant,
                JobGroup::CommunityTeam
            ]
        );
        assert!(rows[1].training_officer && !rows[0].training_officer);
    }

    #[test]
    fn a_windows_1258_member_file_is_parsed() {
        let text = "Ma can bo;Ho ten;Ma don vi;Nhom\r\nCB01;Nguyễn Văn An;AG-VPUB;Lãnh đạo\r\n";
        let rows = parse_members(&windows_1258(text)).unwrap();
        assert_eq!(rows[0].full_name.as_str(), "Nguyễn Văn An");
    }

    #[test]
    fn bad_member_rows_name_their_line_and_column() {
        assert_eq!(
            errors(&[
                HEADER,
                "CB01,Nguyễn Văn An,AG-VPUB,Giám đốc,",
                "CB01,Trần Thị Bình,AG-VPUB,Lãnh đạo,có lẽ",
            ]),
            [
                RowError::new(
                    2,
                    Some("Nhóm"),
                    "Nhóm “Giám đốc” không hợp lệ; hãy ghi Lãnh đạo, Cán bộ vận hành hệ thống, Công chức khác hoặc Thành viên Tổ CNSCĐ"
                ),
                RowError::new(3, Some("Mã cán bộ"), "Mã cán bộ CB01 bị trùng với dòng 2"),
                RowError::new(
                    3,
                    Some("Phụ trách đào tạo"),
                    "Phụ trách đào tạo “có lẽ” không hợp lệ; hãy ghi x (hoặc Có) hoặc để trống"
                ),
            ]
        );
    }
}
