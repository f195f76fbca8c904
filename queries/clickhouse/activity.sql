SELECT activity_id, dataset_id, feed_url, rpde_id, kind, name, organiser, organiser_key, postcode, lsoa, lad, icb, pcn,
       location_method, pcn_method, next_occurrence, last_change, upcoming, recent, freshness, completeness,
       completeness_openactive, assurance, overall, grade, sp_ready, orphan, online, failed_checks,
       missing_openactive, activity_types, occurrences, t AS snapshot_t, method_version, profile_hash
FROM activity_scores FINAL
WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
  AND dataset_id = @dataset AND activity_id = @activity
