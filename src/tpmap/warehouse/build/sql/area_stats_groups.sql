-- Step: area statistics of the year's policy groups (see area_stats_inputs.sql).
-- Inputs: st_in_person; $year.
-- st_group likewise sums its per-(scope, village, group) rows up the area levels.
CREATE OR REPLACE TABLE st_group_village AS
WITH every AS (
    SELECT scope, village_code, unnest(groups) AS group_id FROM st_in_person
), first AS (
    SELECT scope, village_code, "group" AS group_id FROM st_in_person WHERE "group" IS NOT NULL
), both_ AS (
    SELECT scope, village_code, group_id, 1 AS first_match, 0 AS every_rule FROM first
    UNION ALL
    SELECT scope, village_code, group_id, 0, 1 FROM every
)
SELECT scope, village_code, group_id, sum(first_match) AS first_match, sum(every_rule) AS every_rule
FROM both_ GROUP BY scope, village_code, group_id;

CREATE OR REPLACE TABLE st_group AS
SELECT CAST($year AS INTEGER) AS year, scope, coalesce(village_code, s, d, p) AS area_code,
    group_id, sum(first_match) AS first_match, sum(every_rule) AS every_rule
FROM (SELECT *, substr(village_code, 1, 2) AS p, substr(village_code, 1, 4) AS d,
             substr(village_code, 1, 6) AS s FROM st_group_village WHERE village_code IS NOT NULL)
GROUP BY GROUPING SETS ((scope, p, group_id), (scope, d, group_id), (scope, s, group_id),
                        (scope, village_code, group_id))
UNION ALL
SELECT CAST($year AS INTEGER), scope, 'TH', group_id, sum(first_match), sum(every_rule)
FROM st_group_village GROUP BY scope, group_id;
