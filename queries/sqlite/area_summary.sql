-- Located activities per area of @level; names from the loaded geography
-- (the greatest name any file gives the code). Means rounded half up to one
-- decimal in integer arithmetic.
SELECT s.area_code AS area_code, coalesce(n.name, '') AS area_name, s.activities AS activities,
       s.upcoming AS upcoming, s.sp_ready AS sp_ready, s.organisers AS organisers,
       ((20 * s.sum_o + s.activities) / (2 * s.activities)) / 10.0 AS overall
FROM (
    SELECT CASE @level WHEN 'lsoa' THEN lsoa WHEN 'pcn' THEN pcn WHEN 'lad' THEN lad
                       WHEN 'sub_icb' THEN sub_icb WHEN 'icb' THEN icb ELSE region END AS area_code,
           count(*) AS activities, sum(CASE WHEN upcoming = 1 THEN 1 ELSE 0 END) AS upcoming,
           sum(sp_ready) AS sp_ready, count(DISTINCT CASE WHEN organiser_key <> '' THEN organiser_key END) AS organisers,
           sum(overall) AS sum_o
    FROM activity_scores
    WHERE t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
      AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
      AND (@kind = '' OR kind = @kind)
    GROUP BY 1
) s
LEFT JOIN (SELECT code, max(name) AS name FROM geo_areas WHERE level = @level GROUP BY code) n ON n.code = s.area_code
WHERE s.area_code <> ''
ORDER BY s.sp_ready DESC, s.activities DESC, s.area_code
LIMIT @limit
