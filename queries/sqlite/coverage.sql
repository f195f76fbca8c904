-- Coverage per area at @level in the latest complete snapshot with T <= @at
-- (scoring.md §7, §8.11). Areas come from the geography area index (every
-- area loaded, listed with zeros when it has no activities) plus any area
-- an activity was placed in. @place keeps the areas overlapping that code.
-- Counts and distinct organisers / activity types are over activities with
-- upcoming = 1; means are over every activity located in the area, rounded
-- half up to one decimal in integer arithmetic: (20*sum + n) / (2*n) / 10.
-- Denominators: PCN, the latest registered list with period <= T; LAD,
-- Sub-ICB and ICB, the ONS estimate of the year of the latest LAD estimate
-- with period <= T; region, the sum of its LADs when all of them have one.
-- @standard keeps OpenActive activities, ORUK services (kind 'Service',
-- docs/method.md part B) or both ('all'); the appended columns count each
-- standard side by side within what @standard keeps.
SELECT @level AS level,
       u.code AS area_code,
       u.name AS area_name,
       coalesce(s.up, 0) AS activities_upcoming,
       coalesce(s.sp, 0) AS sp_ready,
       coalesce(s.orgs, 0) AS organisers,
       coalesce(ty.types, '[]') AS activity_types,
       p.pop_n AS population,
       CASE WHEN p.pop_n IS NULL OR p.pop_n = 0 THEN NULL
            ELSE ((200000 * coalesce(s.sp, 0) + p.pop_n) / (2 * p.pop_n)) / 10.0 END AS sp_ready_per_10k,
       CASE WHEN coalesce(s.n, 0) = 0 THEN NULL ELSE ((20 * s.sum_f + s.n) / (2 * s.n)) / 10.0 END AS freshness,
       CASE WHEN coalesce(s.n, 0) = 0 THEN NULL ELSE ((20 * s.sum_c + s.n) / (2 * s.n)) / 10.0 END AS completeness,
       CASE WHEN coalesce(s.n, 0) = 0 THEN NULL ELSE ((20 * s.sum_a + s.n) / (2 * s.n)) / 10.0 END AS assurance,
       CASE WHEN coalesce(s.n, 0) = 0 THEN NULL ELSE ((20 * s.sum_o + s.n) / (2 * s.n)) / 10.0 END AS overall,
       coalesce(s.n, 0) AS activities,
       coalesce(s.onl, 0) AS online,
       CASE WHEN @level = 'pcn' THEN 'registered' ELSE 'resident' END AS population_basis,
       p.pop_period AS population_period,
       (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at) AS snapshot_t,
       coalesce(s.oa_up, 0) AS openactive_upcoming,
       coalesce(s.oa_sp, 0) AS openactive_sp_ready,
       coalesce(s.or_up, 0) AS oruk_active,
       coalesce(s.or_sp, 0) AS oruk_ready
FROM (
    SELECT code, max(name) AS name
    FROM (
        SELECT code, name, (@place = '' OR place = @place) AS keep
        FROM geo_area_index
        WHERE generation = (SELECT max(generation) FROM geo_area_index)
          AND level = @level
        UNION ALL
        SELECT CASE @level WHEN 'pcn' THEN pcn WHEN 'sub_icb' THEN sub_icb WHEN 'icb' THEN icb
                           WHEN 'region' THEN region ELSE lad END AS code, '' AS name,
               (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place OR pcn = @place) AS keep
        FROM activity_scores
        WHERE t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
          AND (@standard = 'all' OR (@standard = 'oruk') = (kind = 'Service'))
    )
    WHERE code != ''
    GROUP BY code
    HAVING max(keep) = 1
) u
LEFT JOIN (
    SELECT CASE @level WHEN 'pcn' THEN pcn WHEN 'sub_icb' THEN sub_icb WHEN 'icb' THEN icb
                       WHEN 'region' THEN region ELSE lad END AS code,
           count(*) AS n,
           sum(CASE WHEN upcoming = 1 THEN 1 ELSE 0 END) AS up,
           sum(CASE WHEN sp_ready = 1 THEN 1 ELSE 0 END) AS sp,
           count(DISTINCT CASE WHEN upcoming = 1 AND organiser_key != '' THEN organiser_key END) AS orgs,
           sum(CASE WHEN upcoming = 1 AND online = 1 THEN 1 ELSE 0 END) AS onl,
           sum(freshness) AS sum_f,
           sum(completeness) AS sum_c,
           sum(assurance) AS sum_a,
           sum(overall) AS sum_o,
           sum(CASE WHEN upcoming = 1 AND kind != 'Service' THEN 1 ELSE 0 END) AS oa_up,
           sum(CASE WHEN sp_ready = 1 AND kind != 'Service' THEN 1 ELSE 0 END) AS oa_sp,
           sum(CASE WHEN upcoming = 1 AND kind = 'Service' THEN 1 ELSE 0 END) AS or_up,
           sum(CASE WHEN sp_ready = 1 AND kind = 'Service' THEN 1 ELSE 0 END) AS or_sp
    FROM activity_scores
    WHERE t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
      AND (@standard = 'all' OR (@standard = 'oruk') = (kind = 'Service'))
    GROUP BY 1
) s ON s.code = u.code
LEFT JOIN (
    SELECT code, json_group_array(DISTINCT type ORDER BY type) AS types
    FROM (
        SELECT CASE @level WHEN 'pcn' THEN a.pcn WHEN 'sub_icb' THEN a.sub_icb WHEN 'icb' THEN a.icb
                           WHEN 'region' THEN a.region ELSE a.lad END AS code,
               j.value AS type
        FROM activity_scores a, json_each(a.activity_types) j
        WHERE a.t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
          AND a.upcoming = 1
          AND (@standard = 'all' OR (@standard = 'oruk') = (a.kind = 'Service'))
    )
    GROUP BY code
) ty ON ty.code = u.code
LEFT JOIN (
    -- PCN: each PCN's latest registered list with period <= T.
    SELECT r.code, r.population AS pop_n, r.period AS pop_period
    FROM geo_populations r
    JOIN (SELECT code, max(period) AS period
          FROM geo_populations
          WHERE basis = 'registered' AND level = 'pcn'
            AND period <= (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
          GROUP BY code) l
      ON l.code = r.code AND l.period = r.period
    WHERE r.basis = 'registered' AND r.level = 'pcn' AND @level = 'pcn'
    UNION ALL
    -- LAD, Sub-ICB, ICB: the resident estimate of one year.
    SELECT code, population, period
    FROM geo_populations
    WHERE basis = 'resident' AND level = @level AND @level IN ('lad', 'sub_icb', 'icb')
      AND period = coalesce(
          (SELECT max(period) FROM geo_populations
           WHERE basis = 'resident' AND level = 'lad'
             AND period <= (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)),
          (SELECT max(period) FROM geo_populations
           WHERE basis = 'resident' AND level = @level
             AND period <= (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)))
    UNION ALL
    -- Region: the sum of its LADs' estimates, when every LAD has one.
    SELECT x.place AS code,
           CASE WHEN count(*) = count(e.population) THEN sum(e.population) END AS pop_n,
           max(e.period) AS pop_period
    FROM (SELECT DISTINCT code, place FROM geo_area_index
          WHERE generation = (SELECT max(generation) FROM geo_area_index)
            AND level = 'lad'
            AND place IN (SELECT code FROM geo_area_index
                          WHERE generation = (SELECT max(generation) FROM geo_area_index) AND level = 'region')) x
    LEFT JOIN geo_populations e
      ON e.code = x.code AND e.basis = 'resident' AND e.level = 'lad'
     AND e.period = (SELECT max(period) FROM geo_populations
                     WHERE basis = 'resident' AND level = 'lad'
                       AND period <= (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at))
    WHERE @level = 'region'
    GROUP BY x.place
) p ON p.code = u.code
ORDER BY u.code
