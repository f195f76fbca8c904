-- Datasets that moved host but kept their feeds (paths) and so their RPDE
-- ids: the new dataset-site URL is a new dataset id, so the move is kept
-- here to tell the two apart from a new publisher and to link the history
-- held under the old id. Feeds maps old feed URLs to new ones (JSON). A
-- move is detected once, by the first snapshot that lists the new site.
CREATE TABLE IF NOT EXISTS {{.DB}}.dataset_moves {{onCluster}} (
    from_id String,
    to_id String,
    detected_at DateTime,
    feeds String,
    feed_count UInt32
) ENGINE = {{engine "ReplacingMergeTree"}} ORDER BY (to_id, from_id);
