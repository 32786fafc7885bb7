-- Step: area statistics of households: wide counts and indicator counts (see
-- area_stats_inputs.sql). Inputs: st_in_household; $year.
CREATE OR REPLACE TABLE st_household AS
SELECT
    CAST($year AS INTEGER) AS year, scope,
    coalesce(village_code, s, d, p, 'TH') AS area_code,
    count(*) AS households_surveyed,
    sum(members) AS persons_surveyed,
    count(*) FILTER (WHERE counted_poor) AS mpi_poor_households,
    coalesce(sum(counted_members) FILTER (WHERE counted_poor), 0) AS mpi_poor_persons,
    count(*) FILTER (WHERE target_members > 0) AS target_households,
    count(*) FILTER (WHERE counted_poor AND deprived_health) AS health_households,
    coalesce(sum(counted_members) FILTER (WHERE counted_poor AND deprived_health), 0) AS health_persons,
    count(*) FILTER (WHERE counted_poor AND deprived_living) AS living_households,
    coalesce(sum(counted_members) FILTER (WHERE counted_poor AND deprived_living), 0) AS living_persons,
    count(*) FILTER (WHERE counted_poor AND deprived_education) AS education_households,
    coalesce(sum(counted_members) FILTER (WHERE counted_poor AND deprived_education), 0) AS education_persons,
    count(*) FILTER (WHERE counted_poor AND deprived_income) AS income_households,
    coalesce(sum(counted_members) FILTER (WHERE counted_poor AND deprived_income), 0) AS income_persons,
    count(*) FILTER (WHERE counted_poor AND deprived_access) AS access_households,
    coalesce(sum(counted_members) FILTER (WHERE counted_poor AND deprived_access), 0) AS access_persons,
    coalesce(sum(members) FILTER (WHERE af_score >= 1.0 / 3 - 1e-9), 0) AS af_poor_persons,
    coalesce(sum(members * af_score) FILTER (WHERE af_score >= 1.0 / 3 - 1e-9), 0) AS af_score_sum
FROM (SELECT *, substr(village_code, 1, 2) AS p, substr(village_code, 1, 4) AS d,
             substr(village_code, 1, 6) AS s FROM st_in_household)
GROUP BY GROUPING SETS ((scope), (scope, p), (scope, d), (scope, s), (scope, village_code));

CREATE OR REPLACE TABLE st_indicator AS
SELECT
    CAST($year AS INTEGER) AS year, scope,
    coalesce(village_code, s, d, p, 'TH') AS area_code,
    indicator,
    count(*) AS households,
    sum(members) AS persons
FROM (SELECT scope, village_code, substr(village_code, 1, 2) AS p,
             substr(village_code, 1, 4) AS d, substr(village_code, 1, 6) AS s,
             counted_members AS members, unnest(failed_indicators) AS indicator
      FROM st_in_household WHERE counted_poor)
GROUP BY GROUPING SETS ((scope, indicator), (scope, p, indicator), (scope, d, indicator),
                        (scope, s, indicator), (scope, village_code, indicator));
