-- Four quarters, each with its last complete snapshot (pick) and that
-- snapshot's figures; means floor((20·sum + n) / (2·n)) / 10 (§8.11.1).
SELECT q.quarter, q.pick AS snapshot_t,
       CASE WHEN q.pick IS NULL THEN NULL ELSE coalesce(a.activities, 0) END AS activities,
       CASE WHEN q.pick IS NULL THEN NULL ELSE coalesce(a.upcoming, 0) END AS upcoming,
       CASE WHEN q.pick IS NULL THEN NULL ELSE coalesce(a.sp_ready, 0) END AS sp_ready,
       CASE WHEN q.pick IS NULL THEN NULL ELSE coalesce(a.grade_a, 0) END AS grade_a,
       CASE WHEN q.pick IS NULL THEN NULL ELSE coalesce(a.grade_b, 0) END AS grade_b,
       CASE WHEN q.pick IS NULL THEN NULL ELSE coalesce(a.grade_c, 0) END AS grade_c,
       CASE WHEN q.pick IS NULL THEN NULL ELSE coalesce(a.grade_d, 0) END AS grade_d,
       CASE WHEN coalesce(a.activities, 0) = 0 THEN NULL ELSE ((20 * a.sf + a.activities) / (2 * a.activities)) / 10.0 END AS freshness,
       CASE WHEN coalesce(a.activities, 0) = 0 THEN NULL ELSE ((20 * a.sc + a.activities) / (2 * a.activities)) / 10.0 END AS completeness,
       CASE WHEN coalesce(a.activities, 0) = 0 THEN NULL ELSE ((20 * a.sa + a.activities) / (2 * a.activities)) / 10.0 END AS assurance,
       CASE WHEN coalesce(a.activities, 0) = 0 THEN NULL ELSE ((20 * a.so + a.activities) / (2 * a.activities)) / 10.0 END AS overall
FROM (
    SELECT 1 AS ord, @q3 AS quarter,
           (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t >= @q3_start AND t <= @q3_end) AS pick
    UNION ALL
    SELECT 2, @q2, (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t >= @q2_start AND t <= @q2_end)
    UNION ALL
    SELECT 3, @q1, (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t >= @q1_start AND t <= @q1_end)
    UNION ALL
    SELECT 4, @q0, (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t >= @q0_start AND t <= @q0_end)
) q
LEFT JOIN (
    SELECT t, count(*) AS activities, sum(CASE WHEN upcoming = 1 THEN 1 ELSE 0 END) AS upcoming,
           sum(sp_ready) AS sp_ready,
           sum(CASE WHEN grade = 'A' THEN 1 ELSE 0 END) AS grade_a, sum(CASE WHEN grade = 'B' THEN 1 ELSE 0 END) AS grade_b,
           sum(CASE WHEN grade = 'C' THEN 1 ELSE 0 END) AS grade_c, sum(CASE WHEN grade = 'D' THEN 1 ELSE 0 END) AS grade_d,
           sum(freshness) AS sf, sum(completeness) AS sc, sum(assurance) AS sa, sum(overall) AS so
    FROM activity_scores
    WHERE t IN (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t >= @q3_start AND t <= @q3_end
                UNION ALL SELECT max(t) FROM snapshots WHERE status = 'complete' AND t >= @q2_start AND t <= @q2_end
                UNION ALL SELECT max(t) FROM snapshots WHERE status = 'complete' AND t >= @q1_start AND t <= @q1_end
                UNION ALL SELECT max(t) FROM snapshots WHERE status = 'complete' AND t >= @q0_start AND t <= @q0_end)
      AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
    GROUP BY t
) a ON a.t = q.pick
ORDER BY q.ord
