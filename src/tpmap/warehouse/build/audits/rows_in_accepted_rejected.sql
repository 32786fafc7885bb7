-- Audit: every row read from a source is either accepted or rejected, never both or lost:
-- rows in = accepted + rejected, per source of the year.
-- Scope: year
-- Inputs: chk_<source> (every row read), stg_<source> (accepted), rej_<source> (rejected),
-- counted by the macro source_rows (sql/macros.sql).
WITH counts AS (
    FROM source_rows('bmn_household') UNION ALL FROM source_rows('bmn_person')
    UNION ALL FROM source_rows('welfare_card') UNION ALL FROM source_rows('allowance')
    UNION ALL FROM source_rows('disability') UNION ALL FROM source_rows('health_coverage')
    UNION ALL FROM source_rows('logbook_person') UNION ALL FROM source_rows('farmer_registry')
    UNION ALL FROM source_rows('logbook_correction') UNION ALL FROM source_rows('logbook_assessment')
)
SELECT source, rows_in, accepted, rejected FROM counts
WHERE rows_in <> accepted + rejected
ORDER BY source
