-- Step: person facts of active welfare-card holders who are not in the survey (group 3.2
-- candidates), placed in their card's village when it is given.
-- Grain: one row per such NID. Inputs: lnk_card, lnk_person, lnk_allowance, stg_disability,
-- stg_health_coverage, stg_logbook_person, stg_farmer_registry; $year. What no one outside
-- the survey has (an MPI, a household): the macro unsurveyed_facts (macros.sql).
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
    c.card_village_code AS village_code,
    c.nid,
    NULL AS title, NULL AS first_name, NULL AS last_name, NULL AS sex, NULL AS birth_date,
    NULL AS age, d.nid IS NOT NULL AS is_disabled,
    TRUE AS welfare_card, c.card_round, c.card_monthly_benefit,
    coalesce(a.allowances, []) AS allowances,
    d.disability_type,
    hc.scheme AS health_scheme, hc.main_hospital_code, hc.main_hospital_name,
    c.nid IN (SELECT nid FROM stg_logbook_person WHERE nid IS NOT NULL) AS logbook_added,
    NULL AS source_row,
    f.nid IS NOT NULL AS in_farmer_registry, f.farm_area_rai,
    u.*, NULL AS is_elderly,
    -- F1: the card registry places them in a village, the survey in no household.
    c.card_village_code IS NOT NULL AS check_card_not_surveyed
FROM holder c
CROSS JOIN unsurveyed_facts() u
LEFT JOIN (SELECT * FROM lnk_allowance WHERE nid IN (SELECT nid FROM holder)) a ON a.nid = c.nid
LEFT JOIN (SELECT * FROM stg_disability WHERE nid IN (SELECT nid FROM holder)) d ON d.nid = c.nid
LEFT JOIN (SELECT * FROM stg_health_coverage WHERE nid IN (SELECT nid FROM holder)) hc
    ON hc.nid = c.nid
LEFT JOIN (SELECT * FROM stg_farmer_registry WHERE nid IN (SELECT nid FROM holder)) f
    ON f.nid = c.nid
