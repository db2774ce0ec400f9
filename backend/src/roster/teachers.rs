//! Teacher files: one row per teacher, with an optional homeroom class for
//! the school year and an optional e-mail address.

use serde::Serialize;

use super::error::{FileError, ImportReport, InvalidValue, RowError};
use super::fields::{ClassName, Email, FullName, Grade, SchoolCode, SchoolYear, TeacherCode};
use super::headers::{Column, TeacherColumn as Col};
use super::table::{FirstSeen, ParseOptions, Row, RowErrors, read_table};

/// A valid teacher row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeacherRow {
    pub line: usize,
    pub code: TeacherCode,
    pub full_name: FullName,
    pub school_code: SchoolCode,
    /// "Lớp chủ nhiệm" for `school_year`, if any.
    pub homeroom_class: Option<ClassName>,
    /// Lowercased.
    pub email: Option<Email>,
    pub school_year: SchoolYear,
}

/// Parses and validates a whole teacher file; all rows or every error.
pub fn parse_teachers(
    bytes: &[u8],
    school_year: &SchoolYear,
) -> Result<Vec<TeacherRow>, ImportReport> {
    parse_teachers_with(bytes, school_year, &ParseOptions::default())
}

/// `parse_teachers` with an explicit row limit.
pub fn parse_teachers_with(
    bytes: &[u8],
    school_year: &SchoolYear,
    options: &ParseOptions,
) -> Result<Vec<TeacherRow>, ImportReport> {
    let (teachers, errors) = parse_teachers_keeping_valid(bytes, school_year, options)?;
    if errors.is_empty() {
        Ok(teachers)
    } else {
        Err(ImportReport::Rows(errors))
    }
}

/// Every valid row and every row error (sorted by line); only a whole-file problem stops early.
pub fn parse_teachers_keeping_valid(
    bytes: &[u8],
    school_year: &SchoolYear,
    options: &ParseOptions,
) -> Result<(Vec<TeacherRow>, Vec<RowError>), FileError> {
    let mut teachers = Vec::new();
    let mut errors = RowErrors::default();
    let mut seen = Seen::default();
    read_table::<Col>(bytes, options.max_rows, |line, row| {
        if let Some(teacher) = parse_row(line, row, *school_year, &mut errors, &mut seen) {
            teachers.push(teacher);
        }
    })?;
    Ok((teachers, errors.into_sorted()))
}

#[derive(Default)]
struct Seen {
    codes: FirstSeen,
    emails: FirstSeen,
    /// Key: school code + '\n' + class name.
    homerooms: FirstSeen,
}

/// A homeroom class must look like a THCS/THPT class when it starts with a number.
fn check_homeroom_grade(class: &ClassName) -> Result<(), InvalidValue> {
    match class.leading_number() {
        Some(n) if !(u32::from(Grade::MIN)..=u32::from(Grade::MAX)).contains(&n) => Err(
            InvalidValue::new(format!("Lớp chủ nhiệm {class} không thuộc khối 6 đến 12")),
        ),
        _ => Ok(()),
    }
}

fn parse_row(
    line: usize,
    row: &Row<'_, Col>,
    school_year: SchoolYear,
    errors: &mut RowErrors,
    seen: &mut Seen,
) -> Option<TeacherRow> {
    let code = errors.check(line, Col::Code, TeacherCode::parse(row.get(Col::Code)));
    if let Some(code) = &code
        && let Some(first) = seen.codes.first_line(code.as_str(), line)
    {
        errors.push(
            line,
            Some(Col::Code.name()),
            format!("Mã giáo viên {code} bị trùng với dòng {first}"),
        );
    }
    let full_name = errors.check(line, Col::FullName, FullName::parse(row.get(Col::FullName)));
    let school_code = errors.check(
        line,
        Col::SchoolCode,
        SchoolCode::parse(row.get(Col::SchoolCode)),
    );
    let homeroom_class = match row.get(Col::HomeroomClass) {
        "" => Some(None),
        raw => {
            let class = errors.check(
                line,
                Col::HomeroomClass,
                ClassName::parse_as(Col::HomeroomClass.name(), raw)
                    .and_then(|c| check_homeroom_grade(&c).map(|()| c)),
            );
            if let (Some(class), Some(school)) = (&class, &school_code) {
                let key = format!("{school}\n{class}");
                if let Some(first) = seen.homerooms.first_line(&key, line) {
                    errors.push(
                        line,
                        Some(Col::HomeroomClass.name()),
                        format!(
                            "Lớp {class} của trường {school} đã có giáo viên chủ nhiệm ở dòng {first}"
                        ),
                    );
                }
            }
            class.map(Some)
        }
    };
    let email = match row.get(Col::Email) {
        "" => Some(None),
        raw => {
            let email = errors.check(line, Col::Email, Email::parse(raw));
            if let Some(email) = &email
                && let Some(first) = seen.emails.first_line(email.as_str(), line)
            {
                errors.push(
                    line,
                    Some(Col::Email.name()),
                    format!("Email {email} bị trùng với dòng {first}"),
                );
            }
            email.map(Some)
        }
    };
    Some(TeacherRow {
        line,
        code: code?,
        full_name: full_name?,
        school_code: school_code?,
        homeroom_class: homeroom_class?,
        email: email?,
        school_year,
    })
}

#[cfg(test)]
mod tests {
    use super::super::decode::testing::windows_1258;
    use super::super::error::{FileError, RowError};
    use super::*;

    const HEADER: &str = "Mã giáo viên,Họ và tên,Mã trường,Lớp chủ nhiệm,Email";

    fn year() -> SchoolYear {
        SchoolYear::parse("2025-2026").unwrap()
    }

    fn parse(lines: &[&str]) -> Result<Vec<TeacherRow>, ImportReport> {
        parse_teachers(lines.join("\n").as_bytes(), &year())
    }

    fn errors(lines: &[&str]) -> Vec<RowError> {
        parse(lines).unwrap_err().row_errors().to_vec()
    }

    #[test]
    fn a_valid_teacher_file_is_parsed() {
        let rows = parse(&[
            HEADER,
            "GV01,Phạm Thị Lan,79000701,10A1,Lan.PT@truong.edu.vn",
            "GV02,Đỗ Văn Hùng,79000701,,",
        ])
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].homeroom_class.as_ref().unwrap().as_str(), "10A1");
        assert_eq!(
            rows[0].email.as_ref().unwrap().as_str(),
            "lan.pt@truong.edu.vn"
        );
        assert_eq!(
            (rows[1].homeroom_class.clone(), rows[1].email.clone()),
            (None, None)
        );
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn a_windows_1258_teacher_file_without_optional_columns_is_parsed() {
        let text = "Ma GV;Ho ten;Ma truong\r\nGV01;Phạm Thị Lan;79000701\r\n";
        let rows = parse_teachers(&windows_1258(text), &year()).unwrap();
        assert_eq!(rows[0].full_name.as_str(), "Phạm Thị Lan");
    }

    #[test]
    fn a_missing_teacher_code_column_is_named() {
        assert_eq!(
            parse(&["Họ và tên,Mã trường,Email", "Lan,T1,"]).unwrap_err(),
            ImportReport::File(FileError::MissingColumns {
                columns: vec!["Mã giáo viên".into()],
                header_line: 1
            })
        );
    }

    #[test]
    fn duplicate_teacher_codes_and_emails_point_back_to_the_first_line() {
        assert_eq!(
            errors(&[
                HEADER,
                "GV01,Phạm Thị Lan,T1,,lan@truong.vn",
                "GV02,Đỗ Văn Hùng,T1,,hung@truong.vn",
                "GV01,Lê Văn Tám,T1,,LAN@truong.vn",
            ]),
            [
                RowError::new(
                    4,
                    Some("Mã giáo viên"),
                    "Mã giáo viên GV01 bị trùng với dòng 2"
                ),
                RowError::new(4, Some("Email"), "Email lan@truong.vn bị trùng với dòng 2"),
            ]
        );
    }

    #[test]
    fn an_invalid_email_is_rejected() {
        assert_eq!(
            errors(&[HEADER, "GV01,Phạm Thị Lan,T1,,lan@truong"]),
            [RowError::new(
                2,
                Some("Email"),
                "Email “lan@truong” không hợp lệ"
            )]
        );
    }

    #[test]
    fn two_homeroom_teachers_for_one_class_of_one_school_are_rejected() {
        assert_eq!(
            errors(&[
                HEADER,
                "GV01,Phạm Thị Lan,T1,10A1,",
                "GV02,Đỗ Văn Hùng,T2,10A1,",
                "GV03,Lê Văn Tám,T1,10A1,",
            ]),
            [RowError::new(
                4,
                Some("Lớp chủ nhiệm"),
                "Lớp 10A1 của trường T1 đã có giáo viên chủ nhiệm ở dòng 2"
            )]
        );
    }

    #[test]
    fn a_homeroom_class_outside_grades_6_to_12_is_rejected() {
        assert_eq!(
            errors(&[HEADER, "GV01,Phạm Thị Lan,T1,5A,"]),
            [RowError::new(
                2,
                Some("Lớp chủ nhiệm"),
                "Lớp chủ nhiệm 5A không thuộc khối 6 đến 12"
            )]
        );
    }

    #[test]
    fn every_bad_teacher_cell_is_reported() {
        let found: Vec<_> = errors(&[HEADER, ",Lan 2,,x", "GV9,An,T1,,a@"])
            .into_iter()
            .map(|e| (e.line, e.column.unwrap()))
            .collect();
        assert_eq!(
            found,
            [
                (2, "Mã giáo viên".to_owned()),
                (2, "Họ và tên".to_owned()),
                (2, "Mã trường".to_owned()),
                (3, "Email".to_owned()),
            ]
        );
    }
}
