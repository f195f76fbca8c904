-- Each alert's latest version at or before @at, filtered. resolved_at is 0
-- until resolved, which the catalogue's "time?" reads as null. Resolved
-- alerts count as recent when resolved within @recent_days of the latest
-- complete snapshot <= @at (0 when there is none, as on ClickHouse).
-- @from/@to keep the alerts opened, or resolved (by their state at @at),
-- within that period, and those opened before its end and still not
-- resolved at @at.
SELECT a.alert_id, a.kind, a.severity, a.state, a.dataset_id, a.feed_url, a.subject, a.message,
       a.opened_at, a.updated_at, a.resolved_at, a.acknowledged_by, a.note, l.changes
FROM alerts a
JOIN (SELECT alert_id, max(version) AS version, count(*) AS changes
      FROM alerts
      WHERE updated_at <= @at AND (@alert = '' OR alert_id = @alert)
      GROUP BY alert_id) l
  ON l.alert_id = a.alert_id AND l.version = a.version
WHERE (@state = '' OR a.state = @state OR (@state = 'active' AND a.state != 'resolved'))
  AND (@kind = '' OR a.kind = @kind)
  AND (@dataset = '' OR a.dataset_id = @dataset)
  AND ((a.opened_at >= @from AND a.opened_at <= @to)
       OR (a.state = 'resolved' AND a.resolved_at >= @from AND a.resolved_at <= @to)
       OR (a.state != 'resolved' AND a.opened_at <= @to))
  AND (a.state != 'resolved' OR @alert != ''
       OR a.resolved_at >= coalesce((SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at), 0) - @recent_days * 86400)
ORDER BY a.state = 'resolved', a.severity != 'critical', a.opened_at DESC, a.alert_id
LIMIT @limit
