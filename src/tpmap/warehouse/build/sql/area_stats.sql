-- Step: statistics of every area (country, province, district, subdistrict, village) for
-- the year, in three tables: wide counts, indicator counts, group counts; each twice, by
-- scope: 'all' households, and 'no_card' = only households where no member holds an
-- active welfare card (their persons likewise; registry-only card holders never count).
-- Grain: one row per (year, scope, area) with data; (year, scope, area, indicator);
-- (year, scope, area, group).
-- MPI-poor counts (households, persons, per dimension, per indicator) follow the Logbook's
-- corrections: counted_poor households and their counted_members (households_out.sql);
-- households_surveyed, persons_surveyed and the AF figures stay as surveyed.
-- st_person also counts the persons whose sources disagree (F1, link_persons.sql:
-- check_*), never published.
-- Inputs: out_household, out_person; $year.
CREATE OR REPLACE VIEW st_in_household AS
SELECT 'all' AS scope, * FROM out_household
UNION ALL
SELECT 'no_card' AS scope, * FROM out_household WHERE card_members = 0;

CREATE OR REPLACE VIEW st_in_person AS
SELECT 'all' AS scope, * FROM out_person
UNION ALL
SELECT 'no_card' AS scope, p.* FROM out_person p
WHERE p.household_id IN (SELECT household_id FROM out_household WHERE card_members = 0);

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

-- st_person counts each person once, per (scope, village) (registry-only card holders
-- without a village too, for the country), and sums those rows up the area levels: one
-- pass over the persons instead of one per level.
CREATE OR REPLACE TABLE st_person_village AS
SELECT
    scope, village_code,
    count(*) FILTER (WHERE is_target) AS target_persons,
    count(*) FILTER (WHERE is_target AND deprived_health) AS health_target_persons,
    count(*) FILTER (WHERE is_target AND deprived_living) AS living_target_persons,
    count(*) FILTER (WHERE is_target AND deprived_education) AS education_target_persons,
    count(*) FILTER (WHERE is_target AND deprived_income) AS income_target_persons,
    count(*) FILTER (WHERE is_target AND deprived_access) AS access_target_persons,
    count(*) FILTER (WHERE check_disabled_unregistered) AS check_disabled_unregistered,
    count(*) FILTER (WHERE check_elderly_no_allowance) AS check_elderly_no_allowance,
    count(*) FILTER (WHERE check_no_health_scheme) AS check_no_health_scheme,
    count(*) FILTER (WHERE check_card_not_surveyed) AS check_card_not_surveyed,
    -- F5 open data: persons by registry, type and agency.
    count(*) FILTER (WHERE welfare_card) AS card_holders,
    count(*) FILTER (WHERE len(list_filter(allowances, lambda a: a.kind = 'elderly')) > 0) AS allowance_elderly,
    count(*) FILTER (WHERE len(list_filter(allowances, lambda a: a.kind = 'disabled')) > 0) AS allowance_disabled,
    count(*) FILTER (WHERE len(list_filter(allowances, lambda a: a.kind = 'hiv')) > 0) AS allowance_hiv,
    count(*) FILTER (WHERE disability_type = 1) AS disabled_type_1,
    count(*) FILTER (WHERE disability_type = 2) AS disabled_type_2,
    count(*) FILTER (WHERE disability_type = 3) AS disabled_type_3,
    count(*) FILTER (WHERE disability_type = 4) AS disabled_type_4,
    count(*) FILTER (WHERE disability_type = 5) AS disabled_type_5,
    count(*) FILTER (WHERE disability_type = 6) AS disabled_type_6,
    count(*) FILTER (WHERE disability_type = 7) AS disabled_type_7,
    count(*) FILTER (WHERE health_scheme = 'UCS') AS health_ucs,
    count(*) FILTER (WHERE health_scheme = 'SSS') AS health_sss,
    count(*) FILTER (WHERE health_scheme = 'CSMBS') AS health_csmbs,
    count(*) FILTER (WHERE health_scheme = 'LGO') AS health_lgo,
    count(*) FILTER (WHERE health_scheme = 'other') AS health_other
FROM st_in_person
GROUP BY scope, village_code;

CREATE OR REPLACE TABLE st_person AS
SELECT
    CAST($year AS INTEGER) AS year, scope,
    coalesce(village_code, s, d, p) AS area_code,
    CAST(sum(target_persons) AS BIGINT) AS target_persons,
    CAST(sum(health_target_persons) AS BIGINT) AS health_target_persons,
    CAST(sum(living_target_persons) AS BIGINT) AS living_target_persons,
    CAST(sum(education_target_persons) AS BIGINT) AS education_target_persons,
    CAST(sum(income_target_persons) AS BIGINT) AS income_target_persons,
    CAST(sum(access_target_persons) AS BIGINT) AS access_target_persons,
    CAST(sum(check_disabled_unregistered) AS BIGINT) AS check_disabled_unregistered,
    CAST(sum(check_elderly_no_allowance) AS BIGINT) AS check_elderly_no_allowance,
    CAST(sum(check_no_health_scheme) AS BIGINT) AS check_no_health_scheme,
    CAST(sum(check_card_not_surveyed) AS BIGINT) AS check_card_not_surveyed,
    CAST(sum(card_holders) AS BIGINT) AS card_holders,
    CAST(sum(allowance_elderly) AS BIGINT) AS allowance_elderly,
    CAST(sum(allowance_disabled) AS BIGINT) AS allowance_disabled,
    CAST(sum(allowance_hiv) AS BIGINT) AS allowance_hiv,
    CAST(sum(disabled_type_1) AS BIGINT) AS disabled_type_1,
    CAST(sum(disabled_type_2) AS BIGINT) AS disabled_type_2,
    CAST(sum(disabled_type_3) AS BIGINT) AS disabled_type_3,
    CAST(sum(disabled_type_4) AS BIGINT) AS disabled_type_4,
    CAST(sum(disabled_type_5) AS BIGINT) AS disabled_type_5,
    CAST(sum(disabled_type_6) AS BIGINT) AS disabled_type_6,
    CAST(sum(disabled_type_7) AS BIGINT) AS disabled_type_7,
    CAST(sum(health_ucs) AS BIGINT) AS health_ucs,
    CAST(sum(health_sss) AS BIGINT) AS health_sss,
    CAST(sum(health_csmbs) AS BIGINT) AS health_csmbs,
    CAST(sum(health_lgo) AS BIGINT) AS health_lgo,
    CAST(sum(health_other) AS BIGINT) AS health_other
FROM (SELECT *, substr(village_code, 1, 2) AS p, substr(village_code, 1, 4) AS d,
             substr(village_code, 1, 6) AS s FROM st_person_village WHERE village_code IS NOT NULL)
GROUP BY GROUPING SETS ((scope, p), (scope, d), (scope, s), (scope, village_code))
UNION ALL
-- The country counts everyone, also registry-only card holders with no village code.
SELECT
    CAST($year AS INTEGER), scope, 'TH',
    CAST(sum(target_persons) AS BIGINT) AS target_persons,
    CAST(sum(health_target_persons) AS BIGINT) AS health_target_persons,
    CAST(sum(living_target_persons) AS BIGINT) AS living_target_persons,
    CAST(sum(education_target_persons) AS BIGINT) AS education_target_persons,
    CAST(sum(income_target_persons) AS BIGINT) AS income_target_persons,
    CAST(sum(access_target_persons) AS BIGINT) AS access_target_persons,
    CAST(sum(check_disabled_unregistered) AS BIGINT) AS check_disabled_unregistered,
    CAST(sum(check_elderly_no_allowance) AS BIGINT) AS check_elderly_no_allowance,
    CAST(sum(check_no_health_scheme) AS BIGINT) AS check_no_health_scheme,
    CAST(sum(check_card_not_surveyed) AS BIGINT) AS check_card_not_surveyed,
    CAST(sum(card_holders) AS BIGINT) AS card_holders,
    CAST(sum(allowance_elderly) AS BIGINT) AS allowance_elderly,
    CAST(sum(allowance_disabled) AS BIGINT) AS allowance_disabled,
    CAST(sum(allowance_hiv) AS BIGINT) AS allowance_hiv,
    CAST(sum(disabled_type_1) AS BIGINT) AS disabled_type_1,
    CAST(sum(disabled_type_2) AS BIGINT) AS disabled_type_2,
    CAST(sum(disabled_type_3) AS BIGINT) AS disabled_type_3,
    CAST(sum(disabled_type_4) AS BIGINT) AS disabled_type_4,
    CAST(sum(disabled_type_5) AS BIGINT) AS disabled_type_5,
    CAST(sum(disabled_type_6) AS BIGINT) AS disabled_type_6,
    CAST(sum(disabled_type_7) AS BIGINT) AS disabled_type_7,
    CAST(sum(health_ucs) AS BIGINT) AS health_ucs,
    CAST(sum(health_sss) AS BIGINT) AS health_sss,
    CAST(sum(health_csmbs) AS BIGINT) AS health_csmbs,
    CAST(sum(health_lgo) AS BIGINT) AS health_lgo,
    CAST(sum(health_other) AS BIGINT) AS health_other
FROM st_person_village GROUP BY scope;

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
