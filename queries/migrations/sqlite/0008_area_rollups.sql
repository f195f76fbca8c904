-- Per snapshot, per area (PCN, Sub-ICB, local authority, ICB, region) and
-- dataset: the sums behind a place's trend line, so it never scans every
-- activity of every snapshot.
CREATE TABLE IF NOT EXISTS area_rollups (
    t INTEGER NOT NULL,
    area_code TEXT NOT NULL,
    dataset_id TEXT NOT NULL,
    level TEXT NOT NULL,
    feeds INTEGER NOT NULL,
    activities INTEGER NOT NULL,
    upcoming INTEGER NOT NULL,
    sp_ready INTEGER NOT NULL,
    sum_freshness INTEGER NOT NULL,
    sum_completeness INTEGER NOT NULL,
    sum_assurance INTEGER NOT NULL,
    sum_overall INTEGER NOT NULL,
    grade_a INTEGER NOT NULL,
    grade_b INTEGER NOT NULL,
    grade_c INTEGER NOT NULL,
    grade_d INTEGER NOT NULL,
    PRIMARY KEY (area_code, t, dataset_id)
) WITHOUT ROWID;
