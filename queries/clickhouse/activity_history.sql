SELECT t, freshness, completeness, assurance, overall, grade, sp_ready
FROM activity_scores FINAL
WHERE dataset_id = @dataset AND activity_id = @activity
  AND t GLOBAL IN (SELECT t FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
ORDER BY t
