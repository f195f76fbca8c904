-- Means are exact means of integers rounded half up to one decimal:
-- floor((20*sum + n) / (2*n)) / 10, in integer arithmetic (scoring.md §8.11.1).
-- The grade comes from that one-decimal mean rounded half up to an integer.
SELECT dataset_id, name, publisher, feeds, activities, sp_ready,
       CASE WHEN activities = 0 THEN NULL ELSE ((20 * sum_freshness + activities) / (2 * activities)) / 10.0 END AS freshness,
       CASE WHEN activities = 0 THEN NULL ELSE ((20 * sum_completeness + activities) / (2 * activities)) / 10.0 END AS completeness,
       CASE WHEN activities = 0 THEN NULL ELSE ((20 * sum_assurance + activities) / (2 * activities)) / 10.0 END AS assurance,
       CASE WHEN activities = 0 THEN NULL ELSE ((20 * sum_overall + activities) / (2 * activities)) / 10.0 END AS overall,
       CASE WHEN activities = 0 THEN NULL
            WHEN (((20 * sum_overall + activities) / (2 * activities)) + 5) / 10 >= 85 THEN 'A'
            WHEN (((20 * sum_overall + activities) / (2 * activities)) + 5) / 10 >= 70 THEN 'B'
            WHEN (((20 * sum_overall + activities) / (2 * activities)) + 5) / 10 >= 50 THEN 'C'
            ELSE 'D' END AS grade,
       upcoming, orphans, t AS snapshot_t
FROM dataset_rollups
WHERE t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
  AND (@dataset = '' OR dataset_id = @dataset)
ORDER BY dataset_id
LIMIT @limit
