-- Geography: what `feedgauge import geo KIND FILE` loads, kept per vintage so
-- editions never overwrite each other. Rendered as a Go template like
-- 0001_core.sql. Every table is a ReplacingMergeTree ordered by the same key
-- as the SQLite primary key, so importing the same file again only repeats
-- rows that FINAL collapses. Empty strings are "no data".

CREATE TABLE IF NOT EXISTS {{.DB}}.geo_imports {{onCluster}} (
    kind String,
    sha256 String,
    file String,
    vintage String,
    rows_read UInt64,
    rows_imported UInt64,
    rows_skipped UInt64,
    reasons String,
    imported_at DateTime
) ENGINE = {{engine "ReplacingMergeTree"}} ORDER BY (kind, sha256);

CREATE TABLE IF NOT EXISTS {{.DB}}.geo_postcodes {{onCluster}} (
    vintage String,
    postcode String,
    lsoa21 String,
    lsoa11 String,
    lad String,
    sub_icb String,
    icb String,
    region String,
    lat Nullable(Float64),
    lng Nullable(Float64),
    terminated UInt8
) ENGINE = {{engine "ReplacingMergeTree"}} ORDER BY (vintage, postcode);

CREATE TABLE IF NOT EXISTS {{.DB}}.geo_lsoa_boundaries {{onCluster}} (
    vintage String,
    lsoa String,
    name String,
    edition String,
    geometry String,
    min_lng Float64,
    min_lat Float64,
    max_lng Float64,
    max_lat Float64
) ENGINE = {{engine "ReplacingMergeTree"}} ORDER BY (vintage, lsoa);

CREATE TABLE IF NOT EXISTS {{.DB}}.geo_lsoa_lookup {{onCluster}} (
    vintage String,
    lsoa String,
    lad String,
    sub_icb String,
    icb String,
    region String
) ENGINE = {{engine "ReplacingMergeTree"}} ORDER BY (vintage, lsoa);

CREATE TABLE IF NOT EXISTS {{.DB}}.geo_areas {{onCluster}} (
    level String,
    code String,
    source String,
    vintage String,
    name String,
    parent String,
    ods_code String
) ENGINE = {{engine "ReplacingMergeTree"}} ORDER BY (level, code, source, vintage);

CREATE TABLE IF NOT EXISTS {{.DB}}.geo_lsoa_pcn {{onCluster}} (
    vintage String,
    lsoa String,
    pcn String,
    share Float64
) ENGINE = {{engine "ReplacingMergeTree"}} ORDER BY (vintage, lsoa, pcn);

CREATE TABLE IF NOT EXISTS {{.DB}}.geo_practices {{onCluster}} (
    source String,
    vintage String,
    code String,
    name String,
    postcode String,
    lat Nullable(Float64),
    lng Nullable(Float64),
    active Int8,
    pcn String,
    sub_icb String,
    icb String
) ENGINE = {{engine "ReplacingMergeTree"}} ORDER BY (source, vintage, code);

CREATE TABLE IF NOT EXISTS {{.DB}}.geo_populations {{onCluster}} (
    basis String,
    level String,
    code String,
    period DateTime,
    population UInt64,
    vintage String
) ENGINE = {{engine "ReplacingMergeTree"}} ORDER BY (basis, level, code, period);

CREATE TABLE IF NOT EXISTS {{.DB}}.geo_area_index {{onCluster}} (
    generation UInt64,
    level String,
    code String,
    place String,
    name String
) ENGINE = {{engine "ReplacingMergeTree"}} ORDER BY (generation, level, code, place);
