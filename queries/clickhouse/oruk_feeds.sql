-- ORUK datasets with their versions and roll-ups (see sqlite/oruk_feeds.sql).
-- 18.16 allows one JOIN per SELECT with USING; a roll-up the LEFT JOIN does
-- not find gives 0 here, so "no data" is decided from the service count.
SELECT dataset_id, api_url, version, declared_version, name,
       activities AS services,
       upcoming AS active,
       sp AS referral_ready,
       if(activities = 0, NULL, intDiv(20 * sum_freshness + activities, 2 * greatest(activities, 1)) / 10) AS freshness,
       if(activities = 0, NULL, intDiv(20 * sum_completeness + activities, 2 * greatest(activities, 1)) / 10) AS completeness,
       if(activities = 0, NULL, intDiv(20 * sum_assurance + activities, 2 * greatest(activities, 1)) / 10) AS assurance,
       if(activities = 0, NULL, intDiv(20 * sum_overall + activities, 2 * greatest(activities, 1)) / 10) AS overall
FROM (
    SELECT dataset_id, api_url, version, declared_version
    FROM dataset_standards FINAL
    WHERE standard = 'oruk'
      AND (@dataset = '' OR dataset_id = @dataset)
) ANY LEFT JOIN (
    SELECT dataset_id, name, activities, upcoming, sp_ready AS sp,
           sum_freshness, sum_completeness, sum_assurance, sum_overall
    FROM dataset_rollups FINAL
    WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
) USING dataset_id
ORDER BY dataset_id
LIMIT @limit
