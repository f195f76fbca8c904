-- Headline figures of two snapshots as one row per measure. Values are kept
-- in integer tenths (Int64, so changes may be negative) until the last step:
-- counts × 10, shares and means intDiv(20·sum + n, 2·n) (scoring.md §8.11.1).
-- p = 0 is this period, 1 the previous one; a snapshot with no activities in
-- the place still gives a row of zeros so its counts read 0, not "no data".
-- Scalar subqueries answer epoch when no snapshot matches, which no row has.
SELECT multiIf(k = 1, 'Datasets with activities', k = 2, 'Activities',
               k = 3, 'Activities with an upcoming occurrence', k = 4, 'SP-ready activities',
               k = 5, 'SP-ready share of upcoming activities (%)', k = 6, 'Organisers',
               k = 7, 'PCNs with an SP-ready activity', k = 8, 'Mean freshness',
               k = 9, 'Mean completeness (SP-ready profile)', k = 10, 'Mean assurance',
               k = 11, 'Mean overall score', 'Activities graded D') AS measure,
       multiIf(k = 5, 'percent', k >= 8 AND k <= 11, 'score', 'count') AS unit,
       this_v / 10 AS this_period,
       prev_v / 10 AS previous_period,
       (this_v - prev_v) / 10 AS change,
       if(k != 11 OR isNull(this_v), NULL,
          multiIf(intDiv(assumeNotNull(this_v) + 5, 10) >= 85, 'A', intDiv(assumeNotNull(this_v) + 5, 10) >= 70, 'B',
                  intDiv(assumeNotNull(this_v) + 5, 10) >= 50, 'C', 'D')) AS grade,
       if(k != 11 OR isNull(this_v), NULL,
          multiIf(intDiv(assumeNotNull(this_v) + 5, 10) >= 70, 'green', intDiv(assumeNotNull(this_v) + 5, 10) >= 50, 'amber', 'red')) AS rag
FROM (
    SELECT k,
           if(countIf(p = 0 AND isNotNull(v)) = 0, NULL, maxIf(assumeNotNull(v), p = 0)) AS this_v,
           if(countIf(p = 1 AND isNotNull(v)) = 0, NULL, maxIf(assumeNotNull(v), p = 1)) AS prev_v
    FROM (
        SELECT k, p,
               multiIf(k = 1, toNullable(10 * datasets), k = 2, toNullable(10 * activities), k = 3, toNullable(10 * upcoming),
                       k = 4, toNullable(10 * sp_ready),
                       k = 5, if(upcoming = 0, NULL, intDiv(2000 * sp_ready + upcoming, 2 * greatest(upcoming, 1))),
                       k = 6, toNullable(10 * organisers), k = 7, toNullable(10 * sp_pcns),
                       k = 8, if(activities = 0, NULL, intDiv(20 * sf + activities, 2 * greatest(activities, 1))),
                       k = 9, if(activities = 0, NULL, intDiv(20 * sc + activities, 2 * greatest(activities, 1))),
                       k = 10, if(activities = 0, NULL, intDiv(20 * sa + activities, 2 * greatest(activities, 1))),
                       k = 11, if(activities = 0, NULL, intDiv(20 * so + activities, 2 * greatest(activities, 1))),
                       toNullable(10 * grade_d)) AS v
        FROM (
            SELECT p, sum(n_ds) AS datasets, sum(n_act) AS activities, sum(n_up) AS upcoming,
                   sum(n_sp) AS sp_ready, sum(n_org) AS organisers, sum(n_pcn) AS sp_pcns,
                   sum(s_f) AS sf, sum(s_c) AS sc, sum(s_a) AS sa, sum(s_o) AS so, sum(n_d) AS grade_d
            FROM (
                SELECT toUInt8(if(t >= @from AND t <= @to, 0, 1)) AS p,
                       toInt64(uniqExact(dataset_id)) AS n_ds, toInt64(count()) AS n_act,
                       toInt64(countIf(upcoming = 1)) AS n_up, toInt64(sum(sp_ready)) AS n_sp,
                       toInt64(uniqExactIf(organiser_key, organiser_key != '')) AS n_org,
                       toInt64(uniqExactIf(pcn, sp_ready = 1 AND pcn != '')) AS n_pcn,
                       toInt64(sum(freshness)) AS s_f, toInt64(sum(completeness)) AS s_c,
                       toInt64(sum(assurance)) AS s_a, toInt64(sum(overall)) AS s_o,
                       toInt64(countIf(grade = 'D')) AS n_d
                FROM activity_scores FINAL
                WHERE (t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t >= @from AND t <= @to)
                    OR t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t >= @prev_from AND t <= @prev_to))
                  AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
                GROUP BY t
                UNION ALL
                SELECT toUInt8(if(t >= @from AND t <= @to, 0, 1)) AS p, toInt64(0) AS n_ds, toInt64(0) AS n_act,
                       toInt64(0) AS n_up, toInt64(0) AS n_sp, toInt64(0) AS n_org, toInt64(0) AS n_pcn,
                       toInt64(0) AS s_f, toInt64(0) AS s_c, toInt64(0) AS s_a, toInt64(0) AS s_o, toInt64(0) AS n_d
                FROM snapshots FINAL
                WHERE status = 'complete'
                  AND (t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t >= @from AND t <= @to)
                    OR t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t >= @prev_from AND t <= @prev_to))
            )
            GROUP BY p
        )
        ARRAY JOIN [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] AS k
    )
    GROUP BY k
)
ORDER BY k
