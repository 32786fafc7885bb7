"""Property: the children of an area sum to the area, for every additive statistic."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.warehouse.sources_kit import household, write_source
from tpmap.core import nid
from tpmap.core.areas import parent_code
from tpmap.warehouse.build import build
from tpmap.warehouse.read.base import SCOPES, Warehouse
from tpmap.warehouse.read.statistics import summary

VILLAGES = ["34010101", "34010102", "34010401", "34020101", "50010101", "50010102"]
ADDITIVE = [
    "households_surveyed",
    "persons_surveyed",
    "mpi_poor_households",
    "mpi_poor_persons",
    "target_persons",
    "target_households",
    "af_poor_persons",
    *(
        f"{d}_{k}"
        for d in ("health", "living", "education", "income", "access")
        for k in ("households", "persons", "target_persons")
    ),
]

household_st = st.tuples(
    st.sampled_from(VILLAGES),
    st.sets(
        st.sampled_from([1, 4, 5, 7, 8, 9, 10, 11, 15, 16, 17, 19, 20, 21, 22, 27, 28]), max_size=6
    ),
    st.lists(st.tuples(st.integers(0, 95), st.booleans()), min_size=1, max_size=5),
)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(household_st, min_size=1, max_size=25))
def test_children_sum_to_their_parent(
    hhs: list[tuple[str, set[int], list[tuple[int, bool]]]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        y = Path(tmp) / "s" / "2566"
        hrows, prows, cards = [], [], []
        carded: set[str] = set()  # households where someone holds an active card
        serial = 0
        for k, (village, fails, members) in enumerate(hhs):
            hid = f"H{k:04d}"
            hrows.append(household(hid, village, "2560", fails=tuple(fails)))
            for m, (age, card) in enumerate(members):
                serial += 1
                first12 = f"3{serial:011d}"
                n = first12 + str(nid.check_digit(first12))
                prows.append(
                    {
                        "household_id": hid,
                        "nid": n,
                        "first_name": "ก",
                        "last_name": "ข",
                        "sex": "F",
                        "age": age,
                        "relation": "head" if m == 0 else "child",
                    }
                )
                if card:
                    cards.append({"nid": n, "status": "active"})
                    carded.add(hid)
        write_source(y, "bmn_household", hrows)
        write_source(y, "bmn_person", prows)
        write_source(y, "welfare_card", cards or [{"nid": "", "status": "active"}])
        build(Path(tmp) / "s", Path(tmp) / "wh")
        with Warehouse(Path(tmp) / "wh") as wh:
            for scope in SCOPES:
                _assert_children_sum_to_parent(wh, scope)
            all_th, no_card_th = (
                summary(wh, year=2566, area="TH", scope=scope) for scope in ("all", "no_card")
            )
        assert all_th["persons_surveyed"] == len(prows)
        assert all_th["households_surveyed"] == len(hrows)
        assert no_card_th["households_surveyed"] == len(hrows) - len(carded)
        assert no_card_th["persons_surveyed"] == sum(
            1 for p in prows if p["household_id"] not in carded
        )


def _assert_children_sum_to_parent(wh: Warehouse, scope: str) -> None:
    stats = {
        r["area_code"]: r
        for r in wh.engine.fetchdicts(
            "SELECT * FROM area_stats WHERE year = 2566 AND scope = ?", [scope]
        )
    }
    groups = {
        (a, g): n
        for a, g, n in wh.engine.fetchall(
            "SELECT area_code, group_id, first_match FROM area_group_stats "
            "WHERE year = 2566 AND scope = ?",
            [scope],
        )
    }
    inds = {
        (a, i): (h, p)
        for a, i, h, p in wh.engine.fetchall(
            "SELECT area_code, indicator, households, persons FROM area_indicator_stats "
            "WHERE year = 2566 AND scope = ?",
            [scope],
        )
    }
    for parent in stats:
        if len(parent) == 8:
            continue  # villages are the leaves
        kids = [c for c in stats if parent_code(c) == parent]
        for key in ADDITIVE:
            assert stats[parent][key] == sum(stats[c][key] for c in kids), (scope, parent, key)
        for g in ("1.1", "1.2", "2", "3.1"):
            assert groups.get((parent, g), 0) == sum(groups.get((c, g), 0) for c in kids)
        for i in (7, 22):
            for part in (0, 1):
                assert inds.get((parent, i), (0, 0))[part] == sum(
                    inds.get((c, i), (0, 0))[part] for c in kids
                ), (scope, parent, i)
