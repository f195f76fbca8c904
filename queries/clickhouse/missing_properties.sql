-- Activities lacking each OpenActive property, most often missing first.
SELECT property, toInt64(count()) AS missing
FROM activity_scores FINAL
ARRAY JOIN missing_openactive AS property
WHERE t = (SELECT max(t) FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
      AND (@dataset = '' OR dataset_id = @dataset)
      AND (@place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place)
      AND (@pcn = '' OR pcn = @pcn) AND (@kind = '' OR kind = @kind)
  AND (@feed = '' OR feed_url = @feed)
GROUP BY property
ORDER BY missing DESC, property
LIMIT @limit
