-- Places with located activities; the name is the greatest name any loaded
-- geography file gives the code (so both backends agree).
SELECT level, code, name, activities, sp_ready FROM (
    SELECT level, code, activities, sp_ready FROM (
        SELECT 'lad' AS level, lad AS code, toInt64(count()) AS activities, toInt64(sum(sp_ready)) AS sp_ready
        FROM activity_scores FINAL
        WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at) AND lad != ''
          AND (@level = '' OR @level = 'lad')
        GROUP BY lad
        UNION ALL
        SELECT 'sub_icb' AS level, sub_icb AS code, toInt64(count()) AS activities, toInt64(sum(sp_ready)) AS sp_ready
        FROM activity_scores FINAL
        WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at) AND sub_icb != ''
          AND (@level = '' OR @level = 'sub_icb')
        GROUP BY sub_icb
        UNION ALL
        SELECT 'icb' AS level, icb AS code, toInt64(count()) AS activities, toInt64(sum(sp_ready)) AS sp_ready
        FROM activity_scores FINAL
        WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at) AND icb != ''
          AND (@level = '' OR @level = 'icb')
        GROUP BY icb
        UNION ALL
        SELECT 'region' AS level, region AS code, toInt64(count()) AS activities, toInt64(sum(sp_ready)) AS sp_ready
        FROM activity_scores FINAL
        WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at) AND region != ''
          AND (@level = '' OR @level = 'region')
        GROUP BY region
    )
) ANY LEFT JOIN (
    SELECT level, code, max(name) AS name FROM geo_areas FINAL GROUP BY level, code
) USING (level, code)
ORDER BY multiIf(level = 'lad', 1, level = 'sub_icb', 2, level = 'icb', 3, 4), name, code
