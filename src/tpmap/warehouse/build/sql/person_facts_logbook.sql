-- Step: person facts of people added by field teams (logbook_person) who are not in the
-- survey (group 4 candidates).
-- Grain: one row per such logbook row. Inputs: stg_logbook_person, lnk_card, lnk_person,
-- lnk_allowance, stg_disability, stg_health_coverage, stg_farmer_registry; $year.
SELECT
    CAST($year AS INTEGER) AS year,
    NULL AS household_id, NULL AS member_no,
    l.village_code, l.nid, l.title, l.first_name, l.last_name, l.sex, l.birth_date,
    coalesce(l.age, age_on_jan1(l.birth_date, CAST($year AS INTEGER) - 543)) AS age,
    NULL AS relation, NULL AS education, NULL AS occupation, NULL AS income_year,
    d.nid IS NOT NULL AS is_disabled, NULL AS is_chronic_patient, NULL AS self_reliant,
    coalesce(c.welfare_card, FALSE) AS welfare_card, c.card_round, c.card_monthly_benefit,
    coalesce(a.allowances, []) AS allowances,
    d.disability_type,
    hc.scheme AS health_scheme, hc.main_hospital_code, hc.main_hospital_name,
    FALSE AS surveyed, TRUE AS logbook_added, l._row AS source_row,
    FALSE AS mpi_poor, FALSE AS deprived_health, FALSE AS deprived_living,
    FALSE AS deprived_education, FALSE AS deprived_income, FALSE AS deprived_access,
    0 AS failed_count, 0 AS failed_dimensions,
    NULL AS income_per_person, NULL AS has_dependent,
    FALSE AS is_farmer, f.nid IS NOT NULL AS in_farmer_registry, f.farm_area_rai,
    NULL AS household_has_unregistered_farmer, NULL AS household_welfare_card,
    FALSE AS excluded, []::VARCHAR[] AS correction_kinds,
    coalesce(l.age, age_on_jan1(l.birth_date, CAST($year AS INTEGER) - 543)) >= 60 AS is_elderly
FROM stg_logbook_person l
LEFT JOIN lnk_card c ON c.nid = l.nid
LEFT JOIN lnk_allowance a ON a.nid = l.nid
LEFT JOIN stg_disability d ON d.nid = l.nid
LEFT JOIN stg_health_coverage hc ON hc.nid = l.nid
LEFT JOIN stg_farmer_registry f ON f.nid = l.nid
-- A NID in the survey is flagged there, and an active card holder's on their registry row
-- (person_facts_registry.sql), so each person is counted once.
WHERE l.nid IS NULL OR (l.nid NOT IN (SELECT nid FROM lnk_person WHERE nid IS NOT NULL)
                        AND l.nid NOT IN (SELECT nid FROM lnk_card WHERE welfare_card))
