-- Step: a registry that holds one record per person (disability, health_coverage) keeps the
-- first row of a NID among rows that passed the row rules; later ones are duplicate_nid.
-- Grain: one row per source row. Inputs: chk_{source}. Output: chk_{source} replaced.
-- {table} is substituted with an escaped identifier by the build.
CREATE OR REPLACE TABLE {table} AS
SELECT * EXCLUDE (_reason, _rank),
    CASE WHEN _reason IS NULL AND _rank > 1 THEN 'duplicate_nid' ELSE _reason END AS _reason
FROM (
    SELECT *, CASE WHEN _reason IS NULL
                   THEN row_number() OVER (PARTITION BY _reason IS NULL, nid ORDER BY _row) END AS _rank
    FROM {table}
);
