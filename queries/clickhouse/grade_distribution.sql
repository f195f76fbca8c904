-- One row per grade (A–D) in the latest complete snapshot at or before @at.
-- Aliases differ from column names: ClickHouse substitutes an alias wherever
-- its name appears, so 'A' AS grade would turn grade = 'A' into a constant.
SELECT grade_n AS grade, rag_n AS rag, activities_n AS activities, sp_ready_n AS sp_ready FROM (
    SELECT 'A' AS grade_n, 'green' AS rag_n, toInt64(count()) AS activities_n, toInt64(sum(sp_ready)) AS sp_ready_n
    FROM activity_scores FINAL
    WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
      AND grade = 'A'
      AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
      AND (@pcn = '' OR pcn = @pcn) AND (@dataset = '' OR dataset_id = @dataset) AND (@kind = '' OR kind = @kind)
    UNION ALL
    SELECT 'B' AS grade_n, 'green' AS rag_n, toInt64(count()) AS activities_n, toInt64(sum(sp_ready)) AS sp_ready_n
    FROM activity_scores FINAL
    WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
      AND grade = 'B'
      AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
      AND (@pcn = '' OR pcn = @pcn) AND (@dataset = '' OR dataset_id = @dataset) AND (@kind = '' OR kind = @kind)
    UNION ALL
    SELECT 'C' AS grade_n, 'amber' AS rag_n, toInt64(count()) AS activities_n, toInt64(sum(sp_ready)) AS sp_ready_n
    FROM activity_scores FINAL
    WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
      AND grade = 'C'
      AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
      AND (@pcn = '' OR pcn = @pcn) AND (@dataset = '' OR dataset_id = @dataset) AND (@kind = '' OR kind = @kind)
    UNION ALL
    SELECT 'D' AS grade_n, 'red' AS rag_n, toInt64(count()) AS activities_n, toInt64(sum(sp_ready)) AS sp_ready_n
    FROM activity_scores FINAL
    WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
      AND grade = 'D'
      AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
      AND (@pcn = '' OR pcn = @pcn) AND (@dataset = '' OR dataset_id = @dataset) AND (@kind = '' OR kind = @kind)
)
ORDER BY grade_n
