-- Macros shared by the build steps.
-- nid_valid: 13 ASCII digits whose 13th is (11 - sum(d_i * (14 - i)) mod 11) mod 10.
-- nid_valid_as(n, k) is the same rule given the text n and its number k (TRY_CAST(n AS
-- BIGINT)): the build's row checks cast each NID once, in a subquery (validation.check),
-- because a macro's argument is copied into every place it is used. Taking the digits apart
-- by arithmetic on the number is cheaper than casting 12 substrings (8.3 M NIDs checked on
-- 2 threads: 3.1-3.7 s -> 2.1-2.5 s).
CREATE OR REPLACE MACRO nid_valid_as(n, k) AS
    regexp_full_match(n, '[0-9]{13}')
    AND (11 - (
        13 * ((k // 1000000000000) % 10) + 12 * ((k // 100000000000) % 10) + 11 * ((k // 10000000000) % 10) +
        10 * ((k // 1000000000) % 10) +  9 * ((k // 100000000) % 10) +  8 * ((k // 10000000) % 10) +
         7 * ((k // 1000000) % 10) +  6 * ((k // 100000) % 10) +  5 * ((k // 10000) % 10) +
         4 * ((k // 1000) % 10) +  3 * ((k // 100) % 10) +  2 * ((k // 10) % 10)
      ) % 11) % 10 = k % 10;
CREATE OR REPLACE MACRO nid_valid(n) AS nid_valid_as(n, TRY_CAST(n AS BIGINT));

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
