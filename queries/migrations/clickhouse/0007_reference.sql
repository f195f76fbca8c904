-- Reference vocabularies refreshed by `feedgauge vocab refresh` (the
-- Activity List, Facility Types). When a row exists it replaces the copy
-- shipped in the binary; each snapshot records the hash it used.
CREATE TABLE IF NOT EXISTS {{.DB}}.reference_files {{onCluster}} (
    name String,
    content String,
    sha256 String,
    source String,
    concepts UInt32,
    fetched_at DateTime,
    version UInt64
) ENGINE = {{engine "ReplacingMergeTree(version)"}} ORDER BY name;
