-- One activity's scores in every complete snapshot at or before @at.
-- The activity's history also carries the same activity id under every
-- dataset that moved to @dataset (dataset_moves), up to three moves back
-- (A -> B -> C -> D), by trend's rule and as the SQLite query: moved_from
-- lists each old id with the time from which it no longer counts, the
-- earliest move on its way here, so no snapshot appears twice. No recursion
-- and one JOIN per SELECT on 18.16, so the three hops are nested LEFT JOINs
-- (a missing hop gives id '' and 1970), as in trend.
-- arrayExists picks the rows, as in trend. The dataset_id IN (...) before it
-- only lets the key (t, dataset_id, activity_id) skip the other datasets, as
-- dataset_id = @dataset did: 18.16 uses constants for the key but neither
-- arrayExists nor a GLOBAL IN set (every activity of every snapshot read), and
-- a plain IN over dataset_moves is refused on a cluster (code 288). It names
-- the first three old ids (a chain has at most three); with more, the
-- dataset_id >= '' branch reads them all, slower but still right.
SELECT t, freshness, completeness, assurance, overall, grade, sp_ready
FROM (
    WITH (
        SELECT groupArray((id, cut)) FROM (
            SELECT hop.1 AS id, max(hop.2) AS cut
            FROM (
                SELECT arrayJoin([(id1, cut1), (id2, cut2), (id3, cut3)]) AS hop
                FROM (
                    SELECT id1, cut1, id2, cut2, from_id AS id3, least(cut2, detected_at) AS cut3
                    FROM (
                        SELECT id1, cut1, from_id AS id2, least(cut1, detected_at) AS cut2
                        FROM (SELECT from_id AS id1, detected_at AS cut1 FROM dataset_moves FINAL
                              WHERE to_id = @dataset AND @dataset != '')
                        ALL LEFT JOIN (SELECT to_id AS id1, from_id, detected_at FROM dataset_moves FINAL) USING id1
                    )
                    ALL LEFT JOIN (SELECT to_id AS id2, from_id, detected_at FROM dataset_moves FINAL) USING id2
                )
            )
            WHERE hop.1 != '' AND hop.1 != @dataset
            GROUP BY hop.1
        )
    ) AS moved_from
    SELECT t, freshness, completeness, assurance, overall, grade, sp_ready
    FROM activity_scores FINAL
    WHERE activity_id = @activity
      AND (dataset_id IN (@dataset, moved_from[1].1, moved_from[2].1, moved_from[3].1)
           OR dataset_id >= if(length(moved_from) > 3, '', '~'))
      AND (dataset_id = @dataset OR arrayExists(m -> m.1 = dataset_id AND t < m.2, moved_from))
      AND t GLOBAL IN (SELECT t FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
)
ORDER BY t
