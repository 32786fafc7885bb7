-- Step: outcomes across data years (F21): each person's MPI-poor status in this data year
-- against the previous data year of the build (consecutive folders: 2562 -> 2566).
-- "Poor" is the count's MPI-poor: a surveyed member of an MPI-poor household, not excluded
-- by a Logbook correction (out_person.mpi_poor AND NOT excluded; the persons
-- mpi_poor_persons counts). Matched by NID; a person without a NID by household_id (their
-- household's status in the other year stands for them).
-- * from the previous year's poor (tr_prev_person): 'stayed' (surveyed again and poor),
--   'exited' (surveyed again, not poor), 'not_resurveyed' (their NID, or for a person
--   without NID their household, is not in this year's survey; a person excluded as
--   deceased, moved out or not found counts here too);
-- * this year's poor who were not poor then (or not surveyed then): 'entered'.
-- Dimensions: from_dimensions (poor then) and dimensions (poor now; [] when not poor, NULL
-- when not re-surveyed). Per area (st_transition): persons by status and, per dimension,
-- exits (deprived then, no longer now, among those surveyed again) counted where they
-- lived then, and entries (deprived now, not then) counted where they live now.
-- Grain: out_transition one row per person poor in either year; st_transition one row per area
-- with a transition. tr_prev_person / tr_prev_household then hold this year's poor for
-- the next year (kept across years: their prefix is not dropped).
-- Inputs: out_person, out_household, tr_prev_person, tr_prev_household; $year, $from_year
-- ($from_year = $year for the first year of a build: no transition).
CREATE OR REPLACE MACRO tr_dims(h, l, e, i, a) AS
    list_concat(CASE WHEN h THEN ['health'] ELSE []::VARCHAR[] END,
                CASE WHEN l THEN ['living'] ELSE []::VARCHAR[] END,
                CASE WHEN e THEN ['education'] ELSE []::VARCHAR[] END,
                CASE WHEN i THEN ['income'] ELSE []::VARCHAR[] END,
                CASE WHEN a THEN ['access'] ELSE []::VARCHAR[] END);

CREATE OR REPLACE TABLE tr_cur AS
SELECT nid, household_id, member_no, village_code,
    CASE WHEN mpi_poor AND NOT excluded
         THEN tr_dims(deprived_health, deprived_living, deprived_education, deprived_income,
                      deprived_access)
         ELSE []::VARCHAR[] END AS dims
FROM out_person
WHERE surveyed AND NOT (excluded AND NOT list_contains(correction_kinds, 'not_poor'));

CREATE OR REPLACE TABLE out_transition AS
WITH prev_side AS (
    SELECT pp.nid,
        coalesce(c.household_id, h.household_id) AS household_id,
        c.member_no,
        coalesce(c.village_code, h.village_code) AS village_code,
        pp.household_id AS from_household_id, pp.member_no AS from_member_no,
        pp.village_code AS from_village_code, pp.dims AS from_dimensions,
        CASE WHEN c.household_id IS NOT NULL THEN c.dims
             WHEN h.household_id IS NOT NULL
             THEN CASE WHEN h.counted_poor THEN h.failed_dimensions ELSE []::VARCHAR[] END
        END AS dimensions
    FROM tr_prev_person pp
    LEFT JOIN tr_cur c ON pp.nid IS NOT NULL AND c.nid = pp.nid
    LEFT JOIN out_household h ON pp.nid IS NULL AND h.household_id = pp.household_id
), entered AS (
    SELECT c.nid, c.household_id, c.member_no, c.village_code,
        NULL::VARCHAR AS from_household_id, NULL::BIGINT AS from_member_no,
        NULL::VARCHAR AS from_village_code, []::VARCHAR[] AS from_dimensions,
        c.dims AS dimensions
    FROM tr_cur c
    WHERE len(c.dims) > 0 AND CAST($from_year AS INTEGER) < CAST($year AS INTEGER)
      AND CASE WHEN c.nid IS NOT NULL
               THEN c.nid NOT IN (SELECT nid FROM tr_prev_person WHERE nid IS NOT NULL)
               ELSE c.household_id NOT IN (SELECT household_id FROM tr_prev_household) END
)
SELECT CAST($year AS INTEGER) AS year, CAST($from_year AS INTEGER) AS from_year, *,
    CASE WHEN dimensions IS NULL THEN 'not_resurveyed'
         WHEN len(dimensions) > 0 THEN 'stayed' ELSE 'exited' END AS status
FROM prev_side
UNION ALL
SELECT CAST($year AS INTEGER), CAST($from_year AS INTEGER), *, 'entered' FROM entered;

CREATE OR REPLACE TABLE st_transition AS
WITH cells AS (
    SELECT from_village_code AS v,
        (status = 'stayed')::INTEGER AS stayed, (status = 'exited')::INTEGER AS exited,
        0 AS entered, (status = 'not_resurveyed')::INTEGER AS not_resurveyed,
        (status <> 'not_resurveyed' AND list_contains(from_dimensions, 'health') AND NOT list_contains(dimensions, 'health'))::INTEGER AS health_exited,
        0 AS health_entered,
        (status <> 'not_resurveyed' AND list_contains(from_dimensions, 'living') AND NOT list_contains(dimensions, 'living'))::INTEGER AS living_exited,
        0 AS living_entered,
        (status <> 'not_resurveyed' AND list_contains(from_dimensions, 'education') AND NOT list_contains(dimensions, 'education'))::INTEGER AS education_exited,
        0 AS education_entered,
        (status <> 'not_resurveyed' AND list_contains(from_dimensions, 'income') AND NOT list_contains(dimensions, 'income'))::INTEGER AS income_exited,
        0 AS income_entered,
        (status <> 'not_resurveyed' AND list_contains(from_dimensions, 'access') AND NOT list_contains(dimensions, 'access'))::INTEGER AS access_exited,
        0 AS access_entered
    FROM out_transition WHERE status <> 'entered'
    UNION ALL
    SELECT village_code, 0, 0, (status = 'entered')::INTEGER, 0,
        0, (list_contains(dimensions, 'health') AND NOT list_contains(from_dimensions, 'health'))::INTEGER,
        0, (list_contains(dimensions, 'living') AND NOT list_contains(from_dimensions, 'living'))::INTEGER,
        0, (list_contains(dimensions, 'education') AND NOT list_contains(from_dimensions, 'education'))::INTEGER,
        0, (list_contains(dimensions, 'income') AND NOT list_contains(from_dimensions, 'income'))::INTEGER,
        0, (list_contains(dimensions, 'access') AND NOT list_contains(from_dimensions, 'access'))::INTEGER
    FROM out_transition WHERE status IN ('stayed', 'entered')
)
SELECT CAST($year AS INTEGER) AS year, CAST($from_year AS INTEGER) AS from_year,
    coalesce(v, s, d, p, 'TH') AS area_code,
    sum(stayed) AS stayed, sum(exited) AS exited, sum(entered) AS entered,
    sum(not_resurveyed) AS not_resurveyed,
    sum(health_exited) AS health_exited, sum(health_entered) AS health_entered,
    sum(living_exited) AS living_exited, sum(living_entered) AS living_entered,
    sum(education_exited) AS education_exited, sum(education_entered) AS education_entered,
    sum(income_exited) AS income_exited, sum(income_entered) AS income_entered,
    sum(access_exited) AS access_exited, sum(access_entered) AS access_entered
FROM (SELECT *, substr(v, 1, 2) AS p, substr(v, 1, 4) AS d, substr(v, 1, 6) AS s FROM cells)
GROUP BY GROUPING SETS ((), (p), (d), (s), (v))
HAVING count(*) > 0;

-- This year's poor, for the next year's transitions.
CREATE OR REPLACE TABLE tr_prev_person AS
SELECT CAST($year AS INTEGER) AS year, nid, household_id, member_no, village_code, dims
FROM tr_cur WHERE len(dims) > 0;

CREATE OR REPLACE TABLE tr_prev_household AS
SELECT DISTINCT household_id FROM tr_prev_person WHERE nid IS NULL;

DROP TABLE tr_cur;
