-- Step: the Logbook's re-assessments of the MPI indicators (logbook_assessment), matched
-- to the year's households. The latest assessment of a household (by assessed_on, then
-- the later row) replaces the survey's items it re-assessed; an empty item was not
-- re-assessed and keeps the survey's value. The assessed MPI is then computed by the very
-- SQL of the survey's MPI (queries.household_mpi_sql, the year's mapping) over
-- hh_assessment_input, which has the shape of stg_bmn_household (steps.assessed_mpi).
-- Grain: lnk_assessment one row per accepted assessment (matched or not); hh_assessment_input
-- one row per household with a matched assessment.
-- Inputs: stg_logbook_assessment, stg_bmn_household.
CREATE OR REPLACE TABLE lnk_assessment AS
SELECT a.record_id, a.household_id, a.assessed_on, a._row,
    a.household_id IN (SELECT household_id FROM stg_bmn_household) AS matched
FROM stg_logbook_assessment a;

CREATE OR REPLACE TABLE lnk_assessment_latest AS
SELECT household_id, arg_max(_row, (assessed_on, _row)) AS _row, max(assessed_on) AS assessed_on
FROM lnk_assessment WHERE matched GROUP BY household_id;

CREATE OR REPLACE TABLE hh_assessment_input AS
SELECT h.* REPLACE (
    coalesce(a.ind_01, h.ind_01) AS ind_01,
    coalesce(a.ind_02, h.ind_02) AS ind_02,
    coalesce(a.ind_03, h.ind_03) AS ind_03,
    coalesce(a.ind_04, h.ind_04) AS ind_04,
    coalesce(a.ind_05, h.ind_05) AS ind_05,
    coalesce(a.ind_06, h.ind_06) AS ind_06,
    coalesce(a.ind_07, h.ind_07) AS ind_07,
    coalesce(a.ind_08, h.ind_08) AS ind_08,
    coalesce(a.ind_09, h.ind_09) AS ind_09,
    coalesce(a.ind_10, h.ind_10) AS ind_10,
    coalesce(a.ind_11, h.ind_11) AS ind_11,
    coalesce(a.ind_12, h.ind_12) AS ind_12,
    coalesce(a.ind_13, h.ind_13) AS ind_13,
    coalesce(a.ind_14, h.ind_14) AS ind_14,
    coalesce(a.ind_15, h.ind_15) AS ind_15,
    coalesce(a.ind_16, h.ind_16) AS ind_16,
    coalesce(a.ind_17, h.ind_17) AS ind_17,
    coalesce(a.ind_18, h.ind_18) AS ind_18,
    coalesce(a.ind_19, h.ind_19) AS ind_19,
    coalesce(a.ind_20, h.ind_20) AS ind_20,
    coalesce(a.ind_21, h.ind_21) AS ind_21,
    coalesce(a.ind_22, h.ind_22) AS ind_22,
    coalesce(a.ind_23, h.ind_23) AS ind_23,
    coalesce(a.ind_24, h.ind_24) AS ind_24,
    coalesce(a.ind_25, h.ind_25) AS ind_25,
    coalesce(a.ind_26, h.ind_26) AS ind_26,
    coalesce(a.ind_27, h.ind_27) AS ind_27,
    coalesce(a.ind_28, h.ind_28) AS ind_28,
    coalesce(a.ind_29, h.ind_29) AS ind_29,
    coalesce(a.ind_30, h.ind_30) AS ind_30,
    coalesce(a.ind_31, h.ind_31) AS ind_31,
    coalesce(a.ind_32, h.ind_32) AS ind_32,
    coalesce(a.ind_33, h.ind_33) AS ind_33,
    coalesce(a.ind_34, h.ind_34) AS ind_34,
    coalesce(a.ind_35, h.ind_35) AS ind_35,
    coalesce(a.ind_36, h.ind_36) AS ind_36,
    coalesce(a.ind_37, h.ind_37) AS ind_37,
    coalesce(a.ind_38, h.ind_38) AS ind_38
), l.assessed_on
FROM stg_bmn_household h
JOIN lnk_assessment_latest l USING (household_id)
JOIN stg_logbook_assessment a ON a._row = l._row;
