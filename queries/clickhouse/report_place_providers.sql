-- Organisers with the most activities that are not SP-ready, and their most
-- failed checks: (count, -rank, id) tuples sorted descending give count
-- desc, then method order (sp.N ranks N, as.N 100+N), with no window
-- functions (ClickHouse 18.16).
SELECT org_name AS organiser, organiser_key, n_act AS activities, n_act - n_sp AS not_sp_ready, n_sp AS sp_ready,
       n_ds AS datasets, intDiv(20 * so + n_act, 2 * greatest(n_act, 1)) / 10 AS overall, top_checks
FROM (
    SELECT organiser_key, max(organiser) AS org_name, toInt64(count()) AS n_act,
           toInt64(sum(sp_ready)) AS n_sp, toInt64(uniqExact(dataset_id)) AS n_ds,
           toInt64(sum(overall)) AS so
    FROM activity_scores FINAL
    WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
      AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
    GROUP BY organiser_key
) ANY LEFT JOIN (
    SELECT organiser_key,
           arrayMap(x -> concat(tupleElement(x, 3), ':', toString(tupleElement(x, 1))),
                    arraySlice(arrayReverseSort(groupArray((n, -r, c))), 1, 3)) AS top_checks
    FROM (
        SELECT organiser_key, c, count() AS n,
               if(startsWith(c, 'sp.'), toInt64(toUInt32OrZero(substring(c, 4))),
                  100 + toInt64(toUInt32OrZero(substring(c, 4)))) AS r
        FROM activity_scores FINAL
        ARRAY JOIN failed_checks AS c
        WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
          AND sp_ready = 0
          AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
        GROUP BY organiser_key, c
    )
    GROUP BY organiser_key
) USING organiser_key
ORDER BY not_sp_ready DESC, activities DESC, organiser_key
LIMIT @limit
