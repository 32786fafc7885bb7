-- Step: person facts of people added by field teams (logbook_person) who are not in the
-- survey (group 4 candidates).
-- Grain: one row per such logbook row. Inputs: stg_logbook_person, lnk_card, lnk_person,
-- lnk_allowance, stg_disability, stg_health_coverage, stg_farmer_registry; $year. What no
-- one outside the survey has (an MPI, a household): the macro unsurveyed_facts.
SELECT
    CAST($year AS INTEGER) AS year,
    l.village_code, l.nid, l.title, l.first_name, l.last_name, l.sex, l.birth_date,
    coalesce(l.age, age_on_jan1(l.birth_date, CAST($year AS INTEGER) - 543)) AS age,
    d.nid IS NOT NULL AS is_disabled,
    coalesce(c.welfare_card, FALSE) AS welfare_card, c.card_round, c.card_monthly_benefit,
    coalesce(a.allowances, []) AS allowances,
    d.disability_type,
    hc.scheme AS health_scheme, hc.main_hospital_code, hc.main_hospital_name,
    TRUE AS logbook_added, l._row AS source_row,
    f.nid IS NOT NULL AS in_farmer_registry, f.farm_area_rai,
    u.*,
    coalesce(l.age, age_on_jan1(l.birth_date, CAST($year AS INTEGER) - 543)) >= 60 AS is_elderly
FROM stg_logbook_person l
CROSS JOIN unsurveyed_facts() u
LEFT JOIN lnk_card c ON c.nid = l.nid
LEFT JOIN lnk_allowance a ON a.nid = l.nid
LEFT JOIN stg_disability d ON d.nid = l.nid
LEFT JOIN stg_health_coverage hc ON hc.nid = l.nid
LEFT JOIN stg_farmer_registry f ON f.nid = l.nid
-- A NID in the survey is flagged there, and an active card holder's on their registry row
-- (person_facts_registry.sql), so each person is counted once.
WHERE l.nid IS NULL OR (l.nid NOT IN (SELECT nid FROM lnk_person WHERE nid IS NOT NULL)
                        AND l.nid NOT IN (SELECT nid FROM lnk_card WHERE welfare_card))
