-- Organisers with the most activities that are not SP-ready, and their most
-- failed checks (count desc, then method order: sp.N ranks N, as.N 100+N).
SELECT m.organiser, m.organiser_key, m.activities, m.activities - m.sp_ready AS not_sp_ready, m.sp_ready,
       m.datasets, ((20 * m.so + m.activities) / (2 * m.activities)) / 10.0 AS overall,
       coalesce(c.top_checks, '[]') AS top_checks
FROM (
    SELECT organiser_key, max(organiser) AS organiser, count(*) AS activities, sum(sp_ready) AS sp_ready,
           count(DISTINCT dataset_id) AS datasets, sum(overall) AS so
    FROM activity_scores
    WHERE t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
      AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
    GROUP BY organiser_key
) m
LEFT JOIN (
    SELECT organiser_key, json_group_array(c || ':' || n ORDER BY n DESC, r) AS top_checks
    FROM (
        SELECT organiser_key, c, n, r, row_number() OVER (PARTITION BY organiser_key ORDER BY n DESC, r) AS rn
        FROM (
            SELECT a.organiser_key, j.value AS c, count(*) AS n,
                   CASE WHEN j.value LIKE 'sp.%' THEN CAST(substr(j.value, 4) AS INTEGER)
                        ELSE 100 + CAST(substr(j.value, 4) AS INTEGER) END AS r
            FROM activity_scores a, json_each(a.failed_checks) j
            WHERE a.t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
              AND a.sp_ready = 0
              AND (@place = '' OR a.lad = @place OR a.sub_icb = @place OR a.icb = @place OR a.region = @place)
            GROUP BY a.organiser_key, j.value
        )
    )
    WHERE rn <= 3
    GROUP BY organiser_key
) c ON c.organiser_key = m.organiser_key
ORDER BY not_sp_ready DESC, m.activities DESC, m.organiser_key
LIMIT @limit
