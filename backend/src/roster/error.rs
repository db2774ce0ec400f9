//! Error types for roster imports. Every `Display` text is Vietnamese and
//! meant to be shown to school staff as-is.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A problem with the file as a whole: nothing row-specific can be said.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FileError {
    #[error("Tệp trống: không có dòng tiêu đề.")]
    Empty,
    #[error(
        "Tệp không phải CSV. Nếu bạn có tệp Excel (.xlsx), hãy mở nó và chọn Lưu thành → CSV UTF-8."
    )]
    NotCsv,
    #[error(
        "Thiếu cột bắt buộc: {}. Hãy kiểm tra dòng tiêu đề (dòng {header_line}).",
        .columns.join(", ")
    )]
    MissingColumns {
        columns: Vec<String>,
        header_line: usize,
    },
    #[error("Cột {column} xuất hiện nhiều lần trong dòng tiêu đề (dòng {header_line}).")]
    DuplicateColumn { column: String, header_line: usize },
    #[error("Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào.")]
    NoRows,
    #[error(
        "Tệp có hơn {} dòng dữ liệu. Hãy chia thành nhiều tệp, mỗi tệp tối đa {} dòng.",
        group_thousands(*.limit),
        group_thousands(*.limit)
    )]
    TooManyRows { limit: usize },
    #[error("Tệp CSV bị lỗi định dạng ở dòng {line}.")]
    Malformed { line: usize },
}

/// One invalid value in one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    /// 1-based physical line in the file (the header is line 1 in a normal file).
    pub line: usize,
    /// Vietnamese column name, e.g. "Ngày sinh"; `None` for whole-row problems.
    pub column: Option<String>,
    /// Vietnamese message, e.g. "Ngày sinh 31/02/2010 không tồn tại".
    pub message: String,
}

impl RowError {
    pub fn new(line: usize, column: Option<&str>, message: impl Into<String>) -> Self {
        RowError {
            line,
            column: column.map(str::to_owned),
            message: message.into(),
        }
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(column) => write!(f, "Dòng {}, cột {}: {}", self.line, column, self.message),
            None => write!(f, "Dòng {}: {}", self.line, self.message),
        }
    }
}

impl std::error::Error for RowError {}

/// Why an import was refused. Imports are all-or-nothing: either the whole
/// file is accepted or this report lists everything that must be fixed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "details", rename_all = "snake_case")]
pub enum ImportReport {
    /// The file could not be read as a roster at all (encoding, header, size).
    File(FileError),
    /// The header was fine but these rows are invalid, in file order. Never empty.
    Rows(Vec<RowError>),
}

impl ImportReport {
    pub fn file_error(&self) -> Option<&FileError> {
        match self {
            ImportReport::File(e) => Some(e),
            ImportReport::Rows(_) => None,
        }
    }

    pub fn row_errors(&self) -> &[RowError] {
        match self {
            ImportReport::File(_) => &[],
            ImportReport::Rows(rows) => rows,
        }
    }

    /// Every problem as a ready-to-show Vietnamese line.
    pub fn messages(&self) -> Vec<String> {
        match self {
            ImportReport::File(e) => vec![e.to_string()],
            ImportReport::Rows(rows) => rows.iter().map(ToString::to_string).collect(),
        }
    }
}

impl From<FileError> for ImportReport {
    fn from(e: FileError) -> Self {
        ImportReport::File(e)
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportReport::File(e) => write!(f, "Không nhập được tệp. {e}"),
            ImportReport::Rows(rows) => {
                let mut lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
                lines.dedup();
                write!(
                    f,
                    "Không nhập được tệp: có {} lỗi ở {} dòng. Chưa có dữ liệu nào được lưu; hãy sửa tất cả rồi tải lại tệp.",
                    group_thousands(rows.len()),
                    group_thousands(lines.len())
                )
            }
        }
    }
}

impl std::error::Error for ImportReport {}

/// A single value that failed validation, e.g. from `Grade::new` or
/// `StudentCode::parse`. The message is a complete Vietnamese sentence
/// without the line/column prefix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("{message}")]
pub struct InvalidValue {
    pub message: String,
}

impl InvalidValue {
    pub fn new(message: impl Into<String>) -> Self {
        InvalidValue {
            message: message.into(),
        }
    }
}

/// Formats 200000 as "200.000" (Vietnamese digit grouping).
pub fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_with_dots_as_in_vietnamese() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(200_000), "200.000");
        assert_eq!(group_thousands(1_234_567), "1.234.567");
    }

    #[test]
    fn a_row_error_reads_as_line_column_message() {
        let e = RowError::new(5, Some("Ngày sinh"), "Ngày sinh 31/02/2010 không tồn tại");
        assert_eq!(
            e.to_string(),
            "Dòng 5, cột Ngày sinh: Ngày sinh 31/02/2010 không tồn tại"
        );
    }

    #[test]
    fn the_row_limit_error_names_the_limit() {
        let e = FileError::TooManyRows { limit: 200_000 };
        assert_eq!(
            e.to_string(),
            "Tệp có hơn 200.000 dòng dữ liệu. Hãy chia thành nhiều tệp, mỗi tệp tối đa 200.000 dòng."
        );
    }

    #[test]
    fn a_report_summarises_errors_and_lines() {
        let report = ImportReport::Rows(vec![
            RowError::new(2, Some("Lớp"), "a"),
            RowError::new(2, Some("Khối"), "b"),
            RowError::new(4, None, "c"),
        ]);
        assert_eq!(
            report.to_string(),
            "Không nhập được tệp: có 3 lỗi ở 2 dòng. Chưa có dữ liệu nào được lưu; hãy sửa tất cả rồi tải lại tệp."
        );
        assert_eq!(report.messages()[2], "Dòng 4: c");
    }
}
