-- Four quarters, each with its last complete snapshot (pick; epoch when the
-- quarter has none, which reads as "no data") and that snapshot's figures;
-- means intDiv(20·sum + n, 2·n) / 10 (§8.11.1), divisions guarded.
SELECT quarter, pick AS snapshot_t,
       if(pick = toDateTime(0), NULL, toNullable(n_act)) AS activities,
       if(pick = toDateTime(0), NULL, toNullable(n_up)) AS upcoming,
       if(pick = toDateTime(0), NULL, toNullable(n_sp)) AS sp_ready,
       if(pick = toDateTime(0), NULL, toNullable(n_a)) AS grade_a,
       if(pick = toDateTime(0), NULL, toNullable(n_b)) AS grade_b,
       if(pick = toDateTime(0), NULL, toNullable(n_c)) AS grade_c,
       if(pick = toDateTime(0), NULL, toNullable(n_d)) AS grade_d,
       if(n_act = 0, NULL, intDiv(20 * sf + n_act, 2 * greatest(n_act, 1)) / 10) AS freshness,
       if(n_act = 0, NULL, intDiv(20 * sc + n_act, 2 * greatest(n_act, 1)) / 10) AS completeness,
       if(n_act = 0, NULL, intDiv(20 * sa + n_act, 2 * greatest(n_act, 1)) / 10) AS assurance,
       if(n_act = 0, NULL, intDiv(20 * so + n_act, 2 * greatest(n_act, 1)) / 10) AS overall
FROM (
    SELECT 1 AS ord, @q3 AS quarter,
           (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t >= @q3_start AND t <= @q3_end) AS pick
    UNION ALL
    SELECT 2 AS ord, @q2 AS quarter,
           (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t >= @q2_start AND t <= @q2_end) AS pick
    UNION ALL
    SELECT 3 AS ord, @q1 AS quarter,
           (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t >= @q1_start AND t <= @q1_end) AS pick
    UNION ALL
    SELECT 4 AS ord, @q0 AS quarter,
           (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t >= @q0_start AND t <= @q0_end) AS pick
) ANY LEFT JOIN (
    SELECT t AS pick, toInt64(count()) AS n_act, toInt64(countIf(upcoming = 1)) AS n_up,
           toInt64(sum(sp_ready)) AS n_sp,
           toInt64(countIf(grade = 'A')) AS n_a, toInt64(countIf(grade = 'B')) AS n_b,
           toInt64(countIf(grade = 'C')) AS n_c, toInt64(countIf(grade = 'D')) AS n_d,
           toInt64(sum(freshness)) AS sf, toInt64(sum(completeness)) AS sc,
           toInt64(sum(assurance)) AS sa, toInt64(sum(overall)) AS so
    FROM activity_scores FINAL
    WHERE t GLOBAL IN (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t >= @q3_start AND t <= @q3_end
                UNION ALL SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t >= @q2_start AND t <= @q2_end
                UNION ALL SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t >= @q1_start AND t <= @q1_end
                UNION ALL SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t >= @q0_start AND t <= @q0_end)
      AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
    GROUP BY t
) USING pick
ORDER BY ord
