-- The latest attempt per feed at or before @at, with the feed's counts from
-- the latest complete snapshot and its last change: the latest attempt that
-- stored a new (RPDE id, modified) pair (scoring.md §8.12).
SELECT a.feed_url, a.dataset_id, a.kind, a.started_at AS attempted_at, a.status, a.error_kind,
       coalesce(s.items, 0) AS items, coalesce(s.deleted, 0) AS deleted, coalesce(s.orphans, 0) AS orphans,
       (SELECT max(c.started_at) FROM harvest_attempts c
         WHERE c.feed_url = a.feed_url AND c.items_changed > 0 AND c.started_at <= @at) AS last_change,
       a.http_status, a.message, a.pages, a.duration_ms, a.failed_checks, a.delay_ms
FROM harvest_attempts a
JOIN (SELECT feed_url, max(started_at) AS started_at FROM harvest_attempts
      WHERE started_at <= @at GROUP BY feed_url) l
  ON l.feed_url = a.feed_url AND l.started_at = a.started_at
LEFT JOIN feed_stats s
  ON s.feed_url = a.feed_url
 AND s.t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
WHERE (@dataset = '' OR a.dataset_id = @dataset)
  AND (@status = '' OR a.status = @status)
ORDER BY a.dataset_id, a.feed_url
LIMIT @limit
