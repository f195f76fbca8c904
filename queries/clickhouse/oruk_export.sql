-- OpenActive activities of a place with the JSON of the item carrying each
-- (see sqlite/oruk_export.sql). One JOIN with USING, as 18.16 allows; the
-- items read are limited to the datasets of the place.
SELECT dataset_id, activity_id, feed_url, rpde_id, kind, next_occurrence, last_change, upcoming,
       if(has_item = 1, data, NULL) AS data
FROM (
    SELECT dataset_id, activity_id, feed_url, rpde_id, kind, next_occurrence, last_change, upcoming
    FROM activity_scores FINAL
    WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
      AND kind != 'Service'
      AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place OR pcn = @place)
) ANY LEFT JOIN (
    SELECT dataset_id, feed_url, rpde_id, data, 1 AS has_item
    FROM items FINAL
    WHERE state = 'updated'
      AND dataset_id GLOBAL IN (
          SELECT dataset_id FROM activity_scores FINAL
          WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
            AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place OR pcn = @place))
) USING (dataset_id, feed_url, rpde_id)
ORDER BY dataset_id, activity_id
LIMIT @limit
