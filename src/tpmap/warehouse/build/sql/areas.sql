-- Step: the area catalog of the warehouse: country, provinces, districts, subdistricts
-- (a table _admin from the geothai catalog) and the villages met in the data.
-- Grain: one row per area. Inputs: _admin, ref_village.
SELECT code, level, name_th, name_en, parent_code, NULL::VARCHAR AS address_th,
       CASE level WHEN 'country' THEN 0 WHEN 'province' THEN 1 WHEN 'district' THEN 2
                  WHEN 'subdistrict' THEN 3 END AS level_rank
FROM _admin
UNION ALL
SELECT code, 'village', name_th, name_en, substr(code, 1, 6), address_th, 4
FROM ref_village
