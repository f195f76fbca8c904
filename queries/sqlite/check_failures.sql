-- Activities failing each check id, in the method's order (sp.1…sp.14,
-- as.1…as.5). share = 100 × failing / activities, rounded half up to one
-- decimal in integer arithmetic.
SELECT f.check_id AS check_id, f.failing AS failing, n.activities AS activities,
       CASE WHEN n.activities = 0 THEN NULL ELSE ((2000 * f.failing + n.activities) / (2 * n.activities)) / 10.0 END AS share
FROM (
    SELECT j.value AS check_id, count(*) AS failing
    FROM activity_scores a, json_each(a.failed_checks) j
    WHERE a.t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
      AND (@dataset = '' OR a.dataset_id = @dataset) AND (@feed = '' OR a.feed_url = @feed)
      AND (@place = '' OR a.lad = @place OR a.sub_icb = @place OR a.icb = @place OR a.region = @place)
      AND (@pcn = '' OR a.pcn = @pcn) AND (@kind = '' OR a.kind = @kind)
      AND (@organiser_key = '' OR a.organiser_key = @organiser_key)
    GROUP BY j.value
) f
CROSS JOIN (
    SELECT count(*) AS activities
    FROM activity_scores a
    WHERE a.t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
      AND (@dataset = '' OR a.dataset_id = @dataset) AND (@feed = '' OR a.feed_url = @feed)
      AND (@place = '' OR a.lad = @place OR a.sub_icb = @place OR a.icb = @place OR a.region = @place)
      AND (@pcn = '' OR a.pcn = @pcn) AND (@kind = '' OR a.kind = @kind)
      AND (@organiser_key = '' OR a.organiser_key = @organiser_key)
) n
ORDER BY substr(f.check_id, 1, 2) DESC, CAST(substr(f.check_id, 4) AS INTEGER), f.check_id
