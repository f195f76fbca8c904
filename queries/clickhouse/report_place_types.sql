SELECT activity_type, n_act AS activities, n_up AS upcoming, n_sp AS sp_ready, n_org AS organisers, n_pcn AS pcns
FROM (
SELECT activity_type, toInt64(count()) AS n_act,
       toInt64(countIf(upcoming = 1)) AS n_up, toInt64(sum(sp_ready)) AS n_sp,
       toInt64(uniqExactIf(organiser_key, organiser_key != '')) AS n_org,
       toInt64(uniqExactIf(pcn, upcoming = 1 AND pcn != '')) AS n_pcn
FROM activity_scores FINAL
ARRAY JOIN activity_types AS activity_type
WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
  AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
GROUP BY activity_type
)
ORDER BY sp_ready DESC, activities DESC, activity_type
