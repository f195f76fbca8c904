-- ORUK readiness rows of the latest complete snapshot with T <= @at, with
-- the activity's name, organiser and area from its score.
SELECT r.dataset_id, r.activity_id, a.name, a.organiser, a.kind, a.pcn, a.lad,
       r.readiness, r.failed_checks, r.lost, r.mapped
FROM oruk_readiness r
JOIN activity_scores a
  ON a.t = r.t AND a.dataset_id = r.dataset_id AND a.activity_id = r.activity_id
WHERE r.t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
  AND (@dataset = '' OR r.dataset_id = @dataset)
  AND (@place = '' OR a.lad = @place OR a.sub_icb = @place OR a.icb = @place OR a.region = @place)
  AND (@pcn = '' OR a.pcn = @pcn)
ORDER BY r.readiness, r.dataset_id, r.activity_id
LIMIT @limit
