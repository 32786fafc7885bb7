-- Step: statistics of every area (country, province, district, subdistrict, village) for
-- the year, in three tables: wide counts, indicator counts, group counts; each twice, by
-- scope: 'all' households, and 'no_card' = only households where no member holds an
-- active welfare card (their persons likewise; registry-only card holders never count).
-- Grain: one row per (year, scope, area) with data; (year, scope, area, indicator);
-- (year, scope, area, group).
-- MPI-poor counts (households, persons, per dimension, per indicator) follow the Logbook's
-- corrections: counted_poor households and their counted_members (households_out.sql);
-- households_surveyed, persons_surveyed and the AF figures stay as surveyed.
-- st_person also counts the persons whose sources disagree (F1, link_persons.sql:
-- check_*), never published.
-- This file makes the inputs of the three parts, which run at once (steps.area_statistics):
-- area_stats_households.sql (st_household, st_indicator), area_stats_persons.sql
-- (st_person) and area_stats_groups.sql (st_group).
-- Inputs: out_household, out_person; $year.
CREATE OR REPLACE VIEW st_in_household AS
SELECT 'all' AS scope, * FROM out_household
UNION ALL
SELECT 'no_card' AS scope, * FROM out_household WHERE card_members = 0;

CREATE OR REPLACE VIEW st_in_person AS
SELECT 'all' AS scope, * FROM out_person
UNION ALL
SELECT 'no_card' AS scope, p.* FROM out_person p
WHERE p.household_id IN (SELECT household_id FROM out_household WHERE card_members = 0);
