-- Step: the welfare-card registry per NID (its latest registration; link_persons.sql
-- joins it). Grain: one row per NID. Inputs: stg_welfare_card.
-- One arg_max of the registration's fields together, not one per field.
CREATE OR REPLACE TABLE lnk_card AS
SELECT nid,
    latest.status = 'active' AS welfare_card,
    latest.registered_round AS card_round,
    latest.monthly_benefit AS card_monthly_benefit,
    latest.village_code AS card_village_code
FROM (
    SELECT nid,
        arg_max(
            {'status': status, 'registered_round': registered_round,
             'monthly_benefit': monthly_benefit, 'village_code': village_code},
            (coalesce(registered_round, -1), _row)
        ) AS latest
    FROM stg_welfare_card GROUP BY nid
);
