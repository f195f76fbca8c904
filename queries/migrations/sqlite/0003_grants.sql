-- Grants (360Giving imports, recipient links, compliance per quarter) and the
-- assurance register with its revisions. Times are INTEGER Unix seconds
-- (UTC); lists are JSON text; booleans are 0/1; empty strings are "no data".
-- Keys match the ClickHouse sort keys and writes are INSERT OR REPLACE, so
-- writing the same row again changes nothing.

-- One row per distinct file content and mode: id = sha256 + '-strict' or
-- '-lenient', so importing the same file again finds its earlier report.
-- report is the JSON validation report (rows, fields, reasons).
CREATE TABLE IF NOT EXISTS grant_imports (
    id TEXT PRIMARY KEY,
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    mode TEXT NOT NULL,
    size INTEGER NOT NULL,
    funder_ids TEXT NOT NULL,
    funder_names TEXT NOT NULL,
    rows_read INTEGER NOT NULL,
    grants_valid INTEGER NOT NULL,
    grants_invalid INTEGER NOT NULL,
    grants_new INTEGER NOT NULL,
    grants_updated INTEGER NOT NULL,
    grants_unchanged INTEGER NOT NULL,
    accepted INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    report TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at INTEGER NOT NULL,
    version INTEGER NOT NULL
);

-- One row per grant, keyed by funder and the grant's Identifier: an updated
-- file updates the row, never adds one. recipient_key is what links attach
-- to (a registered org-id, else funder-scoped). data is the grant's 360Giving
-- JSON as imported; content_hash tells an unchanged grant from an update.
CREATE TABLE IF NOT EXISTS grants (
    funder_id TEXT NOT NULL,
    grant_id TEXT NOT NULL,
    funder_name TEXT NOT NULL,
    title TEXT NOT NULL,
    currency TEXT NOT NULL,
    amount_awarded REAL NOT NULL,
    award_date INTEGER NOT NULL,
    recipient_key TEXT NOT NULL,
    recipient_id TEXT NOT NULL,
    recipient_name TEXT NOT NULL,
    recipient_charity_number TEXT NOT NULL,
    recipient_company_number TEXT NOT NULL,
    recipient_postcode TEXT NOT NULL,
    recipient_url TEXT NOT NULL,
    recipient_org_ids TEXT NOT NULL,
    recipient_lad TEXT NOT NULL,
    recipient_individual INTEGER NOT NULL,
    programme_code TEXT NOT NULL,
    programme_title TEXT NOT NULL,
    beneficiary_codes TEXT NOT NULL,
    planned_start TEXT NOT NULL,
    planned_end TEXT NOT NULL,
    planned_months REAL,
    schema_valid INTEGER NOT NULL,
    data TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    import_id TEXT NOT NULL,
    first_import_id TEXT NOT NULL,
    imported_at INTEGER NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (funder_id, grant_id)
);
CREATE INDEX IF NOT EXISTS grants_recipient ON grants (recipient_key);

-- Links from a recipient (or one grant) to an OpenActive organiser in a
-- dataset, or to a whole dataset (organiser_key = ''). method: org-id,
-- confirmed, domain, name-suggestion; state: active, suggested, confirmed,
-- rejected, stale (an automatic link no longer found).
CREATE TABLE IF NOT EXISTS grant_links (
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    dataset_id TEXT NOT NULL,
    organiser_key TEXT NOT NULL,
    target_name TEXT NOT NULL,
    method TEXT NOT NULL,
    state TEXT NOT NULL,
    evidence TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at INTEGER,
    found_at INTEGER NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (subject_kind, subject_id, dataset_id, organiser_key)
);

-- Every human decision on a link, kept: who, when, state before and after.
CREATE TABLE IF NOT EXISTS grant_link_events (
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    dataset_id TEXT NOT NULL,
    organiser_key TEXT NOT NULL,
    at INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    by_name TEXT NOT NULL,
    action TEXT NOT NULL,
    state_before TEXT NOT NULL,
    state_after TEXT NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (subject_kind, subject_id, dataset_id, organiser_key, seq)
);

-- The open-data obligation per funder and programme ('' = any): due
-- months_after_award months after the award date; rule sp-ready (compliant
-- needs an SP-ready activity), publishing (an upcoming one) or none.
CREATE TABLE IF NOT EXISTS grant_obligations (
    funder_id TEXT NOT NULL,
    programme TEXT NOT NULL,
    months_after_award INTEGER NOT NULL,
    rule TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (funder_id, programme)
);

-- Compliance of each grant at each quarter end, computed in Go from the last
-- complete snapshot of the quarter (grants.Refresh); the `grants` named query
-- reads it. Sums let the query round means exactly (scoring.md §8.11.1).
CREATE TABLE IF NOT EXISTS grant_status (
    quarter TEXT NOT NULL,
    funder_id TEXT NOT NULL,
    grant_id TEXT NOT NULL,
    quarter_end INTEGER NOT NULL,
    snapshot_t INTEGER,
    due_on INTEGER NOT NULL,
    rule TEXT NOT NULL,
    status TEXT NOT NULL,
    linked_organisers TEXT NOT NULL,
    linked_organiser_keys TEXT NOT NULL,
    linked_datasets TEXT NOT NULL,
    link_methods TEXT NOT NULL,
    suggestions INTEGER NOT NULL,
    activities INTEGER NOT NULL,
    upcoming INTEGER NOT NULL,
    sp_ready INTEGER NOT NULL,
    sum_freshness INTEGER NOT NULL,
    sum_completeness INTEGER NOT NULL,
    sum_assurance INTEGER NOT NULL,
    sum_overall INTEGER NOT NULL,
    computed_at INTEGER NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (quarter, funder_id, grant_id)
);

-- The assurance register as an audit trail: every change is a new row.
-- A revision is one change set (an edit, or a whole file import); the
-- register as of T is, per entry, its latest row with changed_at <= T.
-- before_json / after_json hold the entry before and after the change.
CREATE TABLE IF NOT EXISTS assurance_revisions (
    entry_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    action TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at INTEGER NOT NULL,
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    removed INTEGER NOT NULL,
    organiser_id TEXT NOT NULL,
    organiser_url TEXT NOT NULL,
    organiser_name TEXT NOT NULL,
    local_authority TEXT NOT NULL,
    scheme TEXT NOT NULL,
    assured_by TEXT NOT NULL,
    assured_on INTEGER NOT NULL,
    expires_on INTEGER NOT NULL,
    evidence_url TEXT NOT NULL,
    before_json TEXT NOT NULL,
    after_json TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (entry_id, revision)
);
CREATE INDEX IF NOT EXISTS assurance_revisions_changed ON assurance_revisions (changed_at);

-- One row per register file imported (sha256), with the rows rejected.
CREATE TABLE IF NOT EXISTS assurance_imports (
    sha256 TEXT PRIMARY KEY,
    file TEXT NOT NULL,
    rows_read INTEGER NOT NULL,
    added INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    rejected INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    report TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at INTEGER NOT NULL,
    version INTEGER NOT NULL
);
