-- Step: cross-row rules of bmn_person, applied to rows that passed every row rule.
-- Grain: one row per source row of bmn_person (the year's), with the final _reason.
-- Inputs: chk_bmn_person (row rules applied, _reason NULL when the row passed them).
-- A NID in two households is kept in the first household by household_id order (and the
-- first row within a household); a second head in a household is rejected (first by row kept).
CREATE OR REPLACE TABLE chk_person2 AS
WITH nid_ranked AS (
    SELECT *,
        CASE WHEN _reason IS NULL AND nid IS NOT NULL
             THEN row_number() OVER (PARTITION BY _reason IS NULL, nid ORDER BY household_id, _row)
        END AS _nid_rank
    FROM chk_bmn_person
), nid_checked AS (
    SELECT * EXCLUDE (_reason, _nid_rank),
        CASE WHEN _reason IS NULL AND _nid_rank > 1 THEN 'duplicate_nid' ELSE _reason END AS _reason
    FROM nid_ranked
), head_ranked AS (
    SELECT *,
        CASE WHEN _reason IS NULL AND relation = 'head'
             THEN row_number() OVER (PARTITION BY _reason IS NULL, relation = 'head', household_id ORDER BY _row)
        END AS _head_rank
    FROM nid_checked
)
SELECT * EXCLUDE (_reason, _head_rank),
    CASE WHEN _reason IS NULL AND _head_rank > 1 THEN 'duplicate_head' ELSE _reason END AS _reason
FROM head_ranked;
