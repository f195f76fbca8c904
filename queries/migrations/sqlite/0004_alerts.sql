-- Alerts (scoring.md §6, §8.12). Every state change of an alert is a new
-- row (alert_id, version): opened, escalated, acknowledged with a note,
-- resolved. Nothing is overwritten, so the table is the alert's history;
-- an alert's state is its row with the greatest version. Times are INTEGER
-- Unix seconds (UTC); resolved_at is 0 while unresolved.
CREATE TABLE IF NOT EXISTS alerts (
    alert_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    kind TEXT NOT NULL,
    severity TEXT NOT NULL,
    state TEXT NOT NULL,
    dataset_id TEXT NOT NULL,
    feed_url TEXT NOT NULL,
    subject TEXT NOT NULL,
    message TEXT NOT NULL,
    opened_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    resolved_at INTEGER NOT NULL,
    acknowledged_by TEXT NOT NULL,
    note TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at INTEGER NOT NULL,
    PRIMARY KEY (alert_id, version)
);
CREATE INDEX IF NOT EXISTS alerts_updated ON alerts (updated_at);
