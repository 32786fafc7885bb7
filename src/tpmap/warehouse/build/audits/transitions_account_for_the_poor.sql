-- Audit: every person counted MPI-poor in the previous data year of the build is accounted
-- for once in this year's transitions, where they lived then: stayed + exited +
-- not_resurveyed = the previous year's mpi_poor_persons, in every area (and no area has a
-- transition without its previous year's poor).
-- Scope: year
-- Inputs: st_transition (transitions.sql), tr_previous_poor (the previous year's
-- mpi_poor_persons per area, from its statistics: steps.transitions).
WITH t AS (
    SELECT from_year, area_code, stayed + exited + not_resurveyed AS accounted
    FROM st_transition WHERE from_year < year
), prev AS (
    SELECT area_code, mpi_poor_persons FROM tr_previous_poor
)
SELECT coalesce(t.area_code, prev.area_code) AS area_code,
    coalesce(t.accounted, 0) AS accounted, coalesce(prev.mpi_poor_persons, 0) AS previous_poor
FROM t FULL JOIN prev USING (area_code)
WHERE coalesce(t.accounted, 0) <> coalesce(prev.mpi_poor_persons, 0)
