-- Macros shared by the build steps.
-- nid_valid: 13 ASCII digits whose 13th is (11 - sum(d_i * (14 - i)) mod 11) mod 10.
CREATE OR REPLACE MACRO nid_valid(n) AS
    regexp_full_match(n, '[0-9]{13}')
    AND (11 - (
          13 * TRY_CAST(substr(n, 1, 1) AS INTEGER) + 12 * TRY_CAST(substr(n, 2, 1) AS INTEGER)
        + 11 * TRY_CAST(substr(n, 3, 1) AS INTEGER) + 10 * TRY_CAST(substr(n, 4, 1) AS INTEGER)
        +  9 * TRY_CAST(substr(n, 5, 1) AS INTEGER) +  8 * TRY_CAST(substr(n, 6, 1) AS INTEGER)
        +  7 * TRY_CAST(substr(n, 7, 1) AS INTEGER) +  6 * TRY_CAST(substr(n, 8, 1) AS INTEGER)
        +  5 * TRY_CAST(substr(n, 9, 1) AS INTEGER) +  4 * TRY_CAST(substr(n, 10, 1) AS INTEGER)
        +  3 * TRY_CAST(substr(n, 11, 1) AS INTEGER) + 2 * TRY_CAST(substr(n, 12, 1) AS INTEGER)
      ) % 11) % 10 = TRY_CAST(substr(n, 13, 1) AS INTEGER);

-- Full years from a birth date to 1 January of the Gregorian reference year (never negative).
CREATE OR REPLACE MACRO age_on_jan1(birth, ref_year) AS
    greatest(0, ref_year - year(birth) - CASE WHEN month(birth) = 1 AND day(birth) = 1 THEN 0 ELSE 1 END);

-- One source's rows as the audits count them: read (chk_), accepted (stg_), rejected (rej_).
CREATE OR REPLACE MACRO source_rows(src) AS TABLE
    SELECT src AS source,
        (SELECT count(*) FROM query_table('chk_' || src)) AS rows_in,
        (SELECT count(*) FROM query_table('stg_' || src)) AS accepted,
        (SELECT count(*) FROM query_table('rej_' || src)) AS rejected;

-- The person facts no one outside the survey has (a household, its answers, an MPI, a
-- correction): person_facts_registry.sql and person_facts_logbook.sql add them as one row.
CREATE OR REPLACE MACRO unsurveyed_facts() AS TABLE
    SELECT FALSE AS surveyed, NULL AS household_id, NULL AS member_no,
        NULL AS relation, NULL AS education, NULL AS occupation, NULL AS income_year,
        NULL AS is_chronic_patient, NULL AS self_reliant,
        FALSE AS mpi_poor, FALSE AS deprived_health, FALSE AS deprived_living,
        FALSE AS deprived_education, FALSE AS deprived_income, FALSE AS deprived_access,
        0 AS failed_count, 0 AS failed_dimensions,
        NULL AS income_per_person, NULL AS has_dependent, FALSE AS is_farmer,
        NULL AS household_has_unregistered_farmer, NULL AS household_welfare_card,
        FALSE AS excluded, []::VARCHAR[] AS correction_kinds;
