-- One row per grade (A–D) in the latest complete snapshot at or before @at.
SELECT 'A' AS grade, 'green' AS rag, count(*) AS activities, coalesce(sum(sp_ready), 0) AS sp_ready
FROM activity_scores
WHERE t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
  AND grade = 'A'
  AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
  AND (@pcn = '' OR pcn = @pcn) AND (@dataset = '' OR dataset_id = @dataset) AND (@kind = '' OR kind = @kind)
UNION ALL
SELECT 'B' AS grade, 'green' AS rag, count(*) AS activities, coalesce(sum(sp_ready), 0) AS sp_ready
FROM activity_scores
WHERE t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
  AND grade = 'B'
  AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
  AND (@pcn = '' OR pcn = @pcn) AND (@dataset = '' OR dataset_id = @dataset) AND (@kind = '' OR kind = @kind)
UNION ALL
SELECT 'C' AS grade, 'amber' AS rag, count(*) AS activities, coalesce(sum(sp_ready), 0) AS sp_ready
FROM activity_scores
WHERE t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
  AND grade = 'C'
  AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
  AND (@pcn = '' OR pcn = @pcn) AND (@dataset = '' OR dataset_id = @dataset) AND (@kind = '' OR kind = @kind)
UNION ALL
SELECT 'D' AS grade, 'red' AS rag, count(*) AS activities, coalesce(sum(sp_ready), 0) AS sp_ready
FROM activity_scores
WHERE t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
  AND grade = 'D'
  AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
  AND (@pcn = '' OR pcn = @pcn) AND (@dataset = '' OR dataset_id = @dataset) AND (@kind = '' OR kind = @kind)
ORDER BY grade
