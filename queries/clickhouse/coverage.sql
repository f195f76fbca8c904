-- Coverage per area at @level in the latest complete snapshot with T <= @at
-- (scoring.md §7, §8.11); the same rules as sqlite/coverage.sql, which scans
-- activity_scores (fast at the embedded store's sizes). Here figures
-- come from area_coverage, written with each dataset's scores (one row per
-- area, dataset and standard), so this reads a few thousand rows instead of
-- the snapshot's activities; a snapshot written before that table existed
-- (none of its rows) is counted from activity_scores instead, by the same
-- rules. The loaded areas, the roll-ups and that fallback are one UNION ALL
-- grouped by area, then joined to the population (ClickHouse 18.16 allows one
-- JOIN per SELECT and UNION ALL branches must have the same types).
-- max() over no rows is 1970-01-01 here, not NULL, hence the checks on T.
-- if() evaluates both branches, so divisors are kept from zero. Aliases are
-- global in a SELECT, so the branches' figures carry an x_ prefix. On a
-- cluster, materialize() keeps "keep" a full column on every shard (a
-- constant there fails with code 171) and GLOBAL IN ships the region list and
-- the overlapping areas to the shards.
-- @standard keeps OpenActive activities, ORUK services (kind 'Service') or
-- both ('all'); the appended columns count each standard side by side.
SELECT @level AS level,
       code AS area_code,
       name AS area_name,
       up AS activities_upcoming,
       sp AS sp_ready,
       orgs AS organisers,
       types AS activity_types,
       if(has_pop = 1, pop_n, NULL) AS population,
       if(has_pop = 1 AND pop_n > 0, intDiv(200000 * sp + pop_n, 2 * greatest(pop_n, 1)) / 10, NULL) AS sp_ready_per_10k,
       if(n = 0, NULL, intDiv(20 * sum_f + n, 2 * greatest(n, 1)) / 10) AS freshness,
       if(n = 0, NULL, intDiv(20 * sum_c + n, 2 * greatest(n, 1)) / 10) AS completeness,
       if(n = 0, NULL, intDiv(20 * sum_a + n, 2 * greatest(n, 1)) / 10) AS assurance,
       if(n = 0, NULL, intDiv(20 * sum_o + n, 2 * greatest(n, 1)) / 10) AS overall,
       n AS activities,
       onl AS online,
       if(@level = 'pcn', 'registered', 'resident') AS population_basis,
       if(has_pop = 1, pop_period, NULL) AS population_period,
       if(snap_t = toDateTime(0), NULL, snap_t) AS snapshot_t,
       oa_up AS openactive_upcoming,
       oa_sp AS openactive_sp_ready,
       or_up AS oruk_active,
       or_sp AS oruk_ready
FROM (
    SELECT code, max(x_name) AS name, sum(x_n) AS n, sum(x_up) AS up, sum(x_sp) AS sp,
           uniqExactArray(x_orgs) AS orgs, sum(x_onl) AS onl, arraySort(groupUniqArrayArray(x_types)) AS types,
           sum(x_f) AS sum_f, sum(x_c) AS sum_c, sum(x_a) AS sum_a, sum(x_o) AS sum_o,
           sum(x_oa_up) AS oa_up, sum(x_oa_sp) AS oa_sp, sum(x_or_up) AS or_up, sum(x_or_sp) AS or_sp,
           (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at) AS snap_t
    FROM (
        -- Every loaded area, with no activities.
        SELECT code, name AS x_name, materialize(@place = '' OR place = @place) AS keep,
               toUInt64(0) AS x_n, toUInt64(0) AS x_up, toUInt64(0) AS x_sp, emptyArrayString() AS x_orgs,
               toUInt64(0) AS x_onl, emptyArrayString() AS x_types,
               toUInt64(0) AS x_f, toUInt64(0) AS x_c, toUInt64(0) AS x_a, toUInt64(0) AS x_o,
               toUInt64(0) AS x_oa_up, toUInt64(0) AS x_oa_sp, toUInt64(0) AS x_or_up, toUInt64(0) AS x_or_sp
        FROM geo_area_index FINAL
        WHERE generation = (SELECT max(generation) FROM geo_area_index)
          AND level = @level
        UNION ALL
        -- The area roll-ups written with the snapshot's scores, one row per
        -- dataset and standard; @place keeps the areas that one of the
        -- snapshot's location combinations links to it.
        SELECT area_code AS code, '' AS x_name,
               materialize(@place = '' OR area_code GLOBAL IN (
                   SELECT multiIf(@level = 'pcn', pcn, @level = 'sub_icb', sub_icb, @level = 'icb', icb,
                                  @level = 'region', region, lad)
                   FROM area_overlaps
                   WHERE @place != ''
                     AND t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
                     AND (@standard = 'all' OR (@standard = 'oruk') = (service = 1))
                     AND (lad = @place OR sub_icb = @place OR icb = @place OR region = @place OR pcn = @place))) AS keep,
               toUInt64(activities) AS x_n, toUInt64(upcoming) AS x_up, toUInt64(sp_ready) AS x_sp,
               organisers_upcoming AS x_orgs, toUInt64(online) AS x_onl,
               activity_types AS x_types,
               sum_freshness AS x_f, sum_completeness AS x_c, sum_assurance AS x_a, sum_overall AS x_o,
               toUInt64(if(service = 0, upcoming, 0)) AS x_oa_up, toUInt64(if(service = 0, sp_ready, 0)) AS x_oa_sp,
               toUInt64(if(service = 1, upcoming, 0)) AS x_or_up, toUInt64(if(service = 1, sp_ready, 0)) AS x_or_sp
        FROM area_coverage FINAL
        WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
          AND level = @level
          AND (@standard = 'all' OR (@standard = 'oruk') = (service = 1))
        UNION ALL
        -- A snapshot written before area_coverage existed: its scores.
        SELECT multiIf(@level = 'pcn', pcn, @level = 'sub_icb', sub_icb, @level = 'icb', icb,
                       @level = 'region', region, lad) AS code,
               '' AS x_name,
               max(@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place OR pcn = @place) AS keep,
               count() AS x_n,
               countIf(upcoming = 1) AS x_up,
               countIf(sp_ready = 1) AS x_sp,
               groupUniqArrayIf(organiser_key, upcoming = 1 AND organiser_key != '') AS x_orgs,
               countIf(upcoming = 1 AND online = 1) AS x_onl,
               groupUniqArrayArrayIf(activity_types, upcoming = 1) AS x_types,
               sum(freshness) AS x_f,
               sum(completeness) AS x_c,
               sum(assurance) AS x_a,
               sum(overall) AS x_o,
               countIf(upcoming = 1 AND kind != 'Service') AS x_oa_up,
               countIf(sp_ready = 1 AND kind != 'Service') AS x_oa_sp,
               countIf(upcoming = 1 AND kind = 'Service') AS x_or_up,
               countIf(sp_ready = 1 AND kind = 'Service') AS x_or_sp
        FROM activity_scores FINAL
        WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
          AND (SELECT count() FROM area_coverage
               WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
                 AND level = 'dataset') = 0
          AND (@standard = 'all' OR (@standard = 'oruk') = (kind = 'Service'))
        GROUP BY code
    )
    WHERE code != ''
    GROUP BY code
    HAVING max(keep) = 1
) ANY LEFT JOIN (
    SELECT code, pop_n, pop_period, 1 AS has_pop
    FROM (
        -- PCN: each PCN's latest registered list with period <= T.
        SELECT code, argMax(population, period) AS pop_n, max(period) AS pop_period
        FROM geo_populations FINAL
        WHERE basis = 'registered' AND level = 'pcn' AND @level = 'pcn'
          AND period <= (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
        GROUP BY code
        UNION ALL
        -- LAD, Sub-ICB, ICB: the resident estimate of one year.
        SELECT code, population AS pop_n, period AS pop_period
        FROM geo_populations FINAL
        WHERE basis = 'resident' AND level = @level AND @level IN ('lad', 'sub_icb', 'icb')
          AND period > toDateTime(0)
          AND period = (
              SELECT if(max(period) > toDateTime(0), max(period), (
                         SELECT max(period) FROM geo_populations FINAL
                         WHERE basis = 'resident' AND level = @level
                           AND period <= (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)))
              FROM geo_populations FINAL
              WHERE basis = 'resident' AND level = 'lad'
                AND period <= (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at))
        UNION ALL
        -- Region: the sum of its LADs' estimates, when every LAD has one.
        SELECT place AS code,
               sum(population) AS pop_n,
               max(period) AS pop_period
        FROM (
            SELECT DISTINCT code AS lad_code, place
            FROM geo_area_index FINAL
            WHERE generation = (SELECT max(generation) FROM geo_area_index)
              AND level = 'lad'
              AND @level = 'region'
              AND place GLOBAL IN (SELECT code FROM geo_area_index FINAL
                            WHERE generation = (SELECT max(generation) FROM geo_area_index) AND level = 'region')
        ) ANY LEFT JOIN (
            SELECT code AS lad_code, population, period, 1 AS has_lad
            FROM geo_populations FINAL
            WHERE basis = 'resident' AND level = 'lad' AND period > toDateTime(0)
              AND period = (SELECT max(period) FROM geo_populations FINAL
                            WHERE basis = 'resident' AND level = 'lad'
                              AND period <= (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at))
        ) USING lad_code
        GROUP BY place
        HAVING min(has_lad) = 1
    )
) USING code
ORDER BY area_code
