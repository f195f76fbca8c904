SELECT j.value AS activity_type, count(*) AS activities,
       sum(CASE WHEN a.upcoming = 1 THEN 1 ELSE 0 END) AS upcoming, sum(a.sp_ready) AS sp_ready,
       count(DISTINCT CASE WHEN a.organiser_key <> '' THEN a.organiser_key END) AS organisers,
       count(DISTINCT CASE WHEN a.upcoming = 1 AND a.pcn <> '' THEN a.pcn END) AS pcns
FROM activity_scores a, json_each(a.activity_types) j
WHERE a.t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
  AND (@place = '' OR a.lad = @place OR a.sub_icb = @place OR a.icb = @place OR a.region = @place)
GROUP BY j.value
ORDER BY sp_ready DESC, activities DESC, activity_type
