-- Step: the published area statistics of all years: household and person counts side by
-- side, plus the long indicator and group tables.
-- Grain: (year, scope, area_code); (year, scope, area_code, indicator);
-- (year, scope, area_code, group_id). scope: 'all' or 'no_card' (see area_stats_inputs.sql).
-- Inputs: all_st_household, all_st_person, all_st_indicator, all_st_group,
-- all_st_transition (transitions.sql: (year, area_code), only scope 'all').
CREATE OR REPLACE TABLE area_stats AS
SELECT
    coalesce(h.year, p.year) AS year,
    coalesce(h.scope, p.scope) AS scope,
    coalesce(h.area_code, p.area_code) AS area_code,
    CASE length(coalesce(h.area_code, p.area_code))
        WHEN 2 THEN CASE WHEN coalesce(h.area_code, p.area_code) = 'TH' THEN 'country' ELSE 'province' END
        WHEN 4 THEN 'district' WHEN 6 THEN 'subdistrict' ELSE 'village' END AS level,
    coalesce(h.households_surveyed, 0) AS households_surveyed,
    coalesce(h.persons_surveyed, 0) AS persons_surveyed,
    coalesce(h.mpi_poor_households, 0) AS mpi_poor_households,
    coalesce(h.mpi_poor_persons, 0) AS mpi_poor_persons,
    coalesce(p.target_persons, 0) AS target_persons,
    coalesce(h.target_households, 0) AS target_households,
    coalesce(h.health_households, 0) AS health_households,
    coalesce(h.health_persons, 0) AS health_persons,
    coalesce(p.health_target_persons, 0) AS health_target_persons,
    coalesce(h.living_households, 0) AS living_households,
    coalesce(h.living_persons, 0) AS living_persons,
    coalesce(p.living_target_persons, 0) AS living_target_persons,
    coalesce(h.education_households, 0) AS education_households,
    coalesce(h.education_persons, 0) AS education_persons,
    coalesce(p.education_target_persons, 0) AS education_target_persons,
    coalesce(h.income_households, 0) AS income_households,
    coalesce(h.income_persons, 0) AS income_persons,
    coalesce(p.income_target_persons, 0) AS income_target_persons,
    coalesce(h.access_households, 0) AS access_households,
    coalesce(h.access_persons, 0) AS access_persons,
    coalesce(p.access_target_persons, 0) AS access_target_persons,
    coalesce(h.af_poor_persons, 0) AS af_poor_persons,
    coalesce(h.af_score_sum, 0.0) AS af_score_sum,
    coalesce(p.check_disabled_unregistered, 0) AS check_disabled_unregistered,
    coalesce(p.check_elderly_no_allowance, 0) AS check_elderly_no_allowance,
    coalesce(p.check_no_health_scheme, 0) AS check_no_health_scheme,
    coalesce(p.check_card_not_surveyed, 0) AS check_card_not_surveyed,
    coalesce(p.card_holders, 0) AS card_holders,
    coalesce(p.allowance_elderly, 0) AS allowance_elderly,
    coalesce(p.allowance_disabled, 0) AS allowance_disabled,
    coalesce(p.allowance_hiv, 0) AS allowance_hiv,
    coalesce(p.disabled_type_1, 0) AS disabled_type_1,
    coalesce(p.disabled_type_2, 0) AS disabled_type_2,
    coalesce(p.disabled_type_3, 0) AS disabled_type_3,
    coalesce(p.disabled_type_4, 0) AS disabled_type_4,
    coalesce(p.disabled_type_5, 0) AS disabled_type_5,
    coalesce(p.disabled_type_6, 0) AS disabled_type_6,
    coalesce(p.disabled_type_7, 0) AS disabled_type_7,
    coalesce(p.health_ucs, 0) AS health_ucs,
    coalesce(p.health_sss, 0) AS health_sss,
    coalesce(p.health_csmbs, 0) AS health_csmbs,
    coalesce(p.health_lgo, 0) AS health_lgo,
    coalesce(p.health_other, 0) AS health_other
FROM all_st_household h
FULL JOIN all_st_person p ON p.year = h.year AND p.scope = h.scope AND p.area_code = h.area_code;

CREATE OR REPLACE TABLE area_indicator_stats AS SELECT * FROM all_st_indicator;
CREATE OR REPLACE TABLE area_group_stats AS SELECT * FROM all_st_group;
CREATE OR REPLACE TABLE area_transition_stats AS SELECT * FROM all_st_transition;
