-- Geography: what `feedgauge import geo KIND FILE` loads, kept per vintage so
-- editions never overwrite each other. Every key is chosen so that importing
-- the same file again writes the same rows (INSERT OR REPLACE changes
-- nothing). Times are INTEGER Unix seconds (UTC); booleans are 0/1; empty
-- strings are "no data".

-- One row per imported file (kind + content hash); reasons is a JSON object
-- {reason: count} of the rows skipped or fields dropped.
CREATE TABLE IF NOT EXISTS geo_imports (
    kind TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    file TEXT NOT NULL,
    vintage TEXT NOT NULL,
    rows_read INTEGER NOT NULL,
    rows_imported INTEGER NOT NULL,
    rows_skipped INTEGER NOT NULL,
    reasons TEXT NOT NULL,
    imported_at INTEGER NOT NULL,
    PRIMARY KEY (kind, sha256)
);

-- Postcode directory rows (NSPL, ONSPD, postcode-to-LSOA lookups), terminated
-- postcodes included. postcode is the normalised form ("M1 1AE"); lat/lng are
-- NULL when the file gives no usable grid reference.
CREATE TABLE IF NOT EXISTS geo_postcodes (
    vintage TEXT NOT NULL,
    postcode TEXT NOT NULL,
    lsoa21 TEXT NOT NULL,
    lsoa11 TEXT NOT NULL,
    lad TEXT NOT NULL,
    sub_icb TEXT NOT NULL,
    icb TEXT NOT NULL,
    region TEXT NOT NULL,
    lat REAL,
    lng REAL,
    terminated INTEGER NOT NULL,
    PRIMARY KEY (vintage, postcode)
) WITHOUT ROWID;

-- LSOA polygons as GeoJSON geometry text with their bounding box. edition is
-- the LSOA census year, '2011' or '2021'.
CREATE TABLE IF NOT EXISTS geo_lsoa_boundaries (
    vintage TEXT NOT NULL,
    lsoa TEXT NOT NULL,
    name TEXT NOT NULL,
    edition TEXT NOT NULL,
    geometry TEXT NOT NULL,
    min_lng REAL NOT NULL,
    min_lat REAL NOT NULL,
    max_lng REAL NOT NULL,
    max_lat REAL NOT NULL,
    PRIMARY KEY (vintage, lsoa)
);

-- LSOA to place (ONS lookups); a level the file lacks is ''.
CREATE TABLE IF NOT EXISTS geo_lsoa_lookup (
    vintage TEXT NOT NULL,
    lsoa TEXT NOT NULL,
    lad TEXT NOT NULL,
    sub_icb TEXT NOT NULL,
    icb TEXT NOT NULL,
    region TEXT NOT NULL,
    PRIMARY KEY (vintage, lsoa)
);

-- Names of areas at every level (lsoa, lad, sub_icb, icb, region, pcn) as
-- each file gives them; parent is the code of the level above when the file
-- says (pcn -> sub_icb, sub_icb -> icb, lsoa -> lad); ods_code is the NHS
-- 3-5 character code beside an ONS code.
CREATE TABLE IF NOT EXISTS geo_areas (
    level TEXT NOT NULL,
    code TEXT NOT NULL,
    source TEXT NOT NULL,
    vintage TEXT NOT NULL,
    name TEXT NOT NULL,
    parent TEXT NOT NULL,
    ods_code TEXT NOT NULL,
    PRIMARY KEY (level, code, source, vintage)
);

-- LSOA to PCN with the share of the LSOA's registered patients (1 when the
-- file assigns one PCN per LSOA).
CREATE TABLE IF NOT EXISTS geo_lsoa_pcn (
    vintage TEXT NOT NULL,
    lsoa TEXT NOT NULL,
    pcn TEXT NOT NULL,
    share REAL NOT NULL,
    PRIMARY KEY (vintage, lsoa, pcn)
);

-- GP practices as each source gives them (epraccur, ePCN, practice maps);
-- the resolver merges sources per practice. active: 1 active GP practice,
-- 0 closed or not a GP practice, -1 not stated by this source.
CREATE TABLE IF NOT EXISTS geo_practices (
    source TEXT NOT NULL,
    vintage TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    postcode TEXT NOT NULL,
    lat REAL,
    lng REAL,
    active INTEGER NOT NULL,
    pcn TEXT NOT NULL,
    sub_icb TEXT NOT NULL,
    icb TEXT NOT NULL,
    PRIMARY KEY (source, vintage, code)
);

-- Denominators. basis 'registered' (NHS list sizes, period = extract date) or
-- 'resident' (ONS estimates, period = the reference date, e.g. mid-year
-- 30 June). The two are never mixed.
CREATE TABLE IF NOT EXISTS geo_populations (
    basis TEXT NOT NULL,
    level TEXT NOT NULL,
    code TEXT NOT NULL,
    period INTEGER NOT NULL,
    population INTEGER NOT NULL,
    vintage TEXT NOT NULL,
    PRIMARY KEY (basis, level, code, period)
);

-- Derived, rebuilt after imports: every coverage area (level, code, name)
-- with each place code it overlaps (itself included). The coverage query
-- reads the latest generation only.
CREATE TABLE IF NOT EXISTS geo_area_index (
    generation INTEGER NOT NULL,
    level TEXT NOT NULL,
    code TEXT NOT NULL,
    place TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (generation, level, code, place)
) WITHOUT ROWID;
