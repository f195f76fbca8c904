SELECT activity_id, dataset_id, feed_url, kind, name, organiser, postcode, lsoa, lad, icb, pcn,
       location_method, next_occurrence, freshness, completeness, completeness_openactive,
       assurance, overall, grade, sp_ready, orphan, failed_checks, missing_openactive,
       sub_icb, region, pcn_method, upcoming, organiser_key, activity_types,
       t AS snapshot_t, recent, online, last_change, occurrences, method_version
FROM activity_scores
WHERE t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
  AND (@dataset = '' OR dataset_id = @dataset)
  AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
  AND (@pcn = '' OR pcn = @pcn)
  AND (@lsoa = '' OR lsoa = @lsoa)
  AND (@grade = '' OR grade = @grade)
  AND (@kind = '' OR kind = @kind)
  AND (@sp_ready = '' OR sp_ready = (CASE WHEN @sp_ready = 'true' THEN 1 ELSE 0 END))
  AND (@organiser_key = '' OR organiser_key = @organiser_key)
ORDER BY dataset_id, activity_id
LIMIT @limit OFFSET @offset
