-- OpenActive activities of a place with the JSON of the item carrying each
-- (services of ORUK feeds, kind 'Service', are left out).
SELECT a.dataset_id, a.activity_id, a.feed_url, a.rpde_id, a.kind, a.next_occurrence, a.last_change, a.upcoming, i.data
FROM activity_scores a
LEFT JOIN items i
  ON i.dataset_id = a.dataset_id AND i.feed_url = a.feed_url AND i.rpde_id = a.rpde_id AND i.state = 'updated'
WHERE a.t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
  AND a.kind != 'Service'
  AND (@place = '' OR a.lad = @place OR a.sub_icb = @place OR a.icb = @place OR a.region = @place OR a.pcn = @place)
ORDER BY a.dataset_id, a.activity_id
LIMIT @limit
