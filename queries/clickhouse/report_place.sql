-- A place exists when the loaded geography names it at a place level, or
-- when activities of the latest complete snapshot are located in it.
SELECT code, max(name) AS name, min(level) AS level
FROM (
    SELECT code, name, level FROM geo_areas FINAL
    WHERE code = @place AND level IN ('lad', 'sub_icb', 'icb', 'region')
    UNION ALL
    SELECT code, name, level FROM (
        SELECT @place AS code, '' AS name,
               multiIf(lad = @place, 'lad', sub_icb = @place, 'sub_icb', icb = @place, 'icb', 'region') AS level
        FROM activity_scores FINAL
        WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete')
          AND (lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
        LIMIT 1)
)
WHERE @place != ''
GROUP BY code
