//! Shared reading loop for all roster files: decode, find the header, then
//! hand each non-empty data row to a validator. One `ByteRecord` is reused
//! for all rows; only header cells are folded.

use std::time::{SystemTime, UNIX_EPOCH};

use chrono::NaiveDate;
use csv::ByteRecord;

use super::decode::{HEADER_SEARCH_LINES, decode};
use super::error::{FileError, ImportReport, InvalidValue, RowError};
use super::headers::{Column, HeaderMap, match_headers, recognized_count};

/// Most data rows accepted in one file.
pub const MAX_ROWS: usize = 200_000;

/// A header candidate must name at least this many known columns; lines
/// above it (titles such as "DANH SÁCH HỌC SINH") are skipped.
const MIN_RECOGNIZED: usize = 2;

/// Knobs for parsing; `Default` is what production uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseOptions {
    /// Import date for age checks (Vietnam time by default).
    pub today: NaiveDate,
    /// Row limit (200.000 by default).
    pub max_rows: usize,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            today: today_in_vietnam(),
            max_rows: MAX_ROWS,
        }
    }
}

/// Today's date in Vietnam (UTC+7, no daylight saving time).
pub fn today_in_vietnam() -> NaiveDate {
    const VIETNAM_OFFSET_SECS: u64 = 7 * 3600;
    const UNIX_EPOCH_DAYS_FROM_CE: u64 = 719_163;
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs + VIETNAM_OFFSET_SECS) / 86_400 + UNIX_EPOCH_DAYS_FROM_CE;
    i32::try_from(days)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or(NaiveDate::MIN)
}

/// One data row, with cells looked up by column.
pub(crate) struct Row<'r, C> {
    record: &'r ByteRecord,
    header: &'r HeaderMap<C>,
}

impl<C: Column> Row<'_, C> {
    /// The trimmed cell for `column`; "" when the column or cell is absent.
    pub(crate) fn get(&self, column: C) -> &str {
        self.header
            .position(column)
            .and_then(|i| self.record.get(i))
            .map_or("", field_str)
    }
}

/// Cells are slices of valid UTF-8 (the delimiter and quotes are ASCII, so
/// the CSV reader never splits a character); `""` is a defensive fallback.
fn field_str(field: &[u8]) -> &str {
    std::str::from_utf8(field).map_or("", trim_cell)
}

fn trim_cell(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}')
}

fn is_blank(record: &ByteRecord) -> bool {
    record.iter().all(|f| field_str(f).is_empty())
}

/// Physical 1-based line numbers from record byte offsets. csv's own line
/// count lags by one after CRLF (the LF is consumed with the next record), so
/// lines are counted here; offsets only grow, so the total cost is one pass.
struct LineCounter<'t> {
    text: &'t [u8],
    offset: usize,
    line: usize,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t [u8]) -> Self {
        LineCounter {
            text,
            offset: 0,
            line: 1,
        }
    }

    /// The line on which `record` really starts (after skipped line breaks).
    fn line_of(&mut self, record: &ByteRecord) -> usize {
        let byte = record.position().map_or(self.offset, |p| {
            usize::try_from(p.byte()).unwrap_or(usize::MAX)
        });
        let mut start = byte.clamp(self.offset, self.text.len());
        while let Some(b'\r' | b'\n') = self.text.get(start) {
            start += 1;
        }
        let skipped = &self.text[self.offset..start];
        self.line += skipped.iter().filter(|&&b| b == b'\n').count();
        self.offset = start;
        self.line
    }
}

fn malformed(e: &csv::Error) -> FileError {
    FileError::Malformed {
        line: e
            .position()
            .map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX)),
    }
}

/// Decodes `bytes`, finds the header among the first non-blank lines and
/// calls `visit(line, row)` for every non-blank data row, in file order.
pub(crate) fn read_table<C: Column>(
    bytes: &[u8],
    max_rows: usize,
    mut visit: impl FnMut(usize, &Row<'_, C>),
) -> Result<(), FileError> {
    let decoded = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(decoded.delimiter)
        .from_reader(decoded.text.as_bytes());

    let mut lines = LineCounter::new(decoded.text.as_bytes());

    // Find the header: the first non-blank record naming enough known
    // columns, else the first non-blank record (which then fails to match).
    let mut candidates: Vec<(usize, ByteRecord)> = Vec::new();
    let mut record = ByteRecord::new();
    let mut found = false;
    while candidates.len() < HEADER_SEARCH_LINES {
        if !reader
            .read_byte_record(&mut record)
            .map_err(|e| malformed(&e))?
        {
            break;
        }
        if is_blank(&record) {
            continue;
        }
        let recognized = recognized_count::<C>(record.iter().map(field_str));
        candidates.push((lines.line_of(&record), record.clone()));
        if recognized >= MIN_RECOGNIZED {
            found = true;
            break;
        }
    }
    let (header_record, pending) = if found {
        (candidates.pop(), Vec::new())
    } else {
        let mut rest = candidates.into_iter();
        (rest.next(), rest.collect())
    };
    let Some((header_line, header_record)) = header_record else {
        return Err(FileError::Empty);
    };
    let header: HeaderMap<C> = match_headers(header_record.iter().map(field_str), header_line)?;

    let mut rows = 0usize;
    let mut handle = |line: usize, record: &ByteRecord| -> Result<(), FileError> {
        rows += 1;
        if rows > max_rows {
            return Err(FileError::TooManyRows { limit: max_rows });
        }
        visit(
            line,
            &Row {
                record,
                header: &header,
            },
        );
        Ok(())
    };
    for (line, record) in &pending {
        handle(*line, record)?;
    }
    while reader
        .read_byte_record(&mut record)
        .map_err(|e| malformed(&e))?
    {
        if !is_blank(&record) {
            let line = lines.line_of(&record);
            handle(line, &record)?;
        }
    }
    if rows == 0 {
        return Err(FileError::NoRows);
    }
    Ok(())
}

/// Collects row errors.
#[derive(Debug, Default)]
pub(super) struct RowErrors {
    errors: Vec<RowError>,
}

impl RowErrors {
    pub(super) fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub(super) fn push(&mut self, line: usize, column: Option<&str>, message: impl Into<String>) {
        self.errors.push(RowError::new(line, column, message));
    }

    /// Keeps the value or records the error against `column`.
    pub(super) fn check<T, C: Column>(
        &mut self,
        line: usize,
        column: C,
        result: Result<T, InvalidValue>,
    ) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(line, Some(column.name()), e.message);
                None
            }
        }
    }

    /// Every error, sorted by line (stable: errors within one line keep column order).
    pub(super) fn into_sorted(mut self) -> Vec<RowError> {
        self.errors.sort_by_key(|e| e.line);
        self.errors
    }

    /// All-or-nothing: the parsed values, or every error sorted by line.
    pub(super) fn finish<T>(mut self, value: T) -> Result<T, ImportReport> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            // Stable: errors within one line keep column order.
            self.errors.sort_by_key(|e| e.line);
            Err(ImportReport::Rows(self.errors))
        }
    }
}

/// Remembers the first line of each key to report duplicates.
#[derive(Debug, Default)]
pub(super) struct FirstSeen {
    lines: std::collections::HashMap<String, usize>,
}

impl FirstSeen {
    /// `None` the first time `key` is seen, else the line where it was first seen.
    pub(super) fn first_line(&mut self, key: &str, line: usize) -> Option<usize> {
        if let Some(&first) = self.lines.get(key) {
            return Some(first);
        }
        self.lines.insert(key.to_owned(), line);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_in_vietnam_is_a_plausible_date() {
        let today = today_in_vietnam();
        assert!(today > NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
        assert!(today < NaiveDate::from_ymd_opt(2200, 1, 1).unwrap());
    }

    #[test]
    fn default_options_use_the_200_000_row_limit() {
        assert_eq!(ParseOptions::default().max_rows, 200_000);
    }

    #[test]
    fn cells_are_trimmed_of_unicode_spaces_and_zero_width_marks() {
        assert_eq!(field_str(" \u{a0}10A1\u{200B}\t".as_bytes()), "10A1");
        assert_eq!(field_str(b"\xFF"), "");
    }

    #[test]
    fn first_seen_reports_the_first_line_of_a_repeated_key() {
        let mut seen = FirstSeen::default();
        assert_eq!(seen.first_line("HS1", 2), None);
        assert_eq!(seen.first_line("HS2", 3), None);
        assert_eq!(seen.first_line("HS1", 4), Some(2));
        assert_eq!(seen.first_line("HS1", 5), Some(2));
    }
}
