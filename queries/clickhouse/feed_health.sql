-- The latest attempt per feed at or before @at, with the feed's counts from
-- the latest complete snapshot and its last change: the latest attempt that
-- stored a new (RPDE id, modified) pair (scoring.md §8.12).
-- ClickHouse 18.16 allows one JOIN per SELECT, so the latest attempt is
-- taken with argMax and the snapshot counts joined once.
SELECT feed_url, dataset_id, kind, attempted_at, status, error_kind,
       items, deleted, orphans, last_change,
       http_status, message, pages, duration_ms, failed_checks, delay_ms
FROM (
    SELECT feed_url,
           argMax(dataset_id, started_at) AS dataset_id,
           argMax(kind, started_at) AS kind,
           max(started_at) AS attempted_at,
           argMax(status, started_at) AS status,
           argMax(error_kind, started_at) AS error_kind,
           if(countIf(items_changed > 0) = 0, NULL, maxIf(started_at, items_changed > 0)) AS last_change,
           argMax(http_status, started_at) AS http_status,
           argMax(message, started_at) AS message,
           argMax(pages, started_at) AS pages,
           argMax(duration_ms, started_at) AS duration_ms,
           argMax(failed_checks, started_at) AS failed_checks,
           argMax(delay_ms, started_at) AS delay_ms
    FROM harvest_attempts FINAL
    WHERE started_at <= @at
    GROUP BY feed_url
) ANY LEFT JOIN (
    SELECT feed_url, items, deleted, orphans
    FROM feed_stats FINAL
    WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
) USING feed_url
WHERE (@dataset = '' OR dataset_id = @dataset)
  AND (@status = '' OR status = @status)
ORDER BY dataset_id, feed_url
LIMIT @limit
