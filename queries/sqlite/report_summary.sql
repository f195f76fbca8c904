-- Headline figures of two snapshots as one row per measure. Values are kept
-- in integer tenths until the last step: counts × 10, shares and means
-- floor((20·sum + n) / (2·n)) (scoring.md §8.11.1). p = 0 is this period, 1
-- the previous one; a snapshot with no activities in the place still gives a
-- row of zeros so its counts read 0, not "no data".
SELECT CASE k WHEN 1 THEN 'Datasets with activities' WHEN 2 THEN 'Activities'
              WHEN 3 THEN 'Activities with an upcoming occurrence' WHEN 4 THEN 'SP-ready activities'
              WHEN 5 THEN 'SP-ready share of upcoming activities (%)' WHEN 6 THEN 'Organisers'
              WHEN 7 THEN 'PCNs with an SP-ready activity' WHEN 8 THEN 'Mean freshness'
              WHEN 9 THEN 'Mean completeness (SP-ready profile)' WHEN 10 THEN 'Mean assurance'
              WHEN 11 THEN 'Mean overall score' ELSE 'Activities graded D' END AS measure,
       CASE WHEN k = 5 THEN 'percent' WHEN k BETWEEN 8 AND 11 THEN 'score' ELSE 'count' END AS unit,
       this_v / 10.0 AS this_period,
       prev_v / 10.0 AS previous_period,
       (this_v - prev_v) / 10.0 AS change,
       CASE WHEN k <> 11 OR this_v IS NULL THEN NULL
            WHEN (this_v + 5) / 10 >= 85 THEN 'A' WHEN (this_v + 5) / 10 >= 70 THEN 'B'
            WHEN (this_v + 5) / 10 >= 50 THEN 'C' ELSE 'D' END AS grade,
       CASE WHEN k <> 11 OR this_v IS NULL THEN NULL
            WHEN (this_v + 5) / 10 >= 70 THEN 'green' WHEN (this_v + 5) / 10 >= 50 THEN 'amber' ELSE 'red' END AS rag
FROM (
    SELECT k, max(CASE WHEN p = 0 THEN v END) AS this_v, max(CASE WHEN p = 1 THEN v END) AS prev_v
    FROM (
        SELECT k, p,
               CASE k WHEN 1 THEN 10 * datasets WHEN 2 THEN 10 * activities WHEN 3 THEN 10 * upcoming
                      WHEN 4 THEN 10 * sp_ready
                      WHEN 5 THEN CASE WHEN upcoming = 0 THEN NULL ELSE (2000 * sp_ready + upcoming) / (2 * upcoming) END
                      WHEN 6 THEN 10 * organisers WHEN 7 THEN 10 * sp_pcns
                      WHEN 8 THEN CASE WHEN activities = 0 THEN NULL ELSE (20 * sf + activities) / (2 * activities) END
                      WHEN 9 THEN CASE WHEN activities = 0 THEN NULL ELSE (20 * sc + activities) / (2 * activities) END
                      WHEN 10 THEN CASE WHEN activities = 0 THEN NULL ELSE (20 * sa + activities) / (2 * activities) END
                      WHEN 11 THEN CASE WHEN activities = 0 THEN NULL ELSE (20 * so + activities) / (2 * activities) END
                      ELSE 10 * grade_d END AS v
        FROM (
            SELECT p, sum(datasets) AS datasets, sum(activities) AS activities, sum(upcoming) AS upcoming,
                   sum(sp_ready) AS sp_ready, sum(organisers) AS organisers, sum(sp_pcns) AS sp_pcns,
                   sum(sf) AS sf, sum(sc) AS sc, sum(sa) AS sa, sum(so) AS so, sum(grade_d) AS grade_d
            FROM (
                SELECT CASE WHEN t >= @from AND t <= @to THEN 0 ELSE 1 END AS p,
                       count(DISTINCT dataset_id) AS datasets, count(*) AS activities,
                       sum(CASE WHEN upcoming = 1 THEN 1 ELSE 0 END) AS upcoming, sum(sp_ready) AS sp_ready,
                       count(DISTINCT CASE WHEN organiser_key <> '' THEN organiser_key END) AS organisers,
                       count(DISTINCT CASE WHEN sp_ready = 1 AND pcn <> '' THEN pcn END) AS sp_pcns,
                       sum(freshness) AS sf, sum(completeness) AS sc, sum(assurance) AS sa, sum(overall) AS so,
                       sum(CASE WHEN grade = 'D' THEN 1 ELSE 0 END) AS grade_d
                FROM activity_scores
                WHERE (t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t >= @from AND t <= @to)
                    OR t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t >= @prev_from AND t <= @prev_to))
                  AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
                GROUP BY t
                UNION ALL
                SELECT CASE WHEN t >= @from AND t <= @to THEN 0 ELSE 1 END, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
                FROM snapshots
                WHERE status = 'complete'
                  AND (t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t >= @from AND t <= @to)
                    OR t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t >= @prev_from AND t <= @prev_to))
            )
            GROUP BY p
        )
        CROSS JOIN (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
                    UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL SELECT 10
                    UNION ALL SELECT 11 UNION ALL SELECT 12)
    )
    GROUP BY k
)
ORDER BY k
