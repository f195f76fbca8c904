-- LSOA boundaries, latest vintage per LSOA, with their local authority (the
-- latest lookup vintage per LSOA) and PCN (the latest LSOA-to-PCN vintage:
-- the largest share, ties to the lowest PCN code).
SELECT b.lsoa AS lsoa, b.name AS name, coalesce(l.lad, '') AS lad, coalesce(p.pcn, '') AS pcn, b.geometry AS geometry
FROM geo_lsoa_boundaries b
LEFT JOIN geo_lsoa_lookup l
  ON l.lsoa = b.lsoa AND l.vintage = (SELECT max(vintage) FROM geo_lsoa_lookup l2 WHERE l2.lsoa = b.lsoa)
LEFT JOIN geo_lsoa_pcn p
  ON p.lsoa = b.lsoa AND p.vintage = (SELECT max(vintage) FROM geo_lsoa_pcn)
 AND NOT EXISTS (SELECT 1 FROM geo_lsoa_pcn q
                 WHERE q.lsoa = p.lsoa AND q.vintage = p.vintage
                   AND (q.share > p.share OR (q.share = p.share AND q.pcn < p.pcn)))
WHERE b.vintage = (SELECT max(vintage) FROM geo_lsoa_boundaries b2 WHERE b2.lsoa = b.lsoa)
  AND (@place = '' OR l.lad = @place OR l.sub_icb = @place OR l.icb = @place OR l.region = @place)
ORDER BY b.lsoa
LIMIT @limit
