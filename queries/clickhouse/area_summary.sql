-- Located activities per area of @level; names from the loaded geography
-- (the greatest name any file gives the code). Means rounded half up to one
-- decimal in integer arithmetic.
SELECT area_code, area_name, activities, upcoming, sp_ready, organisers,
       intDiv(20 * sum_o + activities, 2 * greatest(activities, 1)) / 10 AS overall
FROM (
    SELECT multiIf(@level = 'lsoa', lsoa, @level = 'pcn', pcn, @level = 'lad', lad,
                   @level = 'sub_icb', sub_icb, @level = 'icb', icb, region) AS area_code,
           toInt64(count()) AS activities, toInt64(countIf(upcoming = 1)) AS upcoming,
           toInt64(sum(sp_ready)) AS sp_ready, toInt64(uniqExactIf(organiser_key, organiser_key != '')) AS organisers,
           toInt64(sum(overall)) AS sum_o
    FROM activity_scores FINAL
    WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
      AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
      AND (@kind = '' OR kind = @kind)
    GROUP BY area_code
) ANY LEFT JOIN (
    SELECT code AS area_code, max(name) AS area_name FROM geo_areas FINAL WHERE level = @level GROUP BY code
) USING area_code
WHERE area_code != ''
ORDER BY sp_ready DESC, activities DESC, area_code
LIMIT @limit
