-- Open Referral UK beside OpenActive (see sqlite/0006_oruk.sql). Side tables
-- rather than new columns: the shared dataset and feed writers rewrite whole
-- rows, and 18.16 has no ADD COLUMN IF NOT EXISTS, so a half-applied
-- migration could not rerun; CREATE TABLE IF NOT EXISTS reruns anywhere and
-- renders for clusters like every other table. Rendered as a Go template
-- like 0001_core.sql.
CREATE TABLE IF NOT EXISTS {{.DB}}.dataset_standards {{onCluster}} (
    dataset_id String,
    standard String,
    version String,
    declared_version String,
    api_url String,
    updated_at DateTime,
    seq UInt64
) ENGINE = {{engine "ReplacingMergeTree(seq)"}} ORDER BY dataset_id;

CREATE TABLE IF NOT EXISTS {{.DB}}.oruk_readiness {{onCluster}} (
    t DateTime,
    dataset_id String,
    activity_id String,
    readiness UInt8,
    failed_checks Array(String),
    mapped Array(String),
    lost Array(String)
) ENGINE = {{engine "ReplacingMergeTree"}} PARTITION BY toYYYYMM(t) ORDER BY (t, dataset_id, activity_id);
