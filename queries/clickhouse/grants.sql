-- Grants with their compliance at the end of the latest computed quarter at
-- or before @quarter (grant_status is written by grants.Refresh). One JOIN,
-- FINAL reads, no CTEs (ClickHouse 18.16); GLOBAL so the join also runs over
-- Distributed tables on a cluster. Unmatched rows of the LEFT JOIN
-- take defaults ('' and 0), which the catalogue's nullable columns read as
-- "no data" exactly like SQLite's NULLs. Means: intDiv(20*sum + n, 2*n) / 10
-- (scoring.md §8.11.1), divisors guarded with greatest(n, 1).
SELECT grant_id, funder_name AS funder, recipient_name AS recipient, recipient_id,
       amount_awarded, award_date,
       s_linked_organisers AS linked_organisers, s_link_methods AS link_methods, s_status AS status,
       s_activities AS activities, s_upcoming AS upcoming, s_sp_ready AS sp_ready,
       if(s_activities = 0, NULL, intDiv(20 * s_sum_overall + s_activities, 2 * greatest(s_activities, 1)) / 10) AS overall,
       funder_id, title, currency,
       if(programme_title != '', programme_title, programme_code) AS programme,
       s_quarter AS quarter, s_due_on AS due_on, s_snapshot_t AS snapshot_t, s_linked_datasets AS linked_datasets,
       s_suggestions AS suggestions,
       if(s_activities = 0, NULL, intDiv(20 * s_sum_freshness + s_activities, 2 * greatest(s_activities, 1)) / 10) AS freshness,
       if(s_activities = 0, NULL, intDiv(20 * s_sum_completeness + s_activities, 2 * greatest(s_activities, 1)) / 10) AS completeness,
       if(s_activities = 0, NULL, intDiv(20 * s_sum_assurance + s_activities, 2 * greatest(s_activities, 1)) / 10) AS assurance,
       recipient_url, recipient_key, schema_valid, s_rule AS rule
FROM grants FINAL
GLOBAL ANY LEFT JOIN (
    SELECT funder_id, grant_id, quarter AS s_quarter, due_on AS s_due_on, snapshot_t AS s_snapshot_t, rule AS s_rule,
           status AS s_status, linked_organisers AS s_linked_organisers, linked_datasets AS s_linked_datasets,
           link_methods AS s_link_methods, suggestions AS s_suggestions, activities AS s_activities,
           upcoming AS s_upcoming, sp_ready AS s_sp_ready, sum_freshness AS s_sum_freshness,
           sum_completeness AS s_sum_completeness, sum_assurance AS s_sum_assurance, sum_overall AS s_sum_overall
    FROM grant_status FINAL
    WHERE quarter = (SELECT max(quarter) FROM grant_status FINAL WHERE quarter <= @quarter)
) USING (funder_id, grant_id)
WHERE (@funder = '' OR funder_id = @funder OR funder_name = @funder)
  AND (@status = '' OR s_status = @status)
ORDER BY funder_id, grant_id
LIMIT @limit OFFSET @offset
