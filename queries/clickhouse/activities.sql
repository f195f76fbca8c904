SELECT activity_id, dataset_id, feed_url, kind, name, organiser, postcode, lsoa, lad, icb, pcn,
       location_method, next_occurrence, freshness, completeness, completeness_openactive,
       assurance, overall, grade, sp_ready, orphan, failed_checks, missing_openactive,
       sub_icb, region, pcn_method, upcoming, organiser_key, activity_types,
       t AS snapshot_t, recent, online, last_change, occurrences, method_version
FROM activity_scores FINAL
WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
  AND (@dataset = '' OR dataset_id = @dataset)
  AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
  AND (@pcn = '' OR pcn = @pcn)
  AND (@lsoa = '' OR lsoa = @lsoa)
  AND (@grade = '' OR grade = @grade)
  AND (@kind = '' OR kind = @kind)
  AND (@sp_ready = '' OR sp_ready = if(@sp_ready = 'true', 1, 0))
  AND (@organiser_key = '' OR organiser_key = @organiser_key)
ORDER BY dataset_id, activity_id
LIMIT @limit OFFSET @offset
