-- Snapshots of a long-running process read only the items stored since
-- their last read (by seq), so the embedded store indexes seq per dataset.
CREATE INDEX IF NOT EXISTS items_dataset_seq ON items (dataset_id, seq);
