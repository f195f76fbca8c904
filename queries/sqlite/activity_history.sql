SELECT t, freshness, completeness, assurance, overall, grade, sp_ready
FROM activity_scores
WHERE dataset_id = @dataset AND activity_id = @activity
  AND t IN (SELECT t FROM snapshots WHERE status = 'complete' AND t <= @at)
ORDER BY t
