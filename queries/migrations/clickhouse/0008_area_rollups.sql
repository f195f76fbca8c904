-- Per snapshot, per area (PCN, Sub-ICB, local authority, ICB, region) and
-- dataset: the sums behind a place's trend line, so it never scans every
-- activity of every snapshot. Sorted by area first: a trend reads one area.
CREATE TABLE IF NOT EXISTS {{.DB}}.area_rollups {{onCluster}} (
    t DateTime,
    area_code String,
    dataset_id String,
    level String,
    feeds UInt32,
    activities UInt32,
    upcoming UInt32,
    sp_ready UInt32,
    sum_freshness UInt64,
    sum_completeness UInt64,
    sum_assurance UInt64,
    sum_overall UInt64,
    grade_a UInt32,
    grade_b UInt32,
    grade_c UInt32,
    grade_d UInt32
) ENGINE = {{engine "ReplacingMergeTree"}} PARTITION BY toYYYYMM(t) ORDER BY (area_code, t, dataset_id);
