-- Coverage per area at @level in the latest complete snapshot with T <= @at
-- (scoring.md §7, §8.11); the same rules as sqlite/coverage.sql. ClickHouse
-- 18.16 allows one JOIN per SELECT, so the joins are nested: areas, then
-- their activity figures, then their population. A LEFT JOIN that finds
-- nothing gives 0 and [] here, so "no data" is decided from n and has_pop.
-- max() over no rows is 1970-01-01 here, not NULL, hence the checks on T.
-- if() evaluates both branches, so divisors are kept from zero. Aliases are
-- global in a SELECT, so no alias reuses the name of a JOIN key. On a cluster,
-- materialize() keeps "keep" a full column on every shard (a constant there
-- fails with code 171) and GLOBAL IN ships the region list to the shards.
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
    SELECT code, name, n, up, sp, orgs, onl, types, sum_f, sum_c, sum_a, sum_o, oa_up, oa_sp, or_up, or_sp,
           (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at) AS snap_t
    FROM (
        SELECT code, max(name) AS name
        FROM (
            SELECT code, name, materialize(@place = '' OR place = @place) AS keep
            FROM geo_area_index FINAL
            WHERE generation = (SELECT max(generation) FROM geo_area_index)
              AND level = @level
            UNION ALL
            SELECT multiIf(@level = 'pcn', pcn, @level = 'sub_icb', sub_icb, @level = 'icb', icb,
                           @level = 'region', region, lad) AS code,
                   '' AS name,
                   materialize(@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place OR pcn = @place) AS keep
            FROM activity_scores FINAL
            WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
              AND (@standard = 'all' OR (@standard = 'oruk') = (kind = 'Service'))
        )
        WHERE code != ''
        GROUP BY code
        HAVING max(keep) = 1
    ) ANY LEFT JOIN (
        SELECT multiIf(@level = 'pcn', pcn, @level = 'sub_icb', sub_icb, @level = 'icb', icb,
                       @level = 'region', region, lad) AS code,
               count() AS n,
               countIf(upcoming = 1) AS up,
               countIf(sp_ready = 1) AS sp,
               uniqExactIf(organiser_key, upcoming = 1 AND organiser_key != '') AS orgs,
               countIf(upcoming = 1 AND online = 1) AS onl,
               arraySort(groupUniqArrayArrayIf(activity_types, upcoming = 1)) AS types,
               sum(freshness) AS sum_f,
               sum(completeness) AS sum_c,
               sum(assurance) AS sum_a,
               sum(overall) AS sum_o,
               countIf(upcoming = 1 AND kind != 'Service') AS oa_up,
               countIf(sp_ready = 1 AND kind != 'Service') AS oa_sp,
               countIf(upcoming = 1 AND kind = 'Service') AS or_up,
               countIf(sp_ready = 1 AND kind = 'Service') AS or_sp
        FROM activity_scores FINAL
        WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
          AND (@standard = 'all' OR (@standard = 'oruk') = (kind = 'Service'))
        GROUP BY code
    ) USING code
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
