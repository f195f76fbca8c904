-- The latest complete snapshot with @from <= t <= @to and its provenance
-- (scoring.md §8.13.2). One row always: an aggregate without GROUP BY
-- answers even over no rows (times then read as epoch, i.e. "no data").
SELECT pick AS snapshot_t, snapshots, first_snapshot, last_snapshot,
       method_version, profile_hash, activity_list_hash, facility_types_hash, models_hash,
       geo_vintages, register_revision, datasets, feeds, activities, started_at, finished_at
FROM (
    SELECT maxIf(t, t >= @from AND t <= @to) AS pick,
           countIf(t >= @from AND t <= @to) AS snapshots,
           min(t) AS first_snapshot, max(t) AS last_snapshot
    FROM snapshots FINAL WHERE status = 'complete'
) ANY LEFT JOIN (
    SELECT t AS pick, method_version, profile_hash, activity_list_hash, facility_types_hash, models_hash,
           geo_vintages, register_revision, datasets, feeds, activities, started_at, finished_at
    FROM snapshots FINAL WHERE status = 'complete'
) USING pick
