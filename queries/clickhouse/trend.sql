-- The last complete snapshot of each period, with its headline figures.
-- Periods are bounded at 00:00 Europe/London (toDateTime(t, 'Europe/London')).
-- Means are exact means rounded half up to one decimal; divisors are guarded
-- with greatest(n, 1) because ClickHouse evaluates both branches of if().
-- ClickHouse 18.16: no CTEs, so the period expression is written where used,
-- and both UNION ALL branches cast to the same types.
-- With a dataset, the line also carries the history of every dataset that
-- moved to it (dataset_moves), up to three moves back (A -> B -> C -> D, as
-- the SQLite query): moved_from lists each old id with the time from which
-- it no longer counts, the earliest move on its way here, so no snapshot
-- counts both ids. No recursion and one JOIN per SELECT on 18.16, so the
-- three hops are nested LEFT JOINs (a missing hop gives id '' and 1970).
-- Without a dataset, moved_from is empty and moves change nothing.
SELECT multiIf(@period = 'day', toString(toDate(toDateTime(t, 'Europe/London'))),
               @period = 'week', toString(toMonday(toDateTime(t, 'Europe/London'))),
               @period = 'month', substring(toString(toStartOfMonth(toDateTime(t, 'Europe/London'))), 1, 7),
               concat(toString(toYear(toDateTime(t, 'Europe/London'))), 'Q', toString(toQuarter(toDateTime(t, 'Europe/London'))))) AS period,
       t, activities_n AS activities, upcoming_n AS upcoming, sp_ready_n AS sp_ready, datasets_n AS datasets,
       feeds_n AS feeds,
       if(n = 0, NULL, intDiv(20 * sum_f + n, 2 * greatest(n, 1)) / 10) AS freshness,
       if(n = 0, NULL, intDiv(20 * sum_c + n, 2 * greatest(n, 1)) / 10) AS completeness,
       if(n = 0, NULL, intDiv(20 * sum_a + n, 2 * greatest(n, 1)) / 10) AS assurance,
       if(n = 0, NULL, intDiv(20 * sum_o + n, 2 * greatest(n, 1)) / 10) AS overall,
       grade_a_n AS grade_a, grade_b_n AS grade_b, grade_c_n AS grade_c, grade_d_n AS grade_d
FROM (
    WITH (
        SELECT groupArray((id, cut)) FROM (
            SELECT hop.1 AS id, max(hop.2) AS cut
            FROM (
                SELECT arrayJoin([(id1, cut1), (id2, cut2), (id3, cut3)]) AS hop
                FROM (
                    SELECT id1, cut1, id2, cut2, from_id AS id3, least(cut2, detected_at) AS cut3
                    FROM (
                        SELECT id1, cut1, from_id AS id2, least(cut1, detected_at) AS cut2
                        FROM (SELECT from_id AS id1, detected_at AS cut1 FROM dataset_moves FINAL
                              WHERE to_id = @dataset AND @dataset != '')
                        ALL LEFT JOIN (SELECT to_id AS id1, from_id, detected_at FROM dataset_moves FINAL) USING id1
                    )
                    ALL LEFT JOIN (SELECT to_id AS id2, from_id, detected_at FROM dataset_moves FINAL) USING id2
                )
            )
            WHERE hop.1 != '' AND hop.1 != @dataset
            GROUP BY hop.1
        )
    ) AS moved_from
    SELECT t, toInt64(sum(activities)) AS activities_n, toInt64(sum(upcoming)) AS upcoming_n,
           toInt64(sum(sp_ready)) AS sp_ready_n, toInt64(count()) AS datasets_n, toInt64(sum(feeds)) AS feeds_n,
           toInt64(sum(activities)) AS n, toInt64(sum(sum_freshness)) AS sum_f, toInt64(sum(sum_completeness)) AS sum_c,
           toInt64(sum(sum_assurance)) AS sum_a, toInt64(sum(sum_overall)) AS sum_o,
           toInt64(sum(grade_a)) AS grade_a_n, toInt64(sum(grade_b)) AS grade_b_n,
           toInt64(sum(grade_c)) AS grade_c_n, toInt64(sum(grade_d)) AS grade_d_n
    FROM dataset_rollups FINAL
    WHERE t GLOBAL IN (
        SELECT max(t) FROM snapshots FINAL
        WHERE status = 'complete' AND t <= @at AND t >= @from
        GROUP BY multiIf(@period = 'day', toString(toDate(toDateTime(t, 'Europe/London'))),
                         @period = 'week', toString(toMonday(toDateTime(t, 'Europe/London'))),
                         @period = 'month', toString(toStartOfMonth(toDateTime(t, 'Europe/London'))),
                         toString(toStartOfQuarter(toDateTime(t, 'Europe/London'))))
    )
      AND @place = ''
      AND (@dataset = '' OR dataset_id = @dataset OR arrayExists(m -> m.1 = dataset_id AND t < m.2, moved_from))
    GROUP BY t
    UNION ALL
    WITH (
        SELECT groupArray((id, cut)) FROM (
            SELECT hop.1 AS id, max(hop.2) AS cut
            FROM (
                SELECT arrayJoin([(id1, cut1), (id2, cut2), (id3, cut3)]) AS hop
                FROM (
                    SELECT id1, cut1, id2, cut2, from_id AS id3, least(cut2, detected_at) AS cut3
                    FROM (
                        SELECT id1, cut1, from_id AS id2, least(cut1, detected_at) AS cut2
                        FROM (SELECT from_id AS id1, detected_at AS cut1 FROM dataset_moves FINAL
                              WHERE to_id = @dataset AND @dataset != '')
                        ALL LEFT JOIN (SELECT to_id AS id1, from_id, detected_at FROM dataset_moves FINAL) USING id1
                    )
                    ALL LEFT JOIN (SELECT to_id AS id2, from_id, detected_at FROM dataset_moves FINAL) USING id2
                )
            )
            WHERE hop.1 != '' AND hop.1 != @dataset
            GROUP BY hop.1
        )
    ) AS moved_from
    SELECT t, toInt64(sum(activities)), toInt64(sum(upcoming)), toInt64(sum(sp_ready)),
           toInt64(count()), toInt64(sum(feeds)), toInt64(sum(activities)),
           toInt64(sum(sum_freshness)), toInt64(sum(sum_completeness)), toInt64(sum(sum_assurance)), toInt64(sum(sum_overall)),
           toInt64(sum(grade_a)), toInt64(sum(grade_b)), toInt64(sum(grade_c)), toInt64(sum(grade_d))
    FROM area_rollups FINAL
    WHERE t GLOBAL IN (
        SELECT max(t) FROM snapshots FINAL
        WHERE status = 'complete' AND t <= @at AND t >= @from
        GROUP BY multiIf(@period = 'day', toString(toDate(toDateTime(t, 'Europe/London'))),
                         @period = 'week', toString(toMonday(toDateTime(t, 'Europe/London'))),
                         @period = 'month', toString(toStartOfMonth(toDateTime(t, 'Europe/London'))),
                         toString(toStartOfQuarter(toDateTime(t, 'Europe/London'))))
    )
      AND @place != '' AND area_code = @place
      AND (@dataset = '' OR dataset_id = @dataset OR arrayExists(m -> m.1 = dataset_id AND t < m.2, moved_from))
    GROUP BY t
)
ORDER BY t
