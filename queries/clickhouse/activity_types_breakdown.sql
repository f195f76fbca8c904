-- Activities per activity type, most offered first (ties by type id).
SELECT activity_type, toInt64(count()) AS activities, toInt64(countIf(upcoming = 1)) AS upcoming,
       toInt64(sum(sp_ready)) AS sp_ready
FROM activity_scores FINAL
ARRAY JOIN activity_types AS activity_type
WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
      AND (@dataset = '' OR dataset_id = @dataset)
      AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
      AND (@pcn = '' OR pcn = @pcn) AND (@kind = '' OR kind = @kind)
GROUP BY activity_type
ORDER BY activities DESC, activity_type
LIMIT @limit
