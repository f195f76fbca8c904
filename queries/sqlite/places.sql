-- Places with located activities; the name is the greatest name any loaded
-- geography file gives the code (so both backends agree).
SELECT p.level AS level, p.code AS code, coalesce(n.name, '') AS name, p.activities AS activities, p.sp_ready AS sp_ready
FROM (
    SELECT 'lad' AS level, lad AS code, count(*) AS activities, sum(sp_ready) AS sp_ready
    FROM activity_scores
    WHERE t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at) AND lad <> ''
      AND (@level = '' OR @level = 'lad')
    GROUP BY lad
    UNION ALL
    SELECT 'sub_icb' AS level, sub_icb AS code, count(*) AS activities, sum(sp_ready) AS sp_ready
    FROM activity_scores
    WHERE t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at) AND sub_icb <> ''
      AND (@level = '' OR @level = 'sub_icb')
    GROUP BY sub_icb
    UNION ALL
    SELECT 'icb' AS level, icb AS code, count(*) AS activities, sum(sp_ready) AS sp_ready
    FROM activity_scores
    WHERE t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at) AND icb <> ''
      AND (@level = '' OR @level = 'icb')
    GROUP BY icb
    UNION ALL
    SELECT 'region' AS level, region AS code, count(*) AS activities, sum(sp_ready) AS sp_ready
    FROM activity_scores
    WHERE t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at) AND region <> ''
      AND (@level = '' OR @level = 'region')
    GROUP BY region
) p
LEFT JOIN (SELECT level, code, max(name) AS name FROM geo_areas GROUP BY level, code) n
  ON n.level = p.level AND n.code = p.code
ORDER BY CASE p.level WHEN 'lad' THEN 1 WHEN 'sub_icb' THEN 2 WHEN 'icb' THEN 3 ELSE 4 END, name, code
