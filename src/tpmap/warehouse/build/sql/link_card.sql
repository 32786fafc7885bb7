-- Step: the welfare-card registry per NID (its latest registration; link_persons.sql
-- joins it). Grain: one row per NID. Inputs: stg_welfare_card.
CREATE OR REPLACE TABLE lnk_card AS
SELECT nid,
    arg_max(status, (coalesce(registered_round, -1), _row)) = 'active' AS welfare_card,
    arg_max(registered_round, (coalesce(registered_round, -1), _row)) AS card_round,
    arg_max(monthly_benefit, (coalesce(registered_round, -1), _row)) AS card_monthly_benefit,
    arg_max(village_code, (coalesce(registered_round, -1), _row)) AS card_village_code
FROM stg_welfare_card GROUP BY nid;
