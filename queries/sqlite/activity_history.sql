-- One activity's scores in every complete snapshot at or before @at.
-- The activity's history also carries the same activity id under every
-- dataset that moved to @dataset (dataset_moves), up to three moves back
-- (A -> B -> C -> D), by trend's rule: an old id's rows count only before the
-- move was detected (before the earliest move on its way here), so no
-- snapshot appears twice. dataset_id IN (...) only lets the primary key
-- (t, dataset_id, activity_id) seek, as the old query did.
WITH RECURSIVE moves(id, cut, hops) AS (
    SELECT from_id, detected_at, 1 FROM dataset_moves WHERE to_id = @dataset AND @dataset <> ''
    UNION
    SELECT m.from_id, min(m.detected_at, f.cut), f.hops + 1
    FROM moves f JOIN dataset_moves m ON m.to_id = f.id
    WHERE f.hops < 3
),
moved_from AS (
    SELECT id, max(cut) AS cut FROM moves WHERE id <> @dataset GROUP BY id
)
SELECT s.t, s.freshness, s.completeness, s.assurance, s.overall, s.grade, s.sp_ready
FROM activity_scores s
WHERE s.activity_id = @activity
  AND s.dataset_id IN (SELECT @dataset UNION ALL SELECT id FROM moved_from)
  AND (s.dataset_id = @dataset
       OR EXISTS (SELECT 1 FROM moved_from m WHERE m.id = s.dataset_id AND s.t < m.cut))
  AND s.t IN (SELECT t FROM snapshots WHERE status = 'complete' AND t <= @at)
ORDER BY s.t
