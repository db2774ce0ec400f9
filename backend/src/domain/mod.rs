//! Domain types that validate when they are built, so code holding one holds valid data.
//! Parsing failures carry a Vietnamese message naming the field.

pub mod role;
pub mod school_year;
pub mod text;
pub mod unit;

pub use role::Role;
pub use school_year::SchoolYear;
pub use unit::{SchoolLevel, UnitCode, UnitKind, UnitName};
