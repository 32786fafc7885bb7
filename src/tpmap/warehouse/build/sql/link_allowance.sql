-- Step: the allowances per NID, in registry order (link_persons.sql joins them).
-- Grain: one row per NID. Inputs: stg_allowance.
CREATE OR REPLACE TABLE lnk_allowance AS
SELECT nid,
    list({'kind': kind, 'monthly_amount': monthly_amount, 'paying_agency': paying_agency} ORDER BY _row) AS allowances,
    bool_or(kind = 'elderly') AS elderly_allowance
FROM stg_allowance GROUP BY nid;
