-- Audit: every person is in exactly one first-match group (the first group whose rule
-- holds) or in none when no rule holds, and the country counts each person once.
-- Scope: year
-- Inputs: out_person (groups: every rule that holds, "group": the first match), st_group.
SELECT 'person' AS kind, household_id, member_no, "group" AS group_id, groups,
    NULL::BIGINT AS counted, NULL::BIGINT AS persons
FROM out_person
WHERE ("group" IS NULL) <> (coalesce(len(groups), 0) = 0)
    OR ("group" IS NOT NULL AND "group" IS DISTINCT FROM groups[1])
UNION ALL
SELECT 'country', NULL, NULL, NULL, NULL, counted, persons
FROM (
    SELECT
        (SELECT coalesce(sum(first_match), 0) FROM st_group
            WHERE scope = 'all' AND area_code = 'TH') AS counted,
        (SELECT count(*) FROM out_person WHERE "group" IS NOT NULL) AS persons
)
WHERE counted <> persons
