-- Core tables: sources, datasets, feeds, harvest state and attempts, items,
-- snapshots and scores. Times are INTEGER Unix seconds (UTC); lists are JSON
-- text; booleans are 0/1. Primary keys match the ClickHouse sort keys, and
-- writes are INSERT OR REPLACE, so an upsert behaves the same on both.

CREATE TABLE IF NOT EXISTS sources (
    url TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    enabled INTEGER NOT NULL DEFAULT 1,
    added_by TEXT NOT NULL DEFAULT '',
    added_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS datasets (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    publisher TEXT NOT NULL,
    publisher_url TEXT NOT NULL,
    publisher_ids TEXT NOT NULL,
    catalogue_url TEXT NOT NULL,
    license TEXT NOT NULL,
    discovered_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    dataset_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS feeds_dataset ON feeds (dataset_id);

CREATE TABLE IF NOT EXISTS feed_state (
    feed_url TEXT PRIMARY KEY,
    dataset_id TEXT NOT NULL,
    next_url TEXT NOT NULL,
    ordering TEXT NOT NULL,
    first_harvest_done INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS harvest_attempts (
    feed_url TEXT NOT NULL,
    dataset_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    finished_at INTEGER NOT NULL,
    snapshot_t INTEGER NOT NULL,
    status TEXT NOT NULL,
    error_kind TEXT NOT NULL,
    http_status INTEGER NOT NULL,
    message TEXT NOT NULL,
    pages INTEGER NOT NULL,
    items_updated INTEGER NOT NULL,
    items_deleted INTEGER NOT NULL,
    items_changed INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    last_change INTEGER,
    reached_end INTEGER NOT NULL,
    failed_checks TEXT NOT NULL,
    start_url TEXT NOT NULL,
    end_url TEXT NOT NULL,
    delay_ms INTEGER NOT NULL,
    PRIMARY KEY (feed_url, started_at)
);
CREATE INDEX IF NOT EXISTS harvest_attempts_started ON harvest_attempts (started_at);

CREATE TABLE IF NOT EXISTS items (
    dataset_id TEXT NOT NULL,
    feed_url TEXT NOT NULL,
    rpde_id TEXT NOT NULL,
    state TEXT NOT NULL,
    kind TEXT NOT NULL,
    modified TEXT NOT NULL,
    data TEXT NOT NULL,
    license TEXT NOT NULL,
    first_seen INTEGER NOT NULL,
    first_harvest INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (dataset_id, feed_url, rpde_id)
);

CREATE TABLE IF NOT EXISTS snapshots (
    t INTEGER PRIMARY KEY,
    started_at INTEGER NOT NULL,
    finished_at INTEGER NOT NULL,
    status TEXT NOT NULL,
    method_version INTEGER NOT NULL,
    profile_hash TEXT NOT NULL,
    activity_list_hash TEXT NOT NULL,
    facility_types_hash TEXT NOT NULL,
    models_hash TEXT NOT NULL,
    geo_vintages TEXT NOT NULL,
    register_revision INTEGER NOT NULL,
    datasets INTEGER NOT NULL,
    feeds INTEGER NOT NULL,
    activities INTEGER NOT NULL,
    version INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS activity_scores (
    t INTEGER NOT NULL,
    dataset_id TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    feed_url TEXT NOT NULL,
    rpde_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    organiser TEXT NOT NULL,
    organiser_key TEXT NOT NULL,
    postcode TEXT NOT NULL,
    lsoa TEXT NOT NULL,
    lad TEXT NOT NULL,
    sub_icb TEXT NOT NULL,
    icb TEXT NOT NULL,
    region TEXT NOT NULL,
    pcn TEXT NOT NULL,
    location_method TEXT NOT NULL,
    pcn_method TEXT NOT NULL,
    lat REAL,
    lng REAL,
    next_occurrence INTEGER,
    last_change INTEGER,
    upcoming REAL NOT NULL,
    recent REAL NOT NULL,
    freshness INTEGER NOT NULL,
    completeness INTEGER NOT NULL,
    completeness_openactive INTEGER,
    assurance INTEGER NOT NULL,
    overall INTEGER NOT NULL,
    grade TEXT NOT NULL,
    sp_ready INTEGER NOT NULL,
    orphan INTEGER NOT NULL,
    online INTEGER NOT NULL,
    failed_checks TEXT NOT NULL,
    missing_openactive TEXT NOT NULL,
    activity_types TEXT NOT NULL,
    occurrences INTEGER NOT NULL,
    method_version INTEGER NOT NULL,
    profile_hash TEXT NOT NULL,
    PRIMARY KEY (t, dataset_id, activity_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS feed_stats (
    t INTEGER NOT NULL,
    feed_url TEXT NOT NULL,
    dataset_id TEXT NOT NULL,
    items INTEGER NOT NULL,
    deleted INTEGER NOT NULL,
    orphans INTEGER NOT NULL,
    activities INTEGER NOT NULL,
    PRIMARY KEY (t, feed_url)
);

CREATE TABLE IF NOT EXISTS dataset_rollups (
    t INTEGER NOT NULL,
    dataset_id TEXT NOT NULL,
    name TEXT NOT NULL,
    publisher TEXT NOT NULL,
    feeds INTEGER NOT NULL,
    activities INTEGER NOT NULL,
    upcoming INTEGER NOT NULL,
    sp_ready INTEGER NOT NULL,
    orphans INTEGER NOT NULL,
    sum_freshness INTEGER NOT NULL,
    sum_completeness INTEGER NOT NULL,
    sum_assurance INTEGER NOT NULL,
    sum_overall INTEGER NOT NULL,
    grade_a INTEGER NOT NULL,
    grade_b INTEGER NOT NULL,
    grade_c INTEGER NOT NULL,
    grade_d INTEGER NOT NULL,
    PRIMARY KEY (t, dataset_id)
);

CREATE TABLE IF NOT EXISTS organisers (
    t INTEGER NOT NULL,
    dataset_id TEXT NOT NULL,
    organiser_key TEXT NOT NULL,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    email TEXT NOT NULL,
    telephone TEXT NOT NULL,
    identifiers TEXT NOT NULL,
    lad TEXT NOT NULL,
    activities INTEGER NOT NULL,
    sp_ready INTEGER NOT NULL,
    upcoming INTEGER NOT NULL,
    PRIMARY KEY (t, dataset_id, organiser_key)
);
