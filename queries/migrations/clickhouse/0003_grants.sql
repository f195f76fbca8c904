-- Grants (360Giving imports, recipient links, compliance per quarter) and the
-- assurance register with its revisions. Rendered as a Go template like
-- 0001_core.sql. Every table is a ReplacingMergeTree keyed like the SQLite
-- primary key, so an upsert is an insert and reads use FINAL. Types stay
-- within what ClickHouse 18.16 knows (no Bool, DateTime64, Map or JSON).

CREATE TABLE IF NOT EXISTS {{.DB}}.grant_imports {{onCluster}} (
    id String,
    file String,
    sha256 String,
    format String,
    mode String,
    size UInt64,
    funder_ids Array(String),
    funder_names Array(String),
    rows_read UInt32,
    grants_valid UInt32,
    grants_invalid UInt32,
    grants_new UInt32,
    grants_updated UInt32,
    grants_unchanged UInt32,
    accepted UInt8,
    errors UInt32,
    warnings UInt32,
    report String,
    imported_by String,
    imported_at DateTime,
    version UInt64
) ENGINE = {{engine "ReplacingMergeTree(version)"}} ORDER BY id;

CREATE TABLE IF NOT EXISTS {{.DB}}.grants {{onCluster}} (
    funder_id String,
    grant_id String,
    funder_name String,
    title String,
    currency String,
    amount_awarded Float64,
    award_date DateTime,
    recipient_key String,
    recipient_id String,
    recipient_name String,
    recipient_charity_number String,
    recipient_company_number String,
    recipient_postcode String,
    recipient_url String,
    recipient_org_ids Array(String),
    recipient_lad String,
    recipient_individual UInt8,
    programme_code String,
    programme_title String,
    beneficiary_codes Array(String),
    planned_start String,
    planned_end String,
    planned_months Nullable(Float64),
    schema_valid UInt8,
    data String,
    content_hash String,
    import_id String,
    first_import_id String,
    imported_at DateTime,
    version UInt64
) ENGINE = {{engine "ReplacingMergeTree(version)"}} ORDER BY (funder_id, grant_id);

CREATE TABLE IF NOT EXISTS {{.DB}}.grant_links {{onCluster}} (
    subject_kind String,
    subject_id String,
    dataset_id String,
    organiser_key String,
    target_name String,
    method String,
    state String,
    evidence String,
    decided_by String,
    decided_at Nullable(DateTime),
    found_at DateTime,
    version UInt64
) ENGINE = {{engine "ReplacingMergeTree(version)"}} ORDER BY (subject_kind, subject_id, dataset_id, organiser_key);

CREATE TABLE IF NOT EXISTS {{.DB}}.grant_link_events {{onCluster}} (
    subject_kind String,
    subject_id String,
    dataset_id String,
    organiser_key String,
    at DateTime,
    seq UInt64,
    by_name String,
    action String,
    state_before String,
    state_after String,
    note String
) ENGINE = {{engine "ReplacingMergeTree"}} ORDER BY (subject_kind, subject_id, dataset_id, organiser_key, seq);

CREATE TABLE IF NOT EXISTS {{.DB}}.grant_obligations {{onCluster}} (
    funder_id String,
    programme String,
    months_after_award UInt16,
    rule String,
    updated_by String,
    updated_at DateTime,
    version UInt64
) ENGINE = {{engine "ReplacingMergeTree(version)"}} ORDER BY (funder_id, programme);

CREATE TABLE IF NOT EXISTS {{.DB}}.grant_status {{onCluster}} (
    quarter String,
    funder_id String,
    grant_id String,
    quarter_end DateTime,
    snapshot_t Nullable(DateTime),
    due_on DateTime,
    rule String,
    status String,
    linked_organisers Array(String),
    linked_organiser_keys Array(String),
    linked_datasets Array(String),
    link_methods Array(String),
    suggestions UInt32,
    activities UInt32,
    upcoming UInt32,
    sp_ready UInt32,
    sum_freshness UInt64,
    sum_completeness UInt64,
    sum_assurance UInt64,
    sum_overall UInt64,
    computed_at DateTime,
    version UInt64
) ENGINE = {{engine "ReplacingMergeTree(version)"}} ORDER BY (quarter, funder_id, grant_id);

CREATE TABLE IF NOT EXISTS {{.DB}}.assurance_revisions {{onCluster}} (
    entry_id String,
    revision Int64,
    action String,
    changed_by String,
    changed_at DateTime,
    source String,
    reason String,
    removed UInt8,
    organiser_id String,
    organiser_url String,
    organiser_name String,
    local_authority String,
    scheme String,
    assured_by String,
    assured_on DateTime,
    expires_on DateTime,
    evidence_url String,
    before_json String,
    after_json String,
    version UInt64
) ENGINE = {{engine "ReplacingMergeTree(version)"}} ORDER BY (entry_id, revision);

CREATE TABLE IF NOT EXISTS {{.DB}}.assurance_imports {{onCluster}} (
    sha256 String,
    file String,
    rows_read UInt32,
    added UInt32,
    updated UInt32,
    unchanged UInt32,
    rejected UInt32,
    revision Int64,
    report String,
    imported_by String,
    imported_at DateTime,
    version UInt64
) ENGINE = {{engine "ReplacingMergeTree(version)"}} ORDER BY sha256;
