-- The last complete snapshot of each period, with its headline figures.
-- Periods are bounded at 00:00 Europe/London: lt is T in London local time
-- (BST runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
-- last Sunday of October). Means are exact means rounded half up to one
-- decimal, floor((20*sum + n) / (2*n)) / 10 (scoring.md §8.11.1). With a
-- place (any area code: PCN, Sub-ICB, local authority, ICB, region) the
-- figures come from the area roll-ups written with each snapshot.
-- The periods are MATERIALIZED: left as a co-routine, SQLite 3.5x re-runs
-- them for every roll-up row it joins (a thousandfold slower).
-- With a dataset, the line also carries the history of every dataset that
-- moved to it (dataset_moves), up to three moves back (A -> B -> C -> D, as
-- the ClickHouse query): an old id's snapshots count only before the move was
-- detected (before the earliest move on its way here), so no snapshot counts
-- both ids. Without a dataset, moves change nothing.
WITH RECURSIVE periods AS MATERIALIZED (
    SELECT period, max(t) AS t
    FROM (
        SELECT t, CASE @period
                    WHEN 'day' THEN date(lt, 'unixepoch')
                    WHEN 'week' THEN date(lt, 'unixepoch', '-6 days', 'weekday 1')
                    WHEN 'month' THEN strftime('%Y-%m', lt, 'unixepoch')
                    ELSE strftime('%Y', lt, 'unixepoch') || 'Q' || ((CAST(strftime('%m', lt, 'unixepoch') AS INTEGER) + 2) / 3)
                  END AS period
        FROM (
            SELECT t, t + CASE
                WHEN t >= CAST(strftime('%s', date(strftime('%Y', t, 'unixepoch') || '-03-25', 'weekday 0')) AS INTEGER) + 3600
                 AND t < CAST(strftime('%s', date(strftime('%Y', t, 'unixepoch') || '-10-25', 'weekday 0')) AS INTEGER) + 3600
                THEN 3600 ELSE 0 END AS lt
            FROM snapshots
            WHERE status = 'complete' AND t <= @at AND t >= @from
        )
    )
    GROUP BY period
),
moves(id, cut, hops) AS (
    SELECT from_id, detected_at, 1 FROM dataset_moves WHERE to_id = @dataset AND @dataset <> ''
    UNION
    SELECT m.from_id, min(m.detected_at, f.cut), f.hops + 1
    FROM moves f JOIN dataset_moves m ON m.to_id = f.id
    WHERE f.hops < 3
),
moved_from AS (
    SELECT id, max(cut) AS cut FROM moves WHERE id <> @dataset GROUP BY id
)
SELECT period, t, activities, upcoming, sp_ready, datasets, feeds,
       CASE WHEN n = 0 THEN NULL ELSE ((20 * sum_f + n) / (2 * n)) / 10.0 END AS freshness,
       CASE WHEN n = 0 THEN NULL ELSE ((20 * sum_c + n) / (2 * n)) / 10.0 END AS completeness,
       CASE WHEN n = 0 THEN NULL ELSE ((20 * sum_a + n) / (2 * n)) / 10.0 END AS assurance,
       CASE WHEN n = 0 THEN NULL ELSE ((20 * sum_o + n) / (2 * n)) / 10.0 END AS overall,
       grade_a, grade_b, grade_c, grade_d
FROM (
    SELECT b.period AS period, r.t AS t, sum(r.activities) AS activities, sum(r.upcoming) AS upcoming,
           sum(r.sp_ready) AS sp_ready, count(*) AS datasets, sum(r.feeds) AS feeds, sum(r.activities) AS n,
           sum(r.sum_freshness) AS sum_f, sum(r.sum_completeness) AS sum_c, sum(r.sum_assurance) AS sum_a,
           sum(r.sum_overall) AS sum_o, sum(r.grade_a) AS grade_a, sum(r.grade_b) AS grade_b,
           sum(r.grade_c) AS grade_c, sum(r.grade_d) AS grade_d
    FROM periods b
    JOIN dataset_rollups r ON r.t = b.t
    WHERE @place = '' AND (@dataset = '' OR r.dataset_id = @dataset
                          OR EXISTS (SELECT 1 FROM moved_from m WHERE m.id = r.dataset_id AND r.t < m.cut))
    GROUP BY b.period, r.t
    UNION ALL
    SELECT b.period, a.t, sum(a.activities), sum(a.upcoming), sum(a.sp_ready),
           count(*), sum(a.feeds), sum(a.activities),
           sum(a.sum_freshness), sum(a.sum_completeness), sum(a.sum_assurance), sum(a.sum_overall),
           sum(a.grade_a), sum(a.grade_b), sum(a.grade_c), sum(a.grade_d)
    FROM periods b
    JOIN area_rollups a ON a.area_code = @place AND a.t = b.t
    WHERE @place <> '' AND (@dataset = '' OR a.dataset_id = @dataset
                           OR EXISTS (SELECT 1 FROM moved_from m WHERE m.id = a.dataset_id AND a.t < m.cut))
    GROUP BY b.period, a.t
)
ORDER BY t
