//! Table definitions, one `diesel::table!` per table, shared by both backends. Keep in step
//! with `migrations/sqlite` and `migrations/postgres`.

diesel::table! {
    app_meta (key) {
        key -> Text,
        value -> Text,
    }
}
