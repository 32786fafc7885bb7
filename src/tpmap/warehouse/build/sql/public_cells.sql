-- Step: every count the public portal publishes, one row per (year, scope, area, measure),
-- with the area's parent and depth, flagged hidden (the primary suppression) when the count
-- is 1 to $below - 1, or, in the 'no_card' scope, when the count of the 'all' scope minus
-- it (the same count among households with a card) is 1 to $below - 1: both scopes are
-- published side by side, so their difference is published too. public_cells_step.sql
-- then adds the complementary suppression, level by level, and publication.py writes the
-- public tables.
-- Grain: (year, scope, area_code, measure). Inputs: area_stats, area_indicator_stats
-- (unpivoted by the caller into pub_input); $below.
CREATE OR REPLACE TABLE pub_cells AS
SELECT
    i.year, i.scope, i.area_code, i.measure, CAST(i.value AS BIGINT) AS value,
    CASE length(i.area_code)
        WHEN 8 THEN substr(i.area_code, 1, 6) WHEN 6 THEN substr(i.area_code, 1, 4)
        WHEN 4 THEN substr(i.area_code, 1, 2)
        ELSE CASE WHEN i.area_code = 'TH' THEN NULL ELSE 'TH' END
    END AS parent,
    CASE WHEN i.area_code = 'TH' THEN 0 ELSE length(i.area_code) / 2 END AS depth,
    i.value BETWEEN 1 AND $below - 1
        -- (an 'all' count that is small is hidden itself: no difference to protect)
        OR coalesce(a.value >= $below AND a.value - i.value BETWEEN 1 AND $below - 1, FALSE)
        AS hidden,
    FALSE AS secondary
FROM pub_input i
LEFT JOIN pub_input a
    ON i.scope = 'no_card' AND a.scope = 'all' AND a.year = i.year
   AND a.area_code = i.area_code AND a.measure = i.measure;
