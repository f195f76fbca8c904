-- Core tables: sources, datasets, feeds, harvest state and attempts, items,
-- snapshots and scores. Rendered as a Go template: {{.DB}} is the database,
-- {{engine "..."}} picks the (replicated) engine, {{onCluster}} adds
-- ON CLUSTER for cluster deployments.
-- Every table that can be re-written is a ReplacingMergeTree keyed like the
-- SQLite primary key, so an upsert is an insert and reads use FINAL.

CREATE TABLE IF NOT EXISTS {{.DB}}.sources {{onCluster}} (
    url String,
    kind String,
    label String,
    enabled UInt8,
    added_by String,
    added_at DateTime,
    updated_at DateTime
) ENGINE = {{engine "ReplacingMergeTree(updated_at)"}} ORDER BY url;

CREATE TABLE IF NOT EXISTS {{.DB}}.datasets {{onCluster}} (
    id String,
    name String,
    publisher String,
    publisher_url String,
    publisher_ids Array(String),
    catalogue_url String,
    license String,
    discovered_at DateTime,
    updated_at DateTime
) ENGINE = {{engine "ReplacingMergeTree(updated_at)"}} ORDER BY id;

CREATE TABLE IF NOT EXISTS {{.DB}}.feeds {{onCluster}} (
    url String,
    dataset_id String,
    kind String,
    updated_at DateTime
) ENGINE = {{engine "ReplacingMergeTree(updated_at)"}} ORDER BY url;

CREATE TABLE IF NOT EXISTS {{.DB}}.feed_state {{onCluster}} (
    feed_url String,
    dataset_id String,
    next_url String,
    ordering String,
    first_harvest_done UInt8,
    updated_at DateTime,
    version UInt64
) ENGINE = {{engine "ReplacingMergeTree(version)"}} ORDER BY feed_url;

CREATE TABLE IF NOT EXISTS {{.DB}}.harvest_attempts {{onCluster}} (
    feed_url String,
    dataset_id String,
    kind String,
    started_at DateTime,
    finished_at DateTime,
    snapshot_t DateTime,
    status String,
    error_kind String,
    http_status UInt16,
    message String,
    pages UInt32,
    items_updated UInt32,
    items_deleted UInt32,
    items_changed UInt32,
    bytes UInt64,
    duration_ms UInt64,
    last_change Nullable(DateTime),
    reached_end UInt8,
    failed_checks Array(String),
    start_url String,
    end_url String,
    delay_ms UInt64
) ENGINE = {{engine "ReplacingMergeTree"}} PARTITION BY toYYYYMM(started_at) ORDER BY (feed_url, started_at);

CREATE TABLE IF NOT EXISTS {{.DB}}.items {{onCluster}} (
    dataset_id String,
    feed_url String,
    rpde_id String,
    state String,
    kind String,
    modified String,
    data String,
    license String,
    first_seen DateTime,
    first_harvest UInt8,
    seq UInt64
) ENGINE = {{engine "ReplacingMergeTree(seq)"}} ORDER BY (dataset_id, feed_url, rpde_id);

CREATE TABLE IF NOT EXISTS {{.DB}}.snapshots {{onCluster}} (
    t DateTime,
    started_at DateTime,
    finished_at DateTime,
    status String,
    method_version UInt8,
    profile_hash String,
    activity_list_hash String,
    facility_types_hash String,
    models_hash String,
    geo_vintages String,
    register_revision Int64,
    datasets UInt32,
    feeds UInt32,
    activities UInt32,
    version UInt64
) ENGINE = {{engine "ReplacingMergeTree(version)"}} ORDER BY t;

CREATE TABLE IF NOT EXISTS {{.DB}}.activity_scores {{onCluster}} (
    t DateTime,
    dataset_id String,
    activity_id String,
    feed_url String,
    rpde_id String,
    kind String,
    name String,
    organiser String,
    organiser_key String,
    postcode String,
    lsoa String,
    lad String,
    sub_icb String,
    icb String,
    region String,
    pcn String,
    location_method String,
    pcn_method String,
    lat Nullable(Float64),
    lng Nullable(Float64),
    next_occurrence Nullable(DateTime),
    last_change Nullable(DateTime),
    upcoming Float64,
    recent Float64,
    freshness UInt8,
    completeness UInt8,
    completeness_openactive Nullable(UInt8),
    assurance UInt8,
    overall UInt8,
    grade String,
    sp_ready UInt8,
    orphan UInt8,
    online UInt8,
    failed_checks Array(String),
    missing_openactive Array(String),
    activity_types Array(String),
    occurrences UInt32,
    method_version UInt8,
    profile_hash String
) ENGINE = {{engine "ReplacingMergeTree"}} PARTITION BY toYYYYMM(t) ORDER BY (t, dataset_id, activity_id);

CREATE TABLE IF NOT EXISTS {{.DB}}.feed_stats {{onCluster}} (
    t DateTime,
    feed_url String,
    dataset_id String,
    items UInt32,
    deleted UInt32,
    orphans UInt32,
    activities UInt32
) ENGINE = {{engine "ReplacingMergeTree"}} PARTITION BY toYYYYMM(t) ORDER BY (t, feed_url);

CREATE TABLE IF NOT EXISTS {{.DB}}.dataset_rollups {{onCluster}} (
    t DateTime,
    dataset_id String,
    name String,
    publisher String,
    feeds UInt32,
    activities UInt32,
    upcoming UInt32,
    sp_ready UInt32,
    orphans UInt32,
    sum_freshness UInt64,
    sum_completeness UInt64,
    sum_assurance UInt64,
    sum_overall UInt64,
    grade_a UInt32,
    grade_b UInt32,
    grade_c UInt32,
    grade_d UInt32
) ENGINE = {{engine "ReplacingMergeTree"}} PARTITION BY toYYYYMM(t) ORDER BY (t, dataset_id);

CREATE TABLE IF NOT EXISTS {{.DB}}.organisers {{onCluster}} (
    t DateTime,
    dataset_id String,
    organiser_key String,
    name String,
    url String,
    email String,
    telephone String,
    identifiers Array(String),
    lad String,
    activities UInt32,
    sp_ready UInt32,
    upcoming UInt32
) ENGINE = {{engine "ReplacingMergeTree"}} PARTITION BY toYYYYMM(t) ORDER BY (t, dataset_id, organiser_key);
