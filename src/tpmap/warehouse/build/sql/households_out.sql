-- Step: the published household table of the year: survey fields, MPI results and what a
-- list page shows (head, address, members, target members, groups present), and how many
-- members hold an active welfare card (the portal's "no card in the household" view).
-- Corrections (corrections.sql): the kinds applied, whether the whole household is
-- excluded, the members still counted, and counted_poor, the MPI-poor status the counts
-- and lists use (MPI-poor, not excluded, at least one member counted). Re-assessments
-- (assessments.sql): the latest assessed MPI beside the survey's.
-- Grain: one row per accepted household. Inputs: stg_bmn_household, hh_mpi, hh_members,
-- out_person, ref_village, lnk_household_correction, hh_assessed; $year.
CREATE OR REPLACE TABLE out_household AS
WITH g AS (
    SELECT household_id,
        count(*) FILTER (WHERE is_target) AS target_members,
        count(*) FILTER (WHERE welfare_card) AS card_members,
        count(*) FILTER (WHERE NOT excluded) AS counted_members,
        list_distinct(list("group") FILTER (WHERE "group" IS NOT NULL)) AS member_groups
    FROM out_person WHERE household_id IS NOT NULL GROUP BY household_id
)
SELECT
    CAST($year AS INTEGER) AS year,
    h.household_id, h.village_code, h.village_name, h.house_no, h.questionnaire,
    coalesce(v.address_th, h.village_code) AS address,
    hm.head_name, hm.members, coalesce(g.target_members, 0) AS target_members,
    coalesce(g.card_members, 0) AS card_members,
    coalesce(list_sort(g.member_groups), []) AS member_groups,
    h.income_total, hm.income_per_person, h.debt_formal, h.debt_informal, h.savings,
    h.house_tenure, h.latitude, h.longitude, h.surveyed_on,
    m.mpi_poor, m.failed_count, m.failed_dimensions, m.failed_indicators, m.af_score,
    m.deprived_health, m.deprived_living, m.deprived_education, m.deprived_income, m.deprived_access,
    hm.has_dependent, hm.household_has_unregistered_farmer, hm.household_welfare_card,
    coalesce(hc.correction_kinds, []) AS correction_kinds,
    coalesce(hc.excluded, FALSE) AS excluded,
    coalesce(g.counted_members, 0) AS counted_members,
    m.mpi_poor AND NOT coalesce(hc.excluded, FALSE) AND coalesce(g.counted_members, 0) > 0 AS counted_poor,
    ha.assessed_on,
    ha.mpi_poor AS assessed_mpi_poor,
    ha.failed_count AS assessed_failed_count,
    ha.failed_indicators AS assessed_failed_indicators,
    ha.failed_dimensions AS assessed_failed_dimensions,
    ha.af_score AS assessed_af_score,
    h.* EXCLUDE (household_id, village_code, village_name, house_no, questionnaire, income_total,
                 debt_formal, debt_informal, savings, house_tenure, latitude, longitude, surveyed_on, _row)
FROM stg_bmn_household h
JOIN hh_mpi m USING (household_id)
JOIN hh_members hm USING (household_id)
LEFT JOIN g USING (household_id)
LEFT JOIN lnk_household_correction hc USING (household_id)
LEFT JOIN hh_assessed ha USING (household_id)
LEFT JOIN ref_village v ON v.code = h.village_code;
