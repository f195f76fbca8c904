-- Open Referral UK beside OpenActive. Side tables rather than new columns:
-- the shared dataset and feed writers rewrite whole rows, and ClickHouse
-- 18.16 has no ADD COLUMN IF NOT EXISTS, so CREATE TABLE IF NOT EXISTS is
-- the form every backend and cluster layout can rerun safely.
-- dataset_standards: the standard of each dataset (openactive | oruk); for
-- ORUK the version its pages show, the version discovery recorded (the API
-- root's claim, else the first page's style) and the API stub. seq orders
-- rewrites. A dataset with no row is OpenActive.
CREATE TABLE IF NOT EXISTS dataset_standards (
    dataset_id TEXT PRIMARY KEY,
    standard TEXT NOT NULL,
    version TEXT NOT NULL,
    declared_version TEXT NOT NULL,
    api_url TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    seq INTEGER NOT NULL
);

-- oruk_readiness: per snapshot, how well each OpenActive activity would
-- convert to an ORUK v3 service (docs/method.md §B.7): the ORUK
-- completeness of the converted service, the checks it fails, and the
-- OpenActive properties carried over and lost. Lists are JSON text.
CREATE TABLE IF NOT EXISTS oruk_readiness (
    t INTEGER NOT NULL,
    dataset_id TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    readiness INTEGER NOT NULL,
    failed_checks TEXT NOT NULL,
    mapped TEXT NOT NULL,
    lost TEXT NOT NULL,
    PRIMARY KEY (t, dataset_id, activity_id)
);
