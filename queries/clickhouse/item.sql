SELECT rpde_id, state, kind, modified, license, first_seen, data
FROM items FINAL
WHERE dataset_id = @dataset AND feed_url = @feed AND rpde_id = @rpde_id
