-- ORUK datasets with their versions and, from the dataset roll-ups of the
-- latest complete snapshot with T <= @at, their services and mean scores,
-- rounded half up to one decimal in integer arithmetic (scoring.md §8.11.1).
SELECT d.dataset_id, d.api_url, d.version, d.declared_version, r.name,
       coalesce(r.activities, 0) AS services,
       coalesce(r.upcoming, 0) AS active,
       coalesce(r.sp_ready, 0) AS referral_ready,
       CASE WHEN coalesce(r.activities, 0) = 0 THEN NULL ELSE ((20 * r.sum_freshness + r.activities) / (2 * r.activities)) / 10.0 END AS freshness,
       CASE WHEN coalesce(r.activities, 0) = 0 THEN NULL ELSE ((20 * r.sum_completeness + r.activities) / (2 * r.activities)) / 10.0 END AS completeness,
       CASE WHEN coalesce(r.activities, 0) = 0 THEN NULL ELSE ((20 * r.sum_assurance + r.activities) / (2 * r.activities)) / 10.0 END AS assurance,
       CASE WHEN coalesce(r.activities, 0) = 0 THEN NULL ELSE ((20 * r.sum_overall + r.activities) / (2 * r.activities)) / 10.0 END AS overall
FROM dataset_standards d
LEFT JOIN dataset_rollups r
  ON r.dataset_id = d.dataset_id
 AND r.t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
WHERE d.standard = 'oruk'
  AND (@dataset = '' OR d.dataset_id = @dataset)
ORDER BY d.dataset_id
LIMIT @limit
