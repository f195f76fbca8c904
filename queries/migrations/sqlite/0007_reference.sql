-- Reference vocabularies refreshed by `feedgauge vocab refresh` (the
-- Activity List, Facility Types). When a row exists it replaces the copy
-- shipped in the binary; each snapshot records the hash it used.
CREATE TABLE IF NOT EXISTS reference_files (
    name TEXT PRIMARY KEY,
    content TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    source TEXT NOT NULL,
    concepts INTEGER NOT NULL,
    fetched_at INTEGER NOT NULL,
    version INTEGER NOT NULL
);
