-- Activities failing each check id, in the method's order (sp.1…sp.14,
-- as.1…as.5). share = 100 × failing / activities, rounded half up to one
-- decimal in integer arithmetic; the divisor is guarded with greatest(n, 1).
-- One pass: the activity count rides along as a constant per group.
SELECT check_id, failing, activities,
       if(activities = 0, NULL, intDiv(2000 * failing + activities, 2 * greatest(activities, 1)) / 10) AS share
FROM (
    SELECT check_id, toInt64(count()) AS failing
    FROM activity_scores FINAL
    ARRAY JOIN failed_checks AS check_id
    WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
      AND (@dataset = '' OR dataset_id = @dataset) AND (@feed = '' OR feed_url = @feed)
      AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
      AND (@pcn = '' OR pcn = @pcn) AND (@kind = '' OR kind = @kind)
      AND (@organiser_key = '' OR organiser_key = @organiser_key)
    GROUP BY check_id
) CROSS JOIN (
    SELECT toInt64(count()) AS activities
    FROM activity_scores FINAL
    WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
      AND (@dataset = '' OR dataset_id = @dataset) AND (@feed = '' OR feed_url = @feed)
      AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
      AND (@pcn = '' OR pcn = @pcn) AND (@kind = '' OR kind = @kind)
      AND (@organiser_key = '' OR organiser_key = @organiser_key)
)
ORDER BY substring(check_id, 1, 2) DESC, toUInt32OrZero(substring(check_id, 4)), check_id
