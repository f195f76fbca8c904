-- Means are exact means of integers rounded half up to one decimal:
-- intDiv(20*sum + n, 2*n) / 10 (scoring.md §8.11.1). The grade comes from
-- that one-decimal mean rounded half up to an integer. ClickHouse evaluates
-- both branches of if(), so divisors are guarded with greatest(n, 1).
SELECT dataset_id, name, publisher, feeds, activities, sp_ready,
       if(activities = 0, NULL, intDiv(20 * sum_freshness + activities, 2 * greatest(activities, 1)) / 10) AS freshness,
       if(activities = 0, NULL, intDiv(20 * sum_completeness + activities, 2 * greatest(activities, 1)) / 10) AS completeness,
       if(activities = 0, NULL, intDiv(20 * sum_assurance + activities, 2 * greatest(activities, 1)) / 10) AS assurance,
       if(activities = 0, NULL, intDiv(20 * sum_overall + activities, 2 * greatest(activities, 1)) / 10) AS overall,
       if(activities = 0, NULL,
          multiIf(intDiv(intDiv(20 * sum_overall + activities, 2 * greatest(activities, 1)) + 5, 10) >= 85, 'A',
                  intDiv(intDiv(20 * sum_overall + activities, 2 * greatest(activities, 1)) + 5, 10) >= 70, 'B',
                  intDiv(intDiv(20 * sum_overall + activities, 2 * greatest(activities, 1)) + 5, 10) >= 50, 'C', 'D')) AS grade,
       upcoming, orphans, t AS snapshot_t
FROM dataset_rollups FINAL
WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
  AND (@dataset = '' OR dataset_id = @dataset)
ORDER BY dataset_id
LIMIT @limit
