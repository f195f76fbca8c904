-- Per dataset or area: sums per period (p = 0 this, 1 previous), then means
-- in integer tenths intDiv(20·sum + n, 2·n) (scoring.md §8.11.1), then names
-- from the datasets table or the loaded geography (the one JOIN).
-- Everything is Int64 so changes may be negative; divisions are guarded with
-- greatest(n, 1) because if() evaluates both branches. Without a place the
-- sums come from area_coverage, written with each snapshot; with a place
-- (which those rows cannot split), or for a snapshot written before that
-- table existed, from activity_scores: only the snapshots that need it, picked
-- by if() over scalar subqueries, because ClickHouse 18.16 prunes by the
-- primary key with those constants but not with a GLOBAL IN set, nor with a
-- constant false ANDed inside an OR.
SELECT key, name, detail, activities, upcoming, sp_ready,
       if(has_prev = 1, toNullable(sp_prev), NULL) AS sp_ready_prev,
       if(has_prev = 1, toNullable(sp_ready - sp_prev), NULL) AS sp_ready_change,
       organisers,
       if(activities = 0, NULL, intDiv(20 * sf + activities, 2 * greatest(activities, 1)) / 10) AS freshness,
       if(activities = 0, NULL, intDiv(20 * sc + activities, 2 * greatest(activities, 1)) / 10) AS completeness,
       if(activities = 0, NULL, intDiv(20 * sa + activities, 2 * greatest(activities, 1)) / 10) AS assurance,
       ov / 10 AS overall,
       ovp / 10 AS overall_prev,
       (ov - ovp) / 10 AS overall_change,
       if(isNull(ov), NULL, multiIf(intDiv(assumeNotNull(ov) + 5, 10) >= 85, 'A', intDiv(assumeNotNull(ov) + 5, 10) >= 70, 'B',
                                    intDiv(assumeNotNull(ov) + 5, 10) >= 50, 'C', 'D')) AS grade,
       if(isNull(ov), NULL, multiIf(intDiv(assumeNotNull(ov) + 5, 10) >= 70, 'green',
                                    intDiv(assumeNotNull(ov) + 5, 10) >= 50, 'amber', 'red')) AS rag
FROM (
    SELECT key, activities, upcoming, sp_ready, sp_prev, organisers, sf, sc, sa, has_prev,
           if(activities = 0, NULL, intDiv(20 * so + activities, 2 * greatest(activities, 1))) AS ov,
           if(has_prev = 0 OR activities_prev = 0, NULL,
              intDiv(20 * so_prev + activities_prev, 2 * greatest(activities_prev, 1))) AS ovp
    FROM (
        SELECT key,
               sumIf(n_act, p = 0) AS activities, sumIf(n_up, p = 0) AS upcoming,
               sumIf(n_sp, p = 0) AS sp_ready, sumIf(n_org, p = 0) AS organisers,
               sumIf(s_f, p = 0) AS sf, sumIf(s_c, p = 0) AS sc, sumIf(s_a, p = 0) AS sa, sumIf(s_o, p = 0) AS so,
               sumIf(n_act, p = 1) AS activities_prev, sumIf(n_sp, p = 1) AS sp_prev,
               sumIf(s_o, p = 1) AS so_prev,
               toUInt8((SELECT count() FROM snapshots FINAL WHERE status = 'complete'
                        AND t >= @prev_from AND t <= @prev_to) > 0) AS has_prev
        FROM (
            -- Everywhere: the roll-ups of each area (or whole dataset) and
            -- dataset written with the snapshot.
            SELECT if(@by = 'dataset', dataset_id, area_code) AS key,
                   toUInt8(if(t >= @from AND t <= @to, 0, 1)) AS p,
                   toInt64(sum(activities)) AS n_act, toInt64(sum(upcoming)) AS n_up,
                   toInt64(sum(sp_ready)) AS n_sp,
                   toInt64(uniqExactArray(arrayConcat(organisers_upcoming, organisers_other))) AS n_org,
                   toInt64(sum(sum_freshness)) AS s_f, toInt64(sum(sum_completeness)) AS s_c,
                   toInt64(sum(sum_assurance)) AS s_a, toInt64(sum(sum_overall)) AS s_o
            FROM area_coverage FINAL
            WHERE @place = '' AND level = if(@by = 'dataset', 'dataset', @by)
              AND (t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t >= @from AND t <= @to)
                OR t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t >= @prev_from AND t <= @prev_to))
            GROUP BY key, p
            UNION ALL
            -- A place, or a snapshot written before area_coverage existed:
            -- its scores (a snapshot that does not need them becomes epoch, which no score has).
            SELECT multiIf(@by = 'dataset', dataset_id, @by = 'pcn', pcn, @by = 'lad', lad,
                           @by = 'sub_icb', sub_icb, @by = 'icb', icb, region) AS key,
                   toUInt8(if(t >= @from AND t <= @to, 0, 1)) AS p,
                   toInt64(count()) AS n_act, toInt64(countIf(upcoming = 1)) AS n_up,
                   toInt64(sum(sp_ready)) AS n_sp,
                   toInt64(uniqExactIf(organiser_key, organiser_key != '')) AS n_org,
                   toInt64(sum(freshness)) AS s_f, toInt64(sum(completeness)) AS s_c,
                   toInt64(sum(assurance)) AS s_a, toInt64(sum(overall)) AS s_o
            FROM activity_scores FINAL
            WHERE (t = if(@place != '' OR (SELECT count() FROM area_coverage WHERE level = 'dataset' AND t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t >= @from AND t <= @to)) = 0,
                           (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t >= @from AND t <= @to), toDateTime(0))
                OR t = if(@place != '' OR (SELECT count() FROM area_coverage WHERE level = 'dataset' AND t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t >= @prev_from AND t <= @prev_to)) = 0,
                           (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t >= @prev_from AND t <= @prev_to), toDateTime(0)))
              AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
            GROUP BY key, p
        )
        WHERE key != ''
        GROUP BY key
    )
) ANY LEFT JOIN (
    SELECT id AS key, name, publisher AS detail FROM datasets FINAL WHERE @by = 'dataset'
    UNION ALL
    SELECT code AS key, max(name) AS name, '' AS detail FROM geo_areas FINAL WHERE level = @by GROUP BY code
) USING key
ORDER BY key
