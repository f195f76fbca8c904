-- Each alert's latest version at or before @at (argMax by version; one
-- GROUP BY, no JOIN), filtered. Aliases are global in a ClickHouse SELECT,
-- so the inner ones carry an x_ prefix to leave the columns for WHERE.
-- resolved_at is 0 until resolved, which the catalogue's "time?" reads as
-- null. Resolved alerts count as recent when resolved within @recent_days of
-- the latest complete snapshot <= @at, compared in Unix seconds so an empty
-- snapshots table (max = 0) cannot wrap around. @from/@to keep the alerts
-- opened, or resolved (by their state at @at), within that period, and
-- those opened before its end and still not resolved at @at.
SELECT alert_id, x_kind AS kind, x_severity AS severity, x_state AS state, x_dataset_id AS dataset_id,
       x_feed_url AS feed_url, x_subject AS subject, x_message AS message, x_opened_at AS opened_at,
       x_updated_at AS updated_at, x_resolved_at AS resolved_at, x_acknowledged_by AS acknowledged_by,
       x_note AS note, x_changes AS changes
FROM (
    SELECT alert_id,
           argMax(kind, version) AS x_kind,
           argMax(severity, version) AS x_severity,
           argMax(state, version) AS x_state,
           argMax(dataset_id, version) AS x_dataset_id,
           argMax(feed_url, version) AS x_feed_url,
           argMax(subject, version) AS x_subject,
           argMax(message, version) AS x_message,
           argMax(opened_at, version) AS x_opened_at,
           argMax(updated_at, version) AS x_updated_at,
           argMax(resolved_at, version) AS x_resolved_at,
           argMax(acknowledged_by, version) AS x_acknowledged_by,
           argMax(note, version) AS x_note,
           toInt64(count()) AS x_changes
    FROM alerts FINAL
    WHERE updated_at <= @at
      AND (@alert = '' OR alert_id = @alert)
    GROUP BY alert_id
)
WHERE (@state = '' OR x_state = @state OR (@state = 'active' AND x_state != 'resolved'))
  AND (@kind = '' OR x_kind = @kind)
  AND (@dataset = '' OR x_dataset_id = @dataset)
  AND ((x_opened_at >= @from AND x_opened_at <= @to)
       OR (x_state = 'resolved' AND x_resolved_at >= @from AND x_resolved_at <= @to)
       OR (x_state != 'resolved' AND x_opened_at <= @to))
  AND (x_state != 'resolved' OR @alert != ''
       OR toInt64(toUInt32(x_resolved_at)) >=
          toInt64(toUInt32((SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at))) - @recent_days * 86400)
ORDER BY x_state = 'resolved', x_severity != 'critical', x_opened_at DESC, alert_id
LIMIT @limit
