-- ORUK readiness rows with the activity's name, organiser and area (see
-- sqlite/oruk_readiness.sql). One JOIN with USING, as 18.16 allows.
SELECT dataset_id, activity_id, name, organiser, kind, pcn, lad,
       readiness, failed_checks, lost, mapped
FROM (
    SELECT t, dataset_id, activity_id, readiness, failed_checks, lost, mapped
    FROM oruk_readiness FINAL
    WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
      AND (@dataset = '' OR dataset_id = @dataset)
) ALL INNER JOIN (
    SELECT t, dataset_id, activity_id, name, organiser, kind, pcn, lad
    FROM activity_scores FINAL
    WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
      AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
      AND (@pcn = '' OR pcn = @pcn)
) USING (t, dataset_id, activity_id)
ORDER BY readiness, dataset_id, activity_id
LIMIT @limit
