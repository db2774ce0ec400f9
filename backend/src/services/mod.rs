//! Logic that spans several models or touches the world outside the database.

pub mod assignments;
pub mod attempts;
pub mod auth;
pub mod backup;
pub mod certificate_documents;
pub mod certificates;
pub mod completion;
pub mod content_load;
pub mod contests;
pub mod coverage;
pub mod family_tasks;
pub mod feedback;
pub mod gate;
pub mod import_units;
pub mod item_statistics;
pub mod judging;
pub mod lessons;
pub mod people;
pub mod principal_cache;
pub mod question_import;
pub mod roster_import;
pub mod search;
pub mod training;
pub mod units;
