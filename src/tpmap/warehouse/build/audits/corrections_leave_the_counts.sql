-- Audit: a person excluded by a Logbook correction (deceased, moved out, not found, or of a
-- not-poor household) is in no group and no target, and a household counted MPI-poor is
-- MPI-poor by the survey, not excluded, with its counted members among its members.
-- Scope: year
-- Inputs: out_person, out_household.
SELECT 'person' AS kind, household_id, member_no, "group" AS group_id, NULL::BIGINT AS members,
    NULL::BIGINT AS counted_members
FROM out_person
WHERE excluded AND ("group" IS NOT NULL OR len(groups) > 0 OR is_target)
UNION ALL
SELECT 'household', household_id, NULL, NULL, members, counted_members
FROM out_household
WHERE (counted_poor AND (NOT mpi_poor OR excluded OR counted_members = 0))
    OR counted_members > members
    OR (excluded AND counted_members > 0)
