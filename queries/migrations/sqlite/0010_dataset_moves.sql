-- Datasets that moved host but kept their feeds (paths) and so their RPDE
-- ids: the new dataset-site URL is a new dataset id, so the move is kept
-- here to tell the two apart from a new publisher and to link the history
-- held under the old id. Feeds maps old feed URLs to new ones (JSON).
CREATE TABLE IF NOT EXISTS dataset_moves (
    from_id TEXT NOT NULL,
    to_id TEXT NOT NULL,
    detected_at INTEGER NOT NULL,
    feeds TEXT NOT NULL,
    feed_count INTEGER NOT NULL,
    PRIMARY KEY (to_id, from_id)
);
