SELECT dataset_id, activity_id, name, kind, organiser, postcode, location_method, next_occurrence,
       sp_ready, overall, grade, freshness, completeness, assurance, failed_checks, missing_openactive,
       feed_url, t AS snapshot_t
FROM activity_scores
WHERE t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
  AND (@dataset = '' OR dataset_id = @dataset)
ORDER BY dataset_id, sp_ready, overall, activity_id
