"""The registries per NID as the link step makes them (link_allowance.sql, link_card.sql),
on hand-made staged rows: every allowance a NID holds, in registry order; the card's latest
registration by round (a registration without a round counts as the oldest), the later row
of the registry breaking a tie."""

from __future__ import annotations

from typing import Any

from tpmap.warehouse.build.queries import load_sql
from tpmap.warehouse.engine import connect

A, B, C = "1100000000016", "1100000000024", "1100000000032"


def linked(
    staged: str, columns: str, rows: list[tuple[Any, ...]], script: str, select: str
) -> list[tuple[Any, ...]]:
    """``select``'s rows after ``script`` ran on a staged table of ``rows`` (bound values)."""
    width = len(rows[0])
    values = ", ".join("(" + ", ".join("?" * width) + ")" for _ in rows)
    with connect(None) as eng:
        eng.execute(
            f"CREATE TABLE {staged} AS SELECT * FROM (VALUES {values}) t({columns})",
            [v for row in rows for v in row],
        )
        eng.run_script(load_sql(script))
        return eng.fetchall(select)


def test_each_nid_gets_its_allowances_in_registry_order() -> None:
    rows = linked(
        "stg_allowance",
        "_row, nid, kind, monthly_amount, paying_agency",
        [
            (1, A, "disability", 1000, "อบต.ในเมือง"),
            (2, B, "elderly", 600, "อบต.ในเมือง"),
            (3, A, "elderly", 700, "เทศบาล"),
            (4, C, "child", 400, None),
        ],
        "link_allowance.sql",
        "SELECT nid, allowances, elderly_allowance FROM lnk_allowance ORDER BY nid",
    )
    assert rows == [
        (
            A,
            [
                {"kind": "disability", "monthly_amount": 1000, "paying_agency": "อบต.ในเมือง"},
                {"kind": "elderly", "monthly_amount": 700, "paying_agency": "เทศบาล"},
            ],
            True,
        ),
        (B, [{"kind": "elderly", "monthly_amount": 600, "paying_agency": "อบต.ในเมือง"}], True),
        (C, [{"kind": "child", "monthly_amount": 400, "paying_agency": None}], False),
    ]


def test_the_card_is_the_latest_registration_by_round_then_row() -> None:
    rows = linked(
        "stg_welfare_card",
        "_row, nid, registered_round, status, monthly_benefit, village_code",
        [
            # A: round 2565 active, then round 2561 cancelled later in the file: 2565 wins.
            (1, A, 2565, "active", 300, "34010101"),
            (2, A, 2561, "cancelled", 200, "34010102"),
            # B: two registrations of round 2565: the later row wins (cancelled).
            (3, B, 2565, "active", 300, "34010101"),
            (4, B, 2565, "cancelled", 0, "34010102"),
            # C: no round counts as the oldest: the 2560 registration wins.
            (5, C, 2560, "active", 200, "34010101"),
            (6, C, None, "cancelled", 0, "34010102"),
        ],
        "link_card.sql",
        "SELECT nid, welfare_card, card_round, card_monthly_benefit, card_village_code "
        "FROM lnk_card ORDER BY nid",
    )
    assert rows == [
        (A, True, 2565, 300, "34010101"),
        (B, False, 2565, 0, "34010102"),
        (C, True, 2560, 200, "34010101"),
    ]
