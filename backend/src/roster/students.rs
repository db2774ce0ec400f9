//! Student roster files: one row per student enrolment for a school year.

use serde::Serialize;

use super::error::{FileError, ImportReport, RowError};
use super::fields::{
    BirthDate, ClassName, FullName, Gender, Grade, SchoolCode, SchoolYear, StudentCode,
};
use super::headers::{Column, StudentColumn as Col};
use super::table::{FirstSeen, ParseOptions, Row, RowErrors, read_table};

/// A valid student row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StudentRow {
    /// Physical line in the file, for follow-up messages (e.g. unknown school).
    pub line: usize,
    pub code: StudentCode,
    pub full_name: FullName,
    pub birth_date: BirthDate,
    pub gender: Option<Gender>,
    pub grade: Grade,
    pub class_name: ClassName,
    pub school_code: SchoolCode,
    /// The school year the class/grade columns refer to.
    pub school_year: SchoolYear,
}

/// Parses and validates a whole student file; all rows or every error.
pub fn parse_students(
    bytes: &[u8],
    school_year: &SchoolYear,
) -> Result<Vec<StudentRow>, ImportReport> {
    parse_students_with(bytes, school_year, &ParseOptions::default())
}

/// `parse_students` with an explicit import date and row limit.
pub fn parse_students_with(
    bytes: &[u8],
    school_year: &SchoolYear,
    options: &ParseOptions,
) -> Result<Vec<StudentRow>, ImportReport> {
    let (students, errors) = parse_students_keeping_valid(bytes, school_year, options)?;
    if errors.is_empty() {
        Ok(students)
    } else {
        Err(ImportReport::Rows(errors))
    }
}

/// Every valid row and every row error (sorted by line), so that the database checks can
/// report on the valid rows in the same pass; only a whole-file problem stops early.
pub fn parse_students_keeping_valid(
    bytes: &[u8],
    school_year: &SchoolYear,
    options: &ParseOptions,
) -> Result<(Vec<StudentRow>, Vec<RowError>), FileError> {
    let mut students = Vec::new();
    let mut errors = RowErrors::default();
    let mut codes = FirstSeen::default();
    read_table::<Col>(bytes, options.max_rows, |line, row| {
        if let Some(student) = parse_row(line, row, *school_year, options, &mut errors, &mut codes)
        {
            students.push(student);
        }
    })?;
    Ok((students, errors.into_sorted()))
}

fn parse_row(
    line: usize,
    row: &Row<'_, Col>,
    school_year: SchoolYear,
    options: &ParseOptions,
    errors: &mut RowErrors,
    codes: &mut FirstSeen,
) -> Option<StudentRow> {
    let code = errors.check(line, Col::Code, StudentCode::parse(row.get(Col::Code)));
    if let Some(code) = &code
        && let Some(first) = codes.first_line(code.as_str(), line)
    {
        errors.push(
            line,
            Some(Col::Code.name()),
            format!("Mã học sinh {code} bị trùng với dòng {first}"),
        );
    }
    let full_name = errors.check(line, Col::FullName, FullName::parse(row.get(Col::FullName)));
    let birth_date = errors.check(
        line,
        Col::BirthDate,
        BirthDate::parse(row.get(Col::BirthDate), options.today),
    );
    let gender = match row.get(Col::Gender) {
        "" => Some(None),
        raw => errors
            .check(line, Col::Gender, Gender::parse(raw))
            .map(Some),
    };
    let class_name = errors.check(line, Col::Class, ClassName::parse(row.get(Col::Class)));
    let grade = errors.check(line, Col::Grade, Grade::parse(row.get(Col::Grade)));
    if let (Some(class_name), Some(grade)) = (&class_name, grade) {
        errors.check(line, Col::Class, class_name.check_grade(grade));
    }
    let school_code = errors.check(
        line,
        Col::SchoolCode,
        SchoolCode::parse(row.get(Col::SchoolCode)),
    );
    Some(StudentRow {
        line,
        code: code?,
        full_name: full_name?,
        birth_date: birth_date?,
        gender: gender?,
        grade: grade?,
        class_name: class_name?,
        school_code: school_code?,
        school_year,
    })
}

#[cfg(test)]
mod tests {
    use super::super::decode::testing::{
        garbage, nfd_utf8, utf8_with_bom, utf16le_with_bom, windows_1258,
    };
    use super::super::error::{FileError, RowError};
    use super::*;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    const HEADER: &str = "Mã học sinh,Họ và tên,Ngày sinh,Giới tính,Lớp,Khối,Mã trường";

    fn options() -> ParseOptions {
        ParseOptions {
            today: NaiveDate::from_ymd_opt(2025, 9, 5).unwrap(),
            max_rows: 200_000,
        }
    }

    fn year() -> SchoolYear {
        SchoolYear::parse("2025-2026").unwrap()
    }

    fn file(lines: &[&str]) -> Vec<u8> {
        let mut s = lines.join("\r\n");
        s.push_str("\r\n");
        s.into_bytes()
    }

    fn parse(bytes: &[u8]) -> Result<Vec<StudentRow>, ImportReport> {
        parse_students_with(bytes, &year(), &options())
    }

    fn row_errors(lines: &[&str]) -> Vec<RowError> {
        match parse(&file(lines)) {
            Err(ImportReport::Rows(errors)) => errors,
            other => panic!("expected row errors, got {other:?}"),
        }
    }

    /// The single error of a one-data-row file.
    fn only_error(data: &str) -> (usize, Option<String>, String) {
        let errors = row_errors(&[HEADER, data]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        let e = errors.into_iter().next().unwrap();
        (e.line, e.column, e.message)
    }

    fn err(line: usize, column: &str, message: &str) -> (usize, Option<String>, String) {
        (line, Some(column.to_owned()), message.to_owned())
    }

    fn file_error(bytes: &[u8]) -> FileError {
        match parse(bytes) {
            Err(ImportReport::File(e)) => e,
            other => panic!("expected a file error, got {other:?}"),
        }
    }

    const GOOD: &str = "HS001,Nguyễn Thị Hồng Nhung,05/09/2010,Nữ,9A1,9,79000701";

    fn three_students(delimiter: &str) -> String {
        [
            HEADER,
            "HS001,Nguyễn Thị Hồng Nhung,05/09/2010,Nữ,9A1,9,79000701",
            "HS002,Trần Đức Anh,12/3/2009,Nam,10A2,10,79000701",
            "HS003,Lê Hoàng Yến,28/02/2008,,11A3,11,79000702",
        ]
        .map(|l| l.replace(',', delimiter))
        .join("\r\n")
            + "\r\n"
    }

    #[test]
    fn the_same_roster_in_five_real_encodings_gives_identical_nfc_rows() {
        let comma = three_students(",");
        let inputs = [
            ("UTF-8 BOM", utf8_with_bom(&comma)),
            ("Windows-1258", windows_1258(&comma)),
            ("UTF-16LE tab", utf16le_with_bom(&three_students("\t"))),
            ("NFD UTF-8", nfd_utf8(&comma)),
            ("semicolon", three_students(";").into_bytes()),
        ];
        let expected = parse(comma.as_bytes()).unwrap();
        let names: Vec<&str> = expected.iter().map(|s| s.full_name.as_str()).collect();
        assert_eq!(
            names,
            ["Nguyễn Thị Hồng Nhung", "Trần Đức Anh", "Lê Hoàng Yến"]
        );
        for (label, bytes) in inputs {
            assert_eq!(parse(&bytes).unwrap(), expected, "{label}");
        }
    }

    #[test]
    fn a_valid_row_becomes_domain_values() {
        let rows = parse(&file(&[HEADER, GOOD])).unwrap();
        let s = &rows[0];
        assert_eq!(s.line, 2);
        assert_eq!(s.code.as_str(), "HS001");
        assert_eq!(s.full_name.as_str(), "Nguyễn Thị Hồng Nhung");
        assert_eq!(
            s.birth_date.date(),
            NaiveDate::from_ymd_opt(2010, 9, 5).unwrap()
        );
        assert_eq!(s.gender, Some(Gender::Female));
        assert_eq!(s.grade.get(), 9);
        assert_eq!(s.class_name.as_str(), "9A1");
        assert_eq!(s.school_code.as_str(), "79000701");
        assert_eq!(s.school_year.to_string(), "2025-2026");
    }

    #[test]
    fn an_empty_student_code_is_reported_on_its_line_and_column() {
        assert_eq!(
            only_error(",Trần Đức Anh,12/3/2009,Nam,10A2,10,79000701"),
            err(2, "Mã học sinh", "Mã học sinh không được để trống")
        );
    }

    #[test]
    fn a_student_code_longer_than_32_characters_is_rejected() {
        let code = "H".repeat(33);
        let (line, column, message) = only_error(&format!(
            "{code},Trần Đức Anh,12/3/2009,Nam,10A2,10,79000701"
        ));
        assert_eq!((line, column.as_deref()), (2, Some("Mã học sinh")));
        assert!(
            message.ends_with("dài 33 ký tự; tối đa 32 ký tự"),
            "{message}"
        );
    }

    #[test]
    fn a_duplicate_student_code_points_back_to_its_first_line() {
        let errors = row_errors(&[
            HEADER,
            "HS000,Trần Đức Anh,12/3/2009,Nam,10A2,10,79000701",
            "HS001,Trần Đức Anh,12/3/2009,Nam,10A2,10,79000701",
            "HS002,Trần Đức Anh,12/3/2009,Nam,10A2,10,79000701",
            "HS003,Trần Đức Anh,12/3/2009,Nam,10A2,10,79000701",
            "HS004,Trần Đức Anh,12/3/2009,Nam,10A2,10,79000701",
            "HS001,Trần Đức Anh,12/3/2009,Nam,10A2,10,79000701",
        ]);
        assert_eq!(
            errors,
            [RowError::new(
                7,
                Some("Mã học sinh"),
                "Mã học sinh HS001 bị trùng với dòng 3"
            )]
        );
    }

    #[test]
    fn a_name_with_digits_or_symbols_is_rejected() {
        let (line, column, message) =
            only_error("HS001,Nguyễn Văn 2,05/09/2010,Nam,9A1,9,79000701");
        assert_eq!((line, column.as_deref()), (2, Some("Họ và tên")));
        assert!(message.starts_with("Họ và tên “Nguyễn Văn 2” có ký tự không hợp lệ “2”"));
    }

    #[test]
    fn names_with_apostrophes_and_hyphens_are_accepted() {
        let rows = parse(&file(&[
            HEADER,
            "HS001,H'Hen Niê,05/09/2010,Nữ,9A1,9,66000701",
        ]))
        .unwrap();
        assert_eq!(rows[0].full_name.as_str(), "H'Hen Niê");
    }

    #[test]
    fn an_empty_or_overlong_name_is_rejected() {
        assert_eq!(
            only_error("HS001,,05/09/2010,Nam,9A1,9,79000701"),
            err(2, "Họ và tên", "Họ và tên không được để trống")
        );
        let long = "An ".repeat(34);
        assert_eq!(
            only_error(&format!("HS001,{long},05/09/2010,Nam,9A1,9,79000701")),
            err(2, "Họ và tên", "Họ và tên dài 101 ký tự; tối đa 100 ký tự")
        );
    }

    #[test]
    fn an_impossible_birth_date_does_not_exist() {
        assert_eq!(
            only_error("HS001,Trần Đức Anh,31/02/2010,Nam,9A1,9,79000701"),
            err(2, "Ngày sinh", "Ngày sinh 31/02/2010 không tồn tại")
        );
    }

    #[test]
    fn a_birth_date_in_another_format_is_rejected() {
        assert_eq!(
            only_error("HS001,Trần Đức Anh,2010/09/05,Nam,9A1,9,79000701"),
            err(
                2,
                "Ngày sinh",
                "Ngày sinh “2010/09/05” không đúng dạng dd/mm/yyyy (ví dụ 05/09/2010)"
            )
        );
    }

    #[test]
    fn a_birth_date_in_the_future_is_rejected() {
        assert_eq!(
            only_error("HS001,Trần Đức Anh,01/01/2026,Nam,9A1,9,79000701"),
            err(2, "Ngày sinh", "Ngày sinh 01/01/2026 nằm trong tương lai")
        );
    }

    #[test]
    fn a_student_younger_than_5_or_older_than_80_is_rejected() {
        assert_eq!(
            only_error("HS001,Trần Đức Anh,01/01/2022,Nam,9A1,9,79000701"),
            err(
                2,
                "Ngày sinh",
                "Ngày sinh 01/01/2022 cho thấy học sinh mới 3 tuổi; tuổi phải từ 5 đến 80"
            )
        );
        assert_eq!(
            only_error("HS001,Trần Đức Anh,01/01/1940,Nam,9A1,9,79000701"),
            err(
                2,
                "Ngày sinh",
                "Ngày sinh 01/01/1940 cho thấy học sinh đã 85 tuổi; tuổi phải từ 5 đến 80"
            )
        );
    }

    #[test]
    fn gender_may_be_empty_or_nam_nu_khac_without_diacritics() {
        let rows = parse(&file(&[
            HEADER,
            "HS1,An,05/09/2010,,9A1,9,T1",
            "HS2,An,05/09/2010,nu,9A1,9,T1",
            "HS3,An,05/09/2010,NAM,9A1,9,T1",
            "HS4,An,05/09/2010,Khac,9A1,9,T1",
        ]))
        .unwrap();
        let genders: Vec<_> = rows.iter().map(|r| r.gender).collect();
        assert_eq!(
            genders,
            [
                None,
                Some(Gender::Female),
                Some(Gender::Male),
                Some(Gender::Other)
            ]
        );
    }

    #[test]
    fn an_unknown_gender_is_rejected() {
        assert_eq!(
            only_error("HS001,Trần Đức Anh,12/3/2009,F,9A1,9,79000701"),
            err(
                2,
                "Giới tính",
                "Giới tính “F” không hợp lệ; hãy ghi Nam, Nữ hoặc Khác (hoặc để trống)"
            )
        );
    }

    #[test]
    fn the_gender_column_may_be_left_out_entirely() {
        let header = "Mã học sinh,Họ và tên,Ngày sinh,Lớp,Khối,Mã trường";
        let rows = parse(&file(&[header, "HS1,An,05/09/2010,9A1,9,T1"])).unwrap();
        assert_eq!(rows[0].gender, None);
    }

    #[test]
    fn a_grade_outside_6_to_12_is_rejected() {
        assert_eq!(
            only_error("HS001,Trần Đức Anh,12/3/2009,Nam,5A,5,79000701"),
            err(2, "Khối", "Khối phải từ 6 đến 12")
        );
        assert_eq!(
            only_error("HS001,Trần Đức Anh,12/3/2009,Nam,A1,13,79000701"),
            err(2, "Khối", "Khối phải từ 6 đến 12")
        );
    }

    #[test]
    fn a_non_numeric_grade_is_rejected() {
        assert_eq!(
            only_error("HS001,Trần Đức Anh,12/3/2009,Nam,9A1,chín,79000701"),
            err(
                2,
                "Khối",
                "Khối “chín” không phải là số; khối phải từ 6 đến 12"
            )
        );
    }

    #[test]
    fn a_class_from_another_grade_is_rejected() {
        assert_eq!(
            only_error("HS001,Trần Đức Anh,12/3/2009,Nam,10A1,9,79000701"),
            err(2, "Lớp", "Lớp 10A1 không thuộc khối 9")
        );
    }

    #[test]
    fn a_class_without_a_leading_number_fits_any_grade() {
        assert!(parse(&file(&[HEADER, "HS1,An,05/09/2010,Nam,Chuyên Toán,10,T1"])).is_ok());
    }

    #[test]
    fn an_empty_or_overlong_class_is_rejected() {
        assert_eq!(
            only_error("HS001,Trần Đức Anh,12/3/2009,Nam,,9,79000701"),
            err(2, "Lớp", "Lớp không được để trống")
        );
        assert_eq!(
            only_error("HS001,Trần Đức Anh,12/3/2009,Nam,9A Chuyên Toán Tin Học,9,79000701"),
            err(
                2,
                "Lớp",
                "Lớp “9A Chuyên Toán Tin Học” dài 22 ký tự; tối đa 20 ký tự"
            )
        );
    }

    #[test]
    fn an_empty_school_code_is_rejected() {
        assert_eq!(
            only_error("HS001,Trần Đức Anh,12/3/2009,Nam,9A1,9,"),
            err(2, "Mã trường", "Mã trường không được để trống")
        );
    }

    #[test]
    fn a_file_with_three_bad_rows_reports_all_three_in_order() {
        let errors = row_errors(&[
            HEADER,
            GOOD,
            "HS002,Trần Đức Anh,31/02/2010,Nam,9A1,9,79000701",
            "HS003,Lê Hoàng Yến,05/09/2010,Nữ,9A1,9,79000701",
            "HS004,Lê Hoàng Yến,05/09/2010,Nữ,10A1,9,79000701",
            "HS005,Lê Hoàng Yến,05/09/2010,Nữ,9A1,14,79000701",
        ]);
        let found: Vec<_> = errors
            .iter()
            .map(|e| (e.line, e.column.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(found, [(3, "Ngày sinh"), (5, "Lớp"), (6, "Khối")]);
    }

    #[test]
    fn every_invalid_cell_of_one_row_is_reported() {
        let errors = row_errors(&[HEADER, ",1,x,?,,0,"]);
        let columns: Vec<_> = errors
            .iter()
            .map(|e| e.column.as_deref().unwrap())
            .collect();
        assert_eq!(
            columns,
            [
                "Mã học sinh",
                "Họ và tên",
                "Ngày sinh",
                "Giới tính",
                "Lớp",
                "Khối",
                "Mã trường"
            ]
        );
        assert!(errors.iter().all(|e| e.line == 2));
    }

    #[test]
    fn completely_empty_rows_are_skipped_and_line_numbers_stay_physical() {
        let errors = row_errors(&[
            HEADER,
            ",,,,,,",
            GOOD,
            "",
            " \u{a0}, ,  ,,,",
            "HS002,Trần Đức Anh,31/02/2010,Nam,9A1,9,79000701",
        ]);
        assert_eq!(
            errors,
            [RowError::new(
                6,
                Some("Ngày sinh"),
                "Ngày sinh 31/02/2010 không tồn tại"
            )]
        );
    }

    #[test]
    fn quoted_cells_with_delimiters_and_line_breaks_keep_later_line_numbers_right() {
        let errors = row_errors(&[
            HEADER,
            "\"HS001\",\"Nguyễn Thị\nHồng Nhung\",05/09/2010,Nữ,9A1,9,\"79,1\"",
            "HS002,Trần Đức Anh,31/02/2010,Nam,9A1,9,79000701",
        ]);
        assert_eq!(
            errors,
            [RowError::new(
                4,
                Some("Ngày sinh"),
                "Ngày sinh 31/02/2010 không tồn tại"
            )]
        );
    }

    #[test]
    fn a_line_break_inside_a_quoted_name_becomes_a_space() {
        let rows = parse(&file(&[
            HEADER,
            "HS009,\"Nguyễn\r\n An\",05/09/2010,Nữ,9A1,9,T1",
            GOOD,
        ]))
        .unwrap();
        assert_eq!(rows[0].full_name.as_str(), "Nguyễn An");
        assert_eq!(rows[1].line, 4);
    }

    #[test]
    fn shuffled_headers_without_diacritics_work() {
        let rows = parse(&file(&[
            "ma truong;KHOI;lop;gioi tinh;Ngay sinh (dd/mm/yyyy);ho ten;Ma HS",
            "79000701;9;9A1;Nữ;05/09/2010;Nguyễn Thị Hồng Nhung;HS001",
        ]))
        .unwrap();
        let expected = parse(&file(&[HEADER, GOOD])).unwrap();
        assert_eq!(rows, expected);
    }

    #[test]
    fn unknown_extra_columns_are_ignored() {
        let rows = parse(&file(&[
            "STT,Mã học sinh,Họ và tên,Ngày sinh,Giới tính,Lớp,Khối,Mã trường,Ghi chú",
            "1,HS001,Nguyễn Thị Hồng Nhung,05/09/2010,Nữ,9A1,9,79000701,chuyển đến",
        ]))
        .unwrap();
        assert_eq!(rows, parse(&file(&[HEADER, GOOD])).unwrap());
    }

    #[test]
    fn title_lines_above_the_header_are_skipped() {
        let rows = parse(&file(&[
            "DANH SÁCH HỌC SINH NĂM HỌC 2025-2026,,,,,,",
            ",,,,,,",
            "Trường THCS Lê Lợi,,,,,,",
            HEADER,
            GOOD,
        ]))
        .unwrap();
        assert_eq!(rows[0].line, 5);
    }

    #[test]
    fn short_rows_are_padded_with_empty_cells() {
        assert_eq!(
            only_error("HS001,Trần Đức Anh,12/3/2009,Nam,9A1,9"),
            err(2, "Mã trường", "Mã trường không được để trống")
        );
    }

    #[test]
    fn a_missing_required_column_is_a_file_error_naming_it() {
        let header = "Mã học sinh,Họ và tên,Giới tính,Lớp,Khối,Mã trường";
        assert_eq!(
            file_error(&file(&[header, "HS1,An,Nam,9A1,9,T1"])).to_string(),
            "Thiếu cột bắt buộc: Ngày sinh. Hãy kiểm tra dòng tiêu đề (dòng 1)."
        );
    }

    #[test]
    fn a_header_without_rows_is_reported() {
        assert_eq!(file_error(&file(&[HEADER])), FileError::NoRows);
        assert_eq!(
            file_error(&file(&[HEADER, ",,,,,,", ""])),
            FileError::NoRows
        );
    }

    #[test]
    fn empty_and_blank_files_say_there_is_no_header() {
        assert_eq!(file_error(b""), FileError::Empty);
        assert_eq!(file_error(b"\xEF\xBB\xBF"), FileError::Empty);
        assert_eq!(file_error(b",,,\r\n , ,\r\n\r\n"), FileError::Empty);
    }

    #[test]
    fn garbage_bytes_and_images_give_the_friendly_not_csv_error() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
        assert_eq!(file_error(png), FileError::NotCsv);
        assert_eq!(file_error(&garbage(2000, 7)), FileError::NotCsv);
        assert_eq!(file_error(b"PK\x03\x04 xl/workbook.xml"), FileError::NotCsv);
    }

    #[test]
    fn more_rows_than_the_limit_is_a_clear_error() {
        let mut lines = vec![HEADER.to_owned()];
        lines.extend((1..=4).map(|i| format!("HS{i},An,05/09/2010,Nam,9A1,9,T1")));
        let bytes = file(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        let small = ParseOptions {
            max_rows: 3,
            ..options()
        };
        assert_eq!(
            parse_students_with(&bytes, &year(), &small),
            Err(ImportReport::File(FileError::TooManyRows { limit: 3 }))
        );
        let exact = ParseOptions {
            max_rows: 4,
            ..options()
        };
        assert_eq!(
            parse_students_with(&bytes, &year(), &exact).unwrap().len(),
            4
        );
    }

    #[test]
    fn the_production_limit_refuses_200_001_rows() {
        let mut text = String::from(HEADER);
        text.push('\n');
        for i in 0..=200_000 {
            text.push_str(&format!("HS{i},An,05/09/2010,Nam,9A1,9,T1\n"));
        }
        assert_eq!(
            file_error(text.as_bytes()).to_string(),
            "Tệp có hơn 200.000 dòng dữ liệu. Hãy chia thành nhiều tệp, mỗi tệp tối đa 200.000 dòng."
        );
    }

    #[test]
    fn parse_students_uses_todays_date_and_the_default_limit() {
        let rows = parse_students(&file(&[HEADER, GOOD]), &year()).unwrap();
        assert_eq!(rows.len(), 1);
    }

    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("HS001".to_owned()),
            Just("Nguyễn Thị Hồng Nhung".to_owned()),
            Just("05/09/2010".to_owned()),
            Just("31/02/2010".to_owned()),
            Just("Nữ".to_owned()),
            Just("10A1".to_owned()),
            Just("9".to_owned()),
            Just("\"".to_owned()),
            "[ -~àảãạđĐ\u{300}\u{303}\t\r\n,;\"]{0,12}",
        ]
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic_parse_students(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
            let _ = parse(&bytes);
        }

        #[test]
        fn arbitrary_csv_like_rows_never_panic_and_errors_point_at_data_lines(
            rows in proptest::collection::vec(proptest::collection::vec(cell(), 0..9), 0..12),
            delimiter in prop_oneof![Just(","), Just(";"), Just("\t")],
        ) {
            let mut text = HEADER.replace(',', delimiter);
            for row in &rows {
                text.push('\n');
                text.push_str(&row.join(delimiter));
            }
            let lines = text.lines().count().max(1);
            match parse(text.as_bytes()) {
                Ok(students) => prop_assert!(students.iter().all(|s| s.line >= 2 && s.line <= lines)),
                Err(ImportReport::Rows(errors)) => {
                    prop_assert!(!errors.is_empty());
                    prop_assert!(errors.iter().all(|e| e.line >= 2 && e.line <= lines));
                    prop_assert!(errors.windows(2).all(|w| w[0].line <= w[1].line));
                }
                Err(ImportReport::File(_)) => {}
            }
        }
    }
}
