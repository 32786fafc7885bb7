-- Step: every count the public portal publishes, one row per (year, scope, area, measure),
-- with the area's parent and depth, flagged hidden when the count is 1 to $below - 1 (the
-- primary suppression). public_cells_step.sql then adds the complementary suppression,
-- level by level, and public_stats.sql writes the public tables.
-- Grain: (year, scope, area_code, measure). Inputs: area_stats, area_indicator_stats
-- (unpivoted by the caller into pub_input); $below.
CREATE OR REPLACE TABLE pub_cells AS
SELECT
    year, scope, area_code, measure, CAST(value AS BIGINT) AS value,
    CASE length(area_code) WHEN 8 THEN substr(area_code, 1, 6) WHEN 6 THEN substr(area_code, 1, 4)
        WHEN 4 THEN substr(area_code, 1, 2) ELSE CASE WHEN area_code = 'TH' THEN NULL ELSE 'TH' END
    END AS parent,
    CASE WHEN area_code = 'TH' THEN 0 ELSE length(area_code) / 2 END AS depth,
    value BETWEEN 1 AND $below - 1 AS hidden,
    FALSE AS secondary
FROM pub_input;
