-- Activities per organiser; the name shown is the greatest name seen under
-- the key (so both backends agree). Means rounded half up to one decimal.
SELECT a.organiser_key AS organiser_key, max(a.organiser) AS organiser,
       count(DISTINCT a.dataset_id) AS datasets, count(*) AS activities,
       sum(CASE WHEN a.upcoming = 1 THEN 1 ELSE 0 END) AS upcoming, sum(a.sp_ready) AS sp_ready,
       count(*) - sum(a.sp_ready) AS not_sp_ready,
       ((20 * sum(a.overall) + count(*)) / (2 * count(*))) / 10.0 AS overall
FROM activity_scores a
WHERE a.t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
      AND (@dataset = '' OR a.dataset_id = @dataset)
      AND (@place = '' OR a.lad = @place OR a.sub_icb = @place OR a.icb = @place OR a.region = @place)
      AND (@pcn = '' OR a.pcn = @pcn) AND (@kind = '' OR a.kind = @kind)
GROUP BY a.organiser_key
ORDER BY not_sp_ready DESC, activities DESC, organiser_key
LIMIT @limit
