-- Step: the Logbook's corrections of the survey (logbook_correction), matched to the year's
-- households and members (docs/data-core.md, "Corrections").
-- * A row matches when its household is an accepted household of the year and, when it
--   names a member_no, that household has a member with that member_no. A row that
--   matches nothing is kept in lnk_correction (matched = FALSE) and counted in the report.
-- * Excluding kinds: deceased, moved_out and not_found exclude the member named (or every
--   member, for a whole-household row); not_poor excludes the whole household (the
--   household is the unit of identification), whether or not a member is named.
--   wrong_data is recorded only.
-- * An excluded person stays in the survey tables and counts (households_surveyed,
--   persons_surveyed, AF) but is in no group, no target and no MPI-poor count.
-- Grain: lnk_correction one row per accepted correction; lnk_household_correction one row
-- per household with a matched correction; lnk_person_correction one row per surveyed
-- person with a matched correction (whole-household rows reach every member).
-- Inputs: stg_logbook_correction, stg_bmn_household, lnk_person.
CREATE OR REPLACE TABLE lnk_correction AS
SELECT c.record_id, c.household_id, c.member_no, c.kind, c.effective_on, c.approved_on,
    h.household_id IS NOT NULL AND (c.member_no IS NULL OR m.member_no IS NOT NULL) AS matched,
    c.kind = 'not_poor' OR (c.member_no IS NULL AND c.kind IN ('deceased', 'moved_out', 'not_found'))
        AS household_wide
FROM stg_logbook_correction c
LEFT JOIN (SELECT household_id FROM stg_bmn_household) h USING (household_id)
LEFT JOIN (SELECT household_id, member_no FROM lnk_person) m
    ON m.household_id = c.household_id AND m.member_no = c.member_no;

CREATE OR REPLACE TABLE lnk_household_correction AS
SELECT household_id,
    list_sort(list_distinct(list(kind))) AS correction_kinds,
    bool_or(household_wide) AS excluded
FROM lnk_correction WHERE matched GROUP BY household_id;

CREATE OR REPLACE TABLE lnk_person_correction AS
SELECT p.household_id, p.member_no,
    list_sort(list_distinct(list(c.kind))) AS correction_kinds,
    bool_or(c.household_wide OR c.kind IN ('deceased', 'moved_out', 'not_found')) AS excluded
FROM (SELECT * FROM lnk_correction WHERE matched) c
JOIN (SELECT household_id, member_no FROM lnk_person
      WHERE household_id IN (SELECT household_id FROM lnk_correction WHERE matched)) p
    ON p.household_id = c.household_id
   AND (c.member_no IS NULL OR c.household_wide OR c.member_no = p.member_no)
GROUP BY p.household_id, p.member_no;
