-- Per dataset or area: sums per period (p = 0 this, 1 previous), then means
-- in integer tenths floor((20·sum + n) / (2·n)) (scoring.md §8.11.1), then
-- names from the datasets table or the loaded geography.
SELECT g.key, n.name, n.detail, g.activities, g.upcoming, g.sp_ready,
       CASE WHEN g.has_prev = 1 THEN g.sp_prev END AS sp_ready_prev,
       CASE WHEN g.has_prev = 1 THEN g.sp_ready - g.sp_prev END AS sp_ready_change,
       g.organisers,
       CASE WHEN g.activities = 0 THEN NULL ELSE ((20 * g.sf + g.activities) / (2 * g.activities)) / 10.0 END AS freshness,
       CASE WHEN g.activities = 0 THEN NULL ELSE ((20 * g.sc + g.activities) / (2 * g.activities)) / 10.0 END AS completeness,
       CASE WHEN g.activities = 0 THEN NULL ELSE ((20 * g.sa + g.activities) / (2 * g.activities)) / 10.0 END AS assurance,
       g.ov / 10.0 AS overall,
       g.ovp / 10.0 AS overall_prev,
       (g.ov - g.ovp) / 10.0 AS overall_change,
       CASE WHEN g.ov IS NULL THEN NULL WHEN (g.ov + 5) / 10 >= 85 THEN 'A' WHEN (g.ov + 5) / 10 >= 70 THEN 'B'
            WHEN (g.ov + 5) / 10 >= 50 THEN 'C' ELSE 'D' END AS grade,
       CASE WHEN g.ov IS NULL THEN NULL WHEN (g.ov + 5) / 10 >= 70 THEN 'green'
            WHEN (g.ov + 5) / 10 >= 50 THEN 'amber' ELSE 'red' END AS rag
FROM (
    SELECT key, activities, upcoming, sp_ready, sp_prev, organisers, sf, sc, sa, has_prev,
           CASE WHEN activities = 0 THEN NULL ELSE (20 * so + activities) / (2 * activities) END AS ov,
           CASE WHEN has_prev = 0 OR activities_prev = 0 THEN NULL
                ELSE (20 * so_prev + activities_prev) / (2 * activities_prev) END AS ovp
    FROM (
        SELECT key,
               sum(CASE WHEN p = 0 THEN activities ELSE 0 END) AS activities,
               sum(CASE WHEN p = 0 THEN upcoming ELSE 0 END) AS upcoming,
               sum(CASE WHEN p = 0 THEN sp_ready ELSE 0 END) AS sp_ready,
               sum(CASE WHEN p = 0 THEN organisers ELSE 0 END) AS organisers,
               sum(CASE WHEN p = 0 THEN sf ELSE 0 END) AS sf,
               sum(CASE WHEN p = 0 THEN sc ELSE 0 END) AS sc,
               sum(CASE WHEN p = 0 THEN sa ELSE 0 END) AS sa,
               sum(CASE WHEN p = 0 THEN so ELSE 0 END) AS so,
               sum(CASE WHEN p = 1 THEN activities ELSE 0 END) AS activities_prev,
               sum(CASE WHEN p = 1 THEN sp_ready ELSE 0 END) AS sp_prev,
               sum(CASE WHEN p = 1 THEN so ELSE 0 END) AS so_prev,
               CASE WHEN (SELECT max(t) FROM snapshots WHERE status = 'complete'
                          AND t >= @prev_from AND t <= @prev_to) IS NULL THEN 0 ELSE 1 END AS has_prev
        FROM (
            SELECT CASE @by WHEN 'dataset' THEN dataset_id WHEN 'pcn' THEN pcn WHEN 'lad' THEN lad
                            WHEN 'sub_icb' THEN sub_icb WHEN 'icb' THEN icb ELSE region END AS key,
                   CASE WHEN t >= @from AND t <= @to THEN 0 ELSE 1 END AS p,
                   count(*) AS activities, sum(CASE WHEN upcoming = 1 THEN 1 ELSE 0 END) AS upcoming,
                   sum(sp_ready) AS sp_ready,
                   count(DISTINCT CASE WHEN organiser_key <> '' THEN organiser_key END) AS organisers,
                   sum(freshness) AS sf, sum(completeness) AS sc, sum(assurance) AS sa, sum(overall) AS so
            FROM activity_scores
            WHERE (t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t >= @from AND t <= @to)
                OR t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t >= @prev_from AND t <= @prev_to))
              AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
            GROUP BY key, p
        )
        WHERE key <> ''
        GROUP BY key
    )
) g
LEFT JOIN (
    SELECT id AS key, name, publisher AS detail FROM datasets WHERE @by = 'dataset'
    UNION ALL
    SELECT code AS key, max(name) AS name, '' AS detail FROM geo_areas WHERE level = @by GROUP BY code
) n ON n.key = g.key
ORDER BY g.key
