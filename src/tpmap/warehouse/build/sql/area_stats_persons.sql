-- Step: area statistics of persons (see area_stats_inputs.sql).
-- Inputs: st_in_person; $year.
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
    -- The country (no area column grouped) counts everyone, also registry-only card holders
    -- with no village code; the other levels only persons with a village.
    CASE WHEN grouping(p, d, s, village_code) = 15 THEN 'TH'
         ELSE coalesce(village_code, s, d, p) END AS area_code,
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
             substr(village_code, 1, 6) AS s FROM st_person_village)
GROUP BY GROUPING SETS ((scope), (scope, p), (scope, d), (scope, s), (scope, village_code))
HAVING grouping(p, d, s, village_code) = 15 OR coalesce(village_code, s, d, p) IS NOT NULL;
