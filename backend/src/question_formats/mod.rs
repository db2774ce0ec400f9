//! Question formats: Moodle's GIFT and Moodle XML, read and written faithfully (Moodle's own
//! test files import with exactly the results Moodle reads from them). Pure functions over
//! text: no database and no web types. `csv` reads and writes spreadsheet questions
//! (one per row, Vietnamese headers); the curriculum engine builds on them.

pub mod csv;
pub mod error;
pub mod gift;
pub mod model;
pub mod moodle_xml;
