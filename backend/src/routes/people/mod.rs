//! `/api/people`: searching the people of a unit.

pub mod search;
