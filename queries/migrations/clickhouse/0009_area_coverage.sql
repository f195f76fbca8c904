-- Per snapshot, level, area and dataset, split by standard (service = 1 for
-- Open Referral UK services, kind 'Service'): the figures of the coverage
-- query and the quarterly pack, written with each dataset's scores so those
-- reads never scan every activity of a snapshot. Level 'dataset' (area_code
-- '') sums the whole dataset, located or not. Distinct organisers and types
-- cannot be added up across datasets, so they are kept as lists of distinct
-- non-empty keys: organisers_upcoming have an upcoming activity here,
-- organisers_other none (coverage reads the first, reports both);
-- activity_types are those of upcoming activities. Sorted by snapshot and
-- level first: coverage reads one level of one snapshot. ClickHouse only: the
-- embedded store scans activity_scores, fast at its sizes (store.putCoverage).
CREATE TABLE IF NOT EXISTS {{.DB}}.area_coverage {{onCluster}} (
    t DateTime,
    level String,
    area_code String,
    dataset_id String,
    service UInt8,
    activities UInt32,
    upcoming UInt32,
    sp_ready UInt32,
    online UInt32,
    sum_freshness UInt64,
    sum_completeness UInt64,
    sum_assurance UInt64,
    sum_overall UInt64,
    grade_a UInt32,
    grade_b UInt32,
    grade_c UInt32,
    grade_d UInt32,
    organisers_upcoming Array(String),
    organisers_other Array(String),
    activity_types Array(String)
) ENGINE = {{engine "ReplacingMergeTree"}} PARTITION BY toYYYYMM(t) ORDER BY (t, level, area_code, dataset_id, service);

-- Per snapshot and standard, the combinations of PCN, Sub-ICB, local
-- authority, ICB and region that activities sit in: which areas of one level
-- overlap a place of another. Datasets write the same combinations, which
-- merges collapse; readers take DISTINCT.
CREATE TABLE IF NOT EXISTS {{.DB}}.area_overlaps {{onCluster}} (
    t DateTime,
    service UInt8,
    pcn String,
    sub_icb String,
    lad String,
    icb String,
    region String
) ENGINE = {{engine "ReplacingMergeTree"}} PARTITION BY toYYYYMM(t) ORDER BY (t, service, region, icb, sub_icb, lad, pcn);
