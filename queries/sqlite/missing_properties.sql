-- Activities lacking each OpenActive property, most often missing first.
SELECT j.value AS property, count(*) AS missing
FROM activity_scores a, json_each(a.missing_openactive) j
WHERE a.t = (SELECT max(t) FROM snapshots WHERE status = 'complete' AND t <= @at)
      AND (@dataset = '' OR a.dataset_id = @dataset)
      AND (@place = '' OR a.lad = @place OR a.sub_icb = @place OR a.icb = @place OR a.region = @place)
      AND (@pcn = '' OR a.pcn = @pcn) AND (@kind = '' OR a.kind = @kind)
  AND (@feed = '' OR a.feed_url = @feed)
GROUP BY j.value
ORDER BY missing DESC, property
LIMIT @limit
