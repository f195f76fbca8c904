-- Activities per activity type, most offered first (ties by type id).
SELECT j.value AS activity_type, count(*) AS activities,
       sum(CASE WHEN a.upcoming = 1 THEN 1 ELSE 0 END) AS upcoming, sum(a.sp_ready) AS sp_ready
FROM activity_scores a, json_each(a.activity_types) j
WHERE a.t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
      AND (@dataset = '' OR a.dataset_id = @dataset)
      AND (@place = '' OR a.lad = @place OR a.sub_icb = @place OR a.icb = @place OR a.region = @place)
      AND (@pcn = '' OR a.pcn = @pcn) AND (@kind = '' OR a.kind = @kind)
GROUP BY j.value
ORDER BY activities DESC, activity_type
LIMIT @limit
