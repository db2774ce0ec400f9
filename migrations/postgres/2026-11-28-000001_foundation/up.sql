-- Facts about this installation itself: which demo data set was seeded, and similar markers.
CREATE TABLE app_meta (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
