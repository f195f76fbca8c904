-- LSOA boundaries, latest vintage per LSOA, with their local authority (the
-- latest lookup vintage per LSOA) and PCN (the latest LSOA-to-PCN vintage:
-- the largest share, ties to the lowest PCN code). One JOIN per SELECT level.
SELECT lsoa, name, lad, pcn, geometry FROM (
    SELECT lsoa, name, geometry, lad, sub_icb, icb, region FROM (
        SELECT lsoa, argMax(name, vintage) AS name, argMax(geometry, vintage) AS geometry
        FROM geo_lsoa_boundaries FINAL GROUP BY lsoa
    ) ANY LEFT JOIN (
        SELECT lsoa, argMax(lad, vintage) AS lad, argMax(sub_icb, vintage) AS sub_icb,
               argMax(icb, vintage) AS icb, argMax(region, vintage) AS region
        FROM geo_lsoa_lookup FINAL GROUP BY lsoa
    ) USING lsoa
) ANY LEFT JOIN (
    SELECT lsoa, argMin(pcn, (-share, pcn)) AS pcn
    FROM geo_lsoa_pcn FINAL
    WHERE vintage = (SELECT max(vintage) FROM geo_lsoa_pcn FINAL)
    GROUP BY lsoa
) USING lsoa
WHERE @place = '' OR lad = @place OR sub_icb = @place OR icb = @place OR region = @place
ORDER BY lsoa
LIMIT @limit
