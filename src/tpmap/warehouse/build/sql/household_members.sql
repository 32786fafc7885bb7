-- Step: per household, what its accepted members say: count, head, income per person and
-- whether it has a dependent (a member aged < 15 or >= 60, disabled, or not self-reliant);
-- the household facts of policy 2564: a farmer member not in the farmer registry, and a
-- member holding an active welfare card.
-- Grain: one row per accepted household. Inputs: stg_bmn_household, lnk_person.
CREATE OR REPLACE TABLE hh_members AS
SELECT
    h.household_id,
    count(p.household_id) AS members,
    max(CASE WHEN p.relation = 'head' THEN p.first_name || ' ' || p.last_name END) AS head_name,
    CASE WHEN count(p.household_id) > 0 THEN h.income_total / count(p.household_id) END AS income_per_person,
    coalesce(bool_or(p.age < 15 OR p.age >= 60 OR p.is_disabled OR p.self_reliant = FALSE), FALSE) AS has_dependent,
    coalesce(bool_or(p.is_farmer AND NOT p.in_farmer_registry), FALSE) AS household_has_unregistered_farmer,
    coalesce(bool_or(p.welfare_card), FALSE) AS household_welfare_card
FROM stg_bmn_household h
LEFT JOIN lnk_person p USING (household_id)
GROUP BY h.household_id, h.income_total;
