"""The priority order of home visits (INDICATORS.md section 5, the 2564 guidance), computed
in the build as a rank: ``priority`` 1 is visited first.

Households are ranked when they have a member placed in a group of the year's policy, or
are MPI-poor after the Logbook's corrections (``counted_poor``); others have no rank. The
order, each term breaking the ties of the ones before:

1. the best group of a member, in the policy's group order; groups sharing the number
   before the dot are one group (1.1 and 1.2 are both group 1, so they tie);
2. households deprived in at least 3 of the 5 dimensions, or in income, living and health
   together, first;
3. failed_count, highest first;
4. a household with a dependent (has_dependent) first;
5. lowest income per person first (unknown last);
6. (hook) longest time without assistance: Logbook data the build does not receive yet;
   when a source brings it, add its term here (e.g. ``last_assisted_on ASC NULLS FIRST``);
7. household_id.

Target persons are ranked by their household's rank, then member_no (persons with no
household, possible only under a custom policy, have no rank).
"""

from __future__ import annotations

from tpmap.core.policies import Policy
from tpmap.warehouse.engine import sql_literal

#: The household order after the group term; the hook of the guidance goes in here.
HOUSEHOLD_ORDER: tuple[str, ...] = (
    "CASE WHEN len(h.failed_dimensions) >= 3 "
    "OR (h.deprived_income AND h.deprived_living AND h.deprived_health) THEN 0 ELSE 1 END",
    "h.failed_count DESC",
    "h.has_dependent DESC",
    "h.income_per_person ASC NULLS LAST",
    "h.household_id",
)


def group_ranks(policy: Policy) -> dict[str, int]:
    """Group id -> its rank in the policy's order, groups of one number (1.1, 1.2) equal."""
    majors: list[str] = []
    for g in policy.groups:
        major = g.id.split(".")[0]
        if major not in majors:
            majors.append(major)
    return {g.id: majors.index(g.id.split(".")[0]) + 1 for g in policy.groups}


def priority_script(policy: Policy) -> str:
    """SQL giving out_household and out_person their ``priority`` column."""
    whens = " ".join(
        f"WHEN {sql_literal(gid)} THEN {rank}" for gid, rank in group_ranks(policy).items()
    )
    order = ", ".join(("b.group_rank", *HOUSEHOLD_ORDER))
    return f"""
CREATE OR REPLACE TABLE hh_priority AS
WITH b AS (
    SELECT household_id, min(CASE "group" {whens} END) AS group_rank
    FROM out_person WHERE household_id IS NOT NULL AND "group" IS NOT NULL
    GROUP BY household_id
)
SELECT h.household_id, row_number() OVER (ORDER BY {order}) AS priority
FROM out_household h LEFT JOIN b USING (household_id)
WHERE b.group_rank IS NOT NULL OR h.counted_poor;

ALTER TABLE out_household ADD COLUMN priority BIGINT;
UPDATE out_household SET priority = r.priority FROM hh_priority r
WHERE out_household.household_id = r.household_id;

ALTER TABLE out_person ADD COLUMN priority BIGINT;
UPDATE out_person SET priority = r.priority FROM (
    SELECT p.household_id, p.member_no,
        row_number() OVER (ORDER BY hp.priority, p.member_no) AS priority
    FROM out_person p JOIN hh_priority hp USING (household_id)
    WHERE p.is_target
) r
WHERE out_person.household_id = r.household_id AND out_person.member_no = r.member_no;
"""
