"""The public release of area statistics: small counts hidden, and every count hidden that
subtraction within the area hierarchy would give back (tpmap.warehouse.build.suppression)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tpmap.core.areas import parent_code
from tpmap.warehouse.build.suppression import write_public_tables
from tpmap.warehouse.engine import DuckDBEngine, connect
from tpmap.warehouse.layout import PUBLIC_COUNTS

# Target persons of a small country. Hand-computed, from the top down:
# * provinces (parent TH published): none is 1-4, nothing hidden;
# * districts of 34: 3401 = 3 is small; it is the only hidden one and 34 is published, so
#   34 - 3402 - 3403 would give it back: the smallest other non-zero, 3402 (40), is hidden;
# * subdistricts of 3402 (hidden): none small, so 3402 = 340201 + 340202 would give it
#   back: the smaller, 340201 (15), is hidden; 340101 = 3 is small;
# * villages: 34020101 (15) is the only village of hidden 340201: hidden; 34010101 = 3
#   small; in 350101 (published 10), 35010102 = 4 is small and alone: 35010101 (6) hidden.
TARGET = {
    "TH": 160,
    "34": 150,
    "35": 10,
    "3401": 3,
    "3402": 40,
    "3403": 107,
    "340101": 3,
    "340201": 15,
    "340202": 25,
    "340301": 107,
    "34010101": 3,
    "34020101": 15,
    "34020201": 25,
    "34030101": 107,
    "3501": 10,
    "350101": 10,
    "35010101": 6,
    "35010102": 4,
}
SMALL = {"3401", "340101", "34010101", "35010102"}
COMPLEMENTARY = {"3402", "340201", "34020101", "35010101"}


def _engine(
    stats: dict[str, dict[str, int]], indicators: dict[tuple[str, int], int]
) -> DuckDBEngine:
    eng = connect(None)
    cols = ", ".join(f"{c} BIGINT" for c in PUBLIC_COUNTS)
    eng.execute(f"CREATE TABLE area_stats (year INTEGER, scope VARCHAR, area_code VARCHAR, {cols})")
    eng.execute(
        "CREATE TABLE area_indicator_stats (year INTEGER, scope VARCHAR, area_code VARCHAR, "
        "indicator INTEGER, households BIGINT, persons BIGINT)"
    )
    marks = ", ".join("?" for _ in PUBLIC_COUNTS)
    for area, values in stats.items():
        eng.execute(
            f"INSERT INTO area_stats VALUES (2566, 'all', ?, {marks})",
            [area, *(values.get(c, 0) for c in PUBLIC_COUNTS)],
        )
    for (area, ind), n in indicators.items():
        eng.execute(
            "INSERT INTO area_indicator_stats VALUES (2566, 'all', ?, ?, ?, ?)", [area, ind, n, n]
        )
    return eng


def _hidden(eng: DuckDBEngine, column: str, scope: str = "all") -> set[str]:
    return {
        str(a)
        for (a,) in eng.fetchall(
            f"SELECT area_code FROM public_area_stats WHERE scope = ? AND {column} IS NULL",
            [scope],
        )
    }


def test_small_counts_and_their_complements_are_hidden_down_to_a_village() -> None:
    stats = {a: {"target_persons": n, "households_surveyed": 1000} for a, n in TARGET.items()}
    indicators = {("TH", 7): 9, ("34", 7): 9, ("3401", 7): 2, ("3402", 7): 7}
    indicators |= {("340101", 7): 2, ("340201", 7): 7, ("34010101", 7): 2, ("34020101", 7): 7}
    with _engine(stats, indicators) as eng:
        counts = write_public_tables(eng)
        assert _hidden(eng, "target_persons") == SMALL | COMPLEMENTARY
        assert _hidden(eng, "households_surveyed") == set()
        shown = dict(
            eng.fetchall("SELECT area_code, target_persons FROM public_area_stats")  # type: ignore[arg-type]
        )
        assert shown["3403"] == 107 and shown["TH"] == 160 and shown["3401"] is None
        ind = dict(
            eng.fetchall(  # type: ignore[arg-type]
                "SELECT area_code, households FROM public_area_indicator_stats WHERE indicator = 7"
            )
        )
        assert ind == {
            "TH": 9,
            "34": 9,
            "3401": None,
            "3402": None,  # 9 - 2 would be 7 ... and 9 - 7 would give 3401 back
            "340101": None,
            "340201": None,  # the only child of hidden 3402
            "34010101": None,
            "34020101": None,
        }
        # 4 small target counts + 3 small indicator counts; 4 + 3 complementary.
        assert counts == {
            "hidden_small": 7,
            "hidden_complementary": 7,
            "cells": len(TARGET) * len(PUBLIC_COUNTS) + 8,
        }
        assert not eng.table_exists("pub_cells")


def test_a_small_difference_between_the_two_scopes_is_hidden_too() -> None:
    """Households without a card, beside all households: in 34 all = 150 and no card = 147,
    so 3 target persons live with a card there; the no-card count is hidden (else 150 - 147
    would publish the 3). 35 (no card 9 of 10) is hidden likewise. The country counts 40
    registry-only card holders more in 'all' (200 against 156): nothing small. Under the
    published country two provinces are hidden, which is enough; in 3401 and 3402 the
    difference is 0: nothing to hide."""
    stats = {a: {"target_persons": n} for a, n in TARGET.items()}
    no_card = {"TH": 156, "34": 147, "35": 9, "3401": 3, "3402": 40, "3403": 104}
    with _engine(stats, {}) as eng:
        for area, n in no_card.items():
            eng.execute(
                "INSERT INTO area_stats (year, scope, area_code, target_persons) "
                "VALUES (2566, 'no_card', ?, ?)",
                [area, n],
            )
        eng.execute("UPDATE area_stats SET target_persons = 200 WHERE area_code = 'TH'")
        write_public_tables(eng)
        assert _hidden(eng, "target_persons", "all") == SMALL | COMPLEMENTARY
        # 34 (difference 3), 35 (difference 1), 3401 (3, small), and 3403 (difference 3);
        # under hidden 34, 3401 and 3403 are hidden already: no complement is needed.
        assert _hidden(eng, "target_persons", "no_card") == {"34", "35", "3401", "3403"}


# A random country: provinces 10-11, districts 2 per province, subdistricts 2, villages 3.
VILLAGES = [
    f"{p}{d:02d}{s:02d}{v:02d}" for p in (10, 11) for d in (1, 2) for s in (1, 2) for v in (1, 2, 3)
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 12), min_size=len(VILLAGES), max_size=len(VILLAGES)))
def test_no_hidden_count_is_the_difference_of_published_ones(values: list[int]) -> None:
    """Within every parent and its children (one equation parent = sum of children): never
    exactly one unknown. With the parent hidden, at least one child is hidden too."""
    totals: dict[str, int] = {}
    for village, n in zip(VILLAGES, values, strict=True):
        code: str | None = village
        while code is not None:
            totals[code] = totals.get(code, 0) + n
            code = parent_code(code)
    stats = {a: {"target_persons": n} for a, n in totals.items()}
    with _engine(stats, {}) as eng:
        write_public_tables(eng)
        public: dict[str, Any] = dict(
            eng.fetchall("SELECT area_code, target_persons FROM public_area_stats")  # type: ignore[arg-type]
        )
    for area, n in totals.items():
        if 1 <= n <= 4:
            assert public[area] is None, area
        if public[area] is not None:
            assert public[area] == n
    for parent in totals:
        kids = [a for a in totals if parent_code(a) == parent]
        if not kids:
            continue
        unknown = [k for k in kids if public[k] is None]
        if public[parent] is not None:
            assert len(unknown) != 1, (parent, unknown)
        elif totals[parent] > 0:
            assert unknown, parent
