-- Step: person facts of active welfare-card holders who are not in the survey (group 3.2
-- candidates), placed in their card's village when it is given.
-- Grain: one row per such NID. Inputs: lnk_card, lnk_person, lnk_allowance, stg_disability,
-- stg_health_coverage, stg_logbook_person, stg_farmer_registry; $year.
-- The holders are found first and each registry is cut to their NIDs before it is joined:
-- joined whole, the registries' hash tables (53.7 M health-coverage rows nationally) did not
-- fit in the build's memory at once, for a few hundred thousand holders.
WITH holder AS MATERIALIZED (
    SELECT * FROM lnk_card c
    WHERE c.welfare_card AND c.nid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM lnk_person p WHERE p.nid = c.nid)
)
SELECT
    CAST($year AS INTEGER) AS year,
    NULL AS household_id, NULL AS member_no,
    c.card_village_code AS village_code,
    c.nid,
    NULL AS title, NULL AS first_name, NULL AS last_name, NULL AS sex, NULL AS birth_date,
    NULL AS age, NULL AS relation, NULL AS education, NULL AS occupation, NULL AS income_year,
    d.nid IS NOT NULL AS is_disabled, NULL AS is_chronic_patient, NULL AS self_reliant,
    TRUE AS welfare_card, c.card_round, c.card_monthly_benefit,
    coalesce(a.allowances, []) AS allowances,
    d.disability_type,
    hc.scheme AS health_scheme, hc.main_hospital_code, hc.main_hospital_name,
    FALSE AS surveyed,
    c.nid IN (SELECT nid FROM stg_logbook_person WHERE nid IS NOT NULL) AS logbook_added,
    NULL AS source_row,
    FALSE AS mpi_poor, FALSE AS deprived_health, FALSE AS deprived_living,
    FALSE AS deprived_education, FALSE AS deprived_income, FALSE AS deprived_access,
    0 AS failed_count, 0 AS failed_dimensions,
    NULL AS income_per_person, NULL AS has_dependent,
    FALSE AS is_farmer, f.nid IS NOT NULL AS in_farmer_registry, f.farm_area_rai,
    NULL AS household_has_unregistered_farmer, NULL AS household_welfare_card,
    FALSE AS excluded, []::VARCHAR[] AS correction_kinds, NULL AS is_elderly,
    -- F1: the card registry places them in a village, the survey in no household.
    c.card_village_code IS NOT NULL AS check_card_not_surveyed
FROM holder c
LEFT JOIN (SELECT * FROM lnk_allowance WHERE nid IN (SELECT nid FROM holder)) a ON a.nid = c.nid
LEFT JOIN (SELECT * FROM stg_disability WHERE nid IN (SELECT nid FROM holder)) d ON d.nid = c.nid
LEFT JOIN (SELECT * FROM stg_health_coverage WHERE nid IN (SELECT nid FROM holder)) hc
    ON hc.nid = c.nid
LEFT JOIN (SELECT * FROM stg_farmer_registry WHERE nid IN (SELECT nid FROM holder)) f
    ON f.nid = c.nid
