-- A feed's harvest attempts, newest first.
SELECT started_at, finished_at, dataset_id, status, error_kind, http_status, message, pages,
       items_updated, items_deleted, items_changed, bytes, duration_ms, reached_end, failed_checks, delay_ms,
       CASE WHEN status = 'ok' THEN 1 ELSE 0 END AS ok
FROM harvest_attempts
WHERE feed_url = @feed AND started_at <= @at AND started_at >= @from
  AND (@status = '' OR status = @status)
ORDER BY started_at DESC
LIMIT @limit
