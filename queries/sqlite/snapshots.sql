SELECT t, status, datasets, feeds, activities, method_version, profile_hash, started_at, finished_at
FROM snapshots
WHERE (@status = '' OR status = @status) AND t <= @at
ORDER BY t DESC
LIMIT @limit
