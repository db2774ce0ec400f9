//! A school year such as `2025-2026`.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SchoolYear {
    start: i32,
}

impl SchoolYear {
    pub fn parse(text: &str) -> Result<SchoolYear, String> {
        let invalid = || format!("Năm học «{text}» không hợp lệ: hãy viết dạng 2025-2026.");
        let (first, second) = text.trim().split_once('-').ok_or_else(invalid)?;
        let start: i32 = first.trim().parse().map_err(|_| invalid())?;
        let end: i32 = second.trim().parse().map_err(|_| invalid())?;
        if end != start + 1 || !(2000..=2100).contains(&start) {
            return Err(invalid());
        }
        Ok(SchoolYear { start })
    }

    /// The school year in progress on `date` (it starts in September).
    pub fn containing(date: chrono::NaiveDate) -> SchoolYear {
        use chrono::Datelike;
        let start = if date.month() >= 9 {
            date.year()
        } else {
            date.year() - 1
        };
        SchoolYear { start }
    }

    pub fn start_year(self) -> i32 {
        self.start
    }
}

impl fmt::Display for SchoolYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.start + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_school_year_is_two_consecutive_years() {
        assert_eq!(
            SchoolYear::parse("2025-2026").unwrap().to_string(),
            "2025-2026"
        );
        assert!(SchoolYear::parse("2025-2027").is_err());
        assert!(SchoolYear::parse("2025").unwrap_err().contains("2025-2026"));
    }

    #[test]
    fn the_school_year_turns_over_in_september() {
        let aug = chrono::NaiveDate::from_ymd_opt(2026, 8, 31).unwrap();
        let sep = chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        assert_eq!(SchoolYear::containing(aug).to_string(), "2025-2026");
        assert_eq!(SchoolYear::containing(sep).to_string(), "2026-2027");
    }
}
