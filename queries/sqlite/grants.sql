-- Grants with their compliance at the end of the latest computed quarter at
-- or before @quarter (grant_status is written by grants.Refresh). Means are
-- exact means of integers rounded half up to one decimal:
-- ((20*sum + n) / (2*n)) / 10 in integer arithmetic (scoring.md §8.11.1).
SELECT g.grant_id AS grant_id, g.funder_name AS funder, g.recipient_name AS recipient, g.recipient_id AS recipient_id,
       g.amount_awarded AS amount_awarded, g.award_date AS award_date,
       s.linked_organisers AS linked_organisers, s.link_methods AS link_methods, s.status AS status,
       s.activities AS activities, s.upcoming AS upcoming, s.sp_ready AS sp_ready,
       CASE WHEN s.activities > 0 THEN ((20 * s.sum_overall + s.activities) / (2 * s.activities)) / 10.0 END AS overall,
       g.funder_id AS funder_id, g.title AS title, g.currency AS currency,
       CASE WHEN g.programme_title <> '' THEN g.programme_title ELSE g.programme_code END AS programme,
       s.quarter AS quarter, s.due_on AS due_on, s.snapshot_t AS snapshot_t, s.linked_datasets AS linked_datasets,
       s.suggestions AS suggestions,
       CASE WHEN s.activities > 0 THEN ((20 * s.sum_freshness + s.activities) / (2 * s.activities)) / 10.0 END AS freshness,
       CASE WHEN s.activities > 0 THEN ((20 * s.sum_completeness + s.activities) / (2 * s.activities)) / 10.0 END AS completeness,
       CASE WHEN s.activities > 0 THEN ((20 * s.sum_assurance + s.activities) / (2 * s.activities)) / 10.0 END AS assurance,
       g.recipient_url AS recipient_url, g.recipient_key AS recipient_key, g.schema_valid AS schema_valid, s.rule AS rule
FROM grants g
LEFT JOIN grant_status s ON s.funder_id = g.funder_id AND s.grant_id = g.grant_id
  AND s.quarter = (SELECT max(quarter) FROM grant_status WHERE quarter <= @quarter)
WHERE (@funder = '' OR g.funder_id = @funder OR g.funder_name = @funder)
  AND (@status = '' OR s.status = @status)
ORDER BY g.funder_id, g.grant_id
LIMIT @limit OFFSET @offset
