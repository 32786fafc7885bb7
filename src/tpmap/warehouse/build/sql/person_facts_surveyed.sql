-- Step: person facts of surveyed members (target rules read them).
-- Grain: one row per accepted bmn_person row. Inputs: lnk_person, hh_mpi, hh_members.
-- A SELECT, not a table: the target step reads it once (steps.person_targets_sql).
SELECT
    p.*,
    m.mpi_poor, m.deprived_health, m.deprived_living, m.deprived_education,
    m.deprived_income, m.deprived_access, m.failed_count,
    len(m.failed_dimensions) AS failed_dimensions,
    hm.income_per_person,
    hm.has_dependent,
    p.age >= 60 AS is_elderly
FROM lnk_person p
JOIN hh_mpi m USING (household_id)
JOIN hh_members hm USING (household_id)
