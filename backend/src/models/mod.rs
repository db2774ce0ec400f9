//! Rows, insert/update forms and the queries on them, one file per table. Queries return
//! diesel's `QueryResult`; turning that into HTTP answers is the routes' job.

pub mod app_meta;
