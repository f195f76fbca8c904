SELECT from_id, to_id, detected_at, feed_count AS feeds
FROM dataset_moves
WHERE @dataset = '' OR from_id = @dataset OR to_id = @dataset
ORDER BY detected_at DESC, to_id, from_id
