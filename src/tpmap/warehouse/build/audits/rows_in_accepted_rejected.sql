-- Audit: every row read from a source is either accepted or rejected, never both or lost:
-- rows in = accepted + rejected, per source of the year.
-- Scope: year
-- Inputs: chk_<source> (every row read), stg_<source> (accepted), rej_<source> (rejected).
WITH counts AS (
    SELECT 'bmn_household' AS source,
        (SELECT count(*) FROM chk_bmn_household) AS rows_in,
        (SELECT count(*) FROM stg_bmn_household) AS accepted,
        (SELECT count(*) FROM rej_bmn_household) AS rejected
    UNION ALL
    SELECT 'bmn_person', (SELECT count(*) FROM chk_bmn_person),
        (SELECT count(*) FROM stg_bmn_person), (SELECT count(*) FROM rej_bmn_person)
    UNION ALL
    SELECT 'welfare_card', (SELECT count(*) FROM chk_welfare_card),
        (SELECT count(*) FROM stg_welfare_card), (SELECT count(*) FROM rej_welfare_card)
    UNION ALL
    SELECT 'allowance', (SELECT count(*) FROM chk_allowance),
        (SELECT count(*) FROM stg_allowance), (SELECT count(*) FROM rej_allowance)
    UNION ALL
    SELECT 'disability', (SELECT count(*) FROM chk_disability),
        (SELECT count(*) FROM stg_disability), (SELECT count(*) FROM rej_disability)
    UNION ALL
    SELECT 'health_coverage', (SELECT count(*) FROM chk_health_coverage),
        (SELECT count(*) FROM stg_health_coverage), (SELECT count(*) FROM rej_health_coverage)
    UNION ALL
    SELECT 'logbook_person', (SELECT count(*) FROM chk_logbook_person),
        (SELECT count(*) FROM stg_logbook_person), (SELECT count(*) FROM rej_logbook_person)
    UNION ALL
    SELECT 'farmer_registry', (SELECT count(*) FROM chk_farmer_registry),
        (SELECT count(*) FROM stg_farmer_registry), (SELECT count(*) FROM rej_farmer_registry)
    UNION ALL
    SELECT 'logbook_correction', (SELECT count(*) FROM chk_logbook_correction),
        (SELECT count(*) FROM stg_logbook_correction), (SELECT count(*) FROM rej_logbook_correction)
    UNION ALL
    SELECT 'logbook_assessment', (SELECT count(*) FROM chk_logbook_assessment),
        (SELECT count(*) FROM stg_logbook_assessment), (SELECT count(*) FROM rej_logbook_assessment)
)
SELECT source, rows_in, accepted, rejected FROM counts
WHERE rows_in <> accepted + rejected
ORDER BY source
