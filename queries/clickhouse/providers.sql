-- Activities per organiser; the name shown is the greatest name seen under
-- the key (so both backends agree). Means rounded half up to one decimal.
-- Aliases differ from column names inside the aggregation: ClickHouse
-- substitutes an alias wherever its name appears.
SELECT organiser_key, organiser_n AS organiser, datasets_n AS datasets, activities_n AS activities,
       upcoming_n AS upcoming, sp_ready_n AS sp_ready, activities_n - sp_ready_n AS not_sp_ready,
       intDiv(20 * sum_o + activities_n, 2 * greatest(activities_n, 1)) / 10 AS overall
FROM (
SELECT organiser_key, max(organiser) AS organiser_n, toInt64(uniqExact(dataset_id)) AS datasets_n,
       toInt64(count()) AS activities_n, toInt64(countIf(upcoming = 1)) AS upcoming_n,
       toInt64(sum(sp_ready)) AS sp_ready_n, toInt64(sum(overall)) AS sum_o
FROM activity_scores FINAL
WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
      AND (@dataset = '' OR dataset_id = @dataset)
      AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
      AND (@pcn = '' OR pcn = @pcn) AND (@kind = '' OR kind = @kind)
GROUP BY organiser_key
)
ORDER BY not_sp_ready DESC, activities DESC, organiser_key
LIMIT @limit
