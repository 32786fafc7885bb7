-- Step: person facts of surveyed members (target rules read them).
-- Grain: one row per accepted bmn_person row. Inputs: lnk_person, hh_mpi, hh_members,
-- lnk_person_correction (corrections.sql).
-- A SELECT, not a table: the target step reads it once (steps.person_targets_sql).
SELECT
    p.*,
    m.mpi_poor, m.deprived_health, m.deprived_living, m.deprived_education,
    m.deprived_income, m.deprived_access, m.failed_count,
    len(m.failed_dimensions) AS failed_dimensions,
    hm.income_per_person,
    hm.has_dependent,
    hm.household_has_unregistered_farmer,
    hm.household_welfare_card,
    p.age >= 60 AS is_elderly,
    coalesce(pc.excluded, FALSE) AS excluded,
    coalesce(pc.correction_kinds, []) AS correction_kinds
FROM lnk_person p
JOIN hh_mpi m USING (household_id)
JOIN hh_members hm USING (household_id)
LEFT JOIN lnk_person_correction pc USING (household_id, member_no)
