-- Alerts (scoring.md §6, §8.12). Every state change of an alert is a new
-- row (alert_id, version): opened, escalated, acknowledged with a note,
-- resolved. Nothing is overwritten, so the table is the alert's history;
-- an alert's state is its row with the greatest version. Rendered as a Go
-- template like 0001_core.sql.
-- Times: opened_at / updated_at / resolved_at are on the snapshot clock (the
-- T that found the change; an acknowledgement's wall-clock time);
-- resolved_at is 1970-01-01 (0) while unresolved. changed_at is the wall
-- clock of the write and changed_by who made it ("feedgauge" or an admin).
CREATE TABLE IF NOT EXISTS {{.DB}}.alerts {{onCluster}} (
    alert_id String,
    version UInt64,
    kind String,
    severity String,
    state String,
    dataset_id String,
    feed_url String,
    subject String,
    message String,
    opened_at DateTime,
    updated_at DateTime,
    resolved_at DateTime,
    acknowledged_by String,
    note String,
    changed_by String,
    changed_at DateTime
) ENGINE = {{engine "ReplacingMergeTree"}} ORDER BY (alert_id, version);
