-- Step: statistics of every area (country, province, district, subdistrict, village) for
-- the year, in three tables: wide counts, indicator counts, group counts.
-- Grain: one row per (year, area) with data; (year, area, indicator); (year, area, group).
-- Inputs: out_household, out_person; $year.
CREATE OR REPLACE TABLE st_household AS
SELECT
    CAST($year AS INTEGER) AS year,
    coalesce(village_code, s, d, p, 'TH') AS area_code,
    count(*) AS households_surveyed,
    sum(members) AS persons_surveyed,
    count(*) FILTER (WHERE mpi_poor) AS mpi_poor_households,
    coalesce(sum(members) FILTER (WHERE mpi_poor), 0) AS mpi_poor_persons,
    count(*) FILTER (WHERE target_members > 0) AS target_households,
    count(*) FILTER (WHERE deprived_health) AS health_households,
    coalesce(sum(members) FILTER (WHERE deprived_health), 0) AS health_persons,
    count(*) FILTER (WHERE deprived_living) AS living_households,
    coalesce(sum(members) FILTER (WHERE deprived_living), 0) AS living_persons,
    count(*) FILTER (WHERE deprived_education) AS education_households,
    coalesce(sum(members) FILTER (WHERE deprived_education), 0) AS education_persons,
    count(*) FILTER (WHERE deprived_income) AS income_households,
    coalesce(sum(members) FILTER (WHERE deprived_income), 0) AS income_persons,
    count(*) FILTER (WHERE deprived_access) AS access_households,
    coalesce(sum(members) FILTER (WHERE deprived_access), 0) AS access_persons,
    coalesce(sum(members) FILTER (WHERE af_score >= 1.0 / 3 - 1e-9), 0) AS af_poor_persons,
    coalesce(sum(members * af_score) FILTER (WHERE af_score >= 1.0 / 3 - 1e-9), 0) AS af_score_sum
FROM (SELECT *, substr(village_code, 1, 2) AS p, substr(village_code, 1, 4) AS d,
             substr(village_code, 1, 6) AS s FROM out_household)
GROUP BY GROUPING SETS ((), (p), (d), (s), (village_code));

CREATE OR REPLACE TABLE st_person AS
SELECT
    CAST($year AS INTEGER) AS year,
    coalesce(village_code, s, d, p, 'TH') AS area_code,
    count(*) FILTER (WHERE is_target) AS target_persons,
    count(*) FILTER (WHERE is_target AND deprived_health) AS health_target_persons,
    count(*) FILTER (WHERE is_target AND deprived_living) AS living_target_persons,
    count(*) FILTER (WHERE is_target AND deprived_education) AS education_target_persons,
    count(*) FILTER (WHERE is_target AND deprived_income) AS income_target_persons,
    count(*) FILTER (WHERE is_target AND deprived_access) AS access_target_persons
FROM (SELECT *, substr(village_code, 1, 2) AS p, substr(village_code, 1, 4) AS d,
             substr(village_code, 1, 6) AS s FROM out_person WHERE village_code IS NOT NULL)
GROUP BY GROUPING SETS ((p), (d), (s), (village_code))
UNION ALL
-- The country counts everyone, also registry-only card holders with no village code.
SELECT CAST($year AS INTEGER), 'TH',
    count(*) FILTER (WHERE is_target),
    count(*) FILTER (WHERE is_target AND deprived_health),
    count(*) FILTER (WHERE is_target AND deprived_living),
    count(*) FILTER (WHERE is_target AND deprived_education),
    count(*) FILTER (WHERE is_target AND deprived_income),
    count(*) FILTER (WHERE is_target AND deprived_access)
FROM out_person;

CREATE OR REPLACE TABLE st_indicator AS
SELECT
    CAST($year AS INTEGER) AS year,
    coalesce(village_code, s, d, p, 'TH') AS area_code,
    indicator,
    count(*) AS households,
    sum(members) AS persons
FROM (SELECT village_code, substr(village_code, 1, 2) AS p, substr(village_code, 1, 4) AS d,
             substr(village_code, 1, 6) AS s, members, unnest(failed_indicators) AS indicator
      FROM out_household WHERE mpi_poor)
GROUP BY GROUPING SETS ((indicator), (p, indicator), (d, indicator), (s, indicator), (village_code, indicator));

CREATE OR REPLACE TABLE st_group AS
WITH every AS (
    SELECT village_code, unnest(groups) AS group_id FROM out_person
), first AS (
    SELECT village_code, "group" AS group_id FROM out_person WHERE "group" IS NOT NULL
), both_ AS (
    SELECT village_code, group_id, 1 AS first_match, 0 AS every_rule FROM first
    UNION ALL
    SELECT village_code, group_id, 0, 1 FROM every
), located AS (
    SELECT *, substr(village_code, 1, 2) AS p, substr(village_code, 1, 4) AS d,
           substr(village_code, 1, 6) AS s FROM both_
)
SELECT CAST($year AS INTEGER) AS year, coalesce(village_code, s, d, p) AS area_code, group_id,
    sum(first_match) AS first_match, sum(every_rule) AS every_rule
FROM located WHERE village_code IS NOT NULL
GROUP BY GROUPING SETS ((p, group_id), (d, group_id), (s, group_id), (village_code, group_id))
UNION ALL
SELECT CAST($year AS INTEGER), 'TH', group_id, sum(first_match), sum(every_rule)
FROM both_ GROUP BY group_id;
