-- The latest complete snapshot with @from <= t <= @to and its provenance
-- (scoring.md §8.13.2). One row always: the aggregate row exists even when
-- no snapshot matches, and then every snapshot column is NULL.
SELECT s.t AS snapshot_t, r.snapshots, r.first_snapshot, r.last_snapshot,
       s.method_version, s.profile_hash, s.activity_list_hash, s.facility_types_hash, s.models_hash,
       s.geo_vintages, s.register_revision, s.datasets, s.feeds, s.activities, s.started_at, s.finished_at
FROM (SELECT max(CASE WHEN t >= @from AND t <= @to THEN t END) AS pick,
             sum(CASE WHEN t >= @from AND t <= @to THEN 1 ELSE 0 END) AS snapshots,
             min(t) AS first_snapshot, max(t) AS last_snapshot
      FROM snapshots WHERE status = 'complete') r
LEFT JOIN snapshots s ON s.t = r.pick
