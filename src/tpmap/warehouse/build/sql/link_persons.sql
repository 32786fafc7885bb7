-- Step: link surveyed persons with the registries by NID and derive person facts.
-- Grain: one row per accepted bmn_person row of the year.
-- Inputs: stg_bmn_household, stg_bmn_person, lnk_card (link_card.sql), lnk_allowance
--         (link_allowance.sql), stg_disability,
--         stg_health_coverage, stg_logbook_person, stg_farmer_registry,
--         ref_farming_occupation; $year (Buddhist era).
CREATE OR REPLACE TABLE lnk_person AS
SELECT
    CAST($year AS INTEGER) AS year,
    p.household_id,
    -- Orders a household's members: the head first, then survey order. Not a dense count
    -- (a window over every person would cost a sort of the whole population).
    CASE WHEN p.relation = 'head' THEN 0 ELSE p._row END AS member_no,
    h.village_code,
    p.nid,
    p.title, p.first_name, p.last_name, p.sex, p.birth_date,
    coalesce(p.age, age_on_jan1(p.birth_date, CAST($year AS INTEGER) - 543)) AS age,
    p.relation, p.education, p.occupation, p.income_year,
    coalesce(p.is_disabled, FALSE) OR d.nid IS NOT NULL AS is_disabled,
    p.is_chronic_patient, p.self_reliant,
    coalesce(c.welfare_card, FALSE) AS welfare_card,
    c.card_round, c.card_monthly_benefit,
    coalesce(a.allowances, []) AS allowances,
    d.disability_type,
    hc.scheme AS health_scheme, hc.main_hospital_code, hc.main_hospital_name,
    c.nid IS NOT NULL AS in_welfare_card,
    a.nid IS NOT NULL AS in_allowance,
    d.nid IS NOT NULL AS in_disability,
    hc.nid IS NOT NULL AS in_health_coverage,
    -- A farmer by the survey's occupation (the words are data: farming_occupations.toml);
    -- in the farmer registry (Farmer ONE) by NID.
    coalesce(lower(p.occupation) IN (SELECT occupation FROM ref_farming_occupation), FALSE) AS is_farmer,
    f.nid IS NOT NULL AS in_farmer_registry,
    f.farm_area_rai,
    TRUE AS surveyed,
    p.nid IS NOT NULL AND p.nid IN (SELECT nid FROM stg_logbook_person WHERE nid IS NOT NULL) AS logbook_added,
    p._row AS source_row,
    -- Sources that disagree (F1), each only when the registry it asks was given this year:
    -- the survey says disabled but the NID is not in the disability registry; aged 60 or
    -- more without an elderly allowance; no health scheme in the health coverage registry.
    -- (A card holder not in any household is a registry-only person: person_facts_registry.)
    p.nid IS NOT NULL AND coalesce(p.is_disabled, FALSE) AND d.nid IS NULL
        AND EXISTS (SELECT 1 FROM stg_disability) AS check_disabled_unregistered,
    coalesce(coalesce(p.age, age_on_jan1(p.birth_date, CAST($year AS INTEGER) - 543)) >= 60, FALSE)
        AND NOT coalesce(a.elderly_allowance, FALSE)
        AND EXISTS (SELECT 1 FROM stg_allowance) AS check_elderly_no_allowance,
    hc.nid IS NULL AND EXISTS (SELECT 1 FROM stg_health_coverage) AS check_no_health_scheme,
    FALSE AS check_card_not_surveyed
FROM stg_bmn_person p
JOIN stg_bmn_household h USING (household_id)
LEFT JOIN lnk_card c ON c.nid = p.nid
LEFT JOIN lnk_allowance a ON a.nid = p.nid
LEFT JOIN stg_disability d ON d.nid = p.nid
LEFT JOIN stg_health_coverage hc ON hc.nid = p.nid
LEFT JOIN stg_farmer_registry f ON f.nid = p.nid;
