-- Step: cross-row rules of bmn_person, applied to rows that passed every row rule.
-- Grain: updates chk_bmn_person (one row per source row) in place; dup_person keeps the
-- rejected duplicates' NIDs for the build report.
-- A NID in two households is kept in the first household by household_id order (and the
-- first row within a household); a second head in a household is rejected (first by row kept).
-- Duplicates are found by aggregation (few groups have count > 1), not by a window over all.
UPDATE chk_bmn_person SET _reason = 'duplicate_nid'
WHERE _row IN (
    SELECT unnest(list(_row ORDER BY household_id, _row)[2:]) FROM chk_bmn_person
    WHERE _reason IS NULL AND nid IS NOT NULL
    GROUP BY nid HAVING count(*) > 1
);

UPDATE chk_bmn_person SET _reason = 'duplicate_head'
WHERE _row IN (
    SELECT unnest(list(_row ORDER BY _row)[2:]) FROM chk_bmn_person
    WHERE _reason IS NULL AND relation = 'head'
    GROUP BY household_id HAVING count(*) > 1
);

CREATE OR REPLACE TABLE dup_person AS
SELECT nid, household_id, _row FROM chk_bmn_person WHERE _reason = 'duplicate_nid';
