"""Personas of the mentor and visit tests (besides tests/web_kit.py's):
* ``somsri``  a mentor account of Mueang Ubon (3401), who mentors H1 and H3;
* ``loei``    Loei's administrator (province 42), whose province works 1 mentor : 1 household.
Households of the test warehouse by home-visit priority: H3 rank 1, H1 rank 2, H5 rank 3,
H4 rank 4, H2 rank 5 (H2 is neither MPI-poor nor a target household)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.web_kit import H1, H2, H3, H4, H5, YEAR, make_user
from tpmap.logbook.services import HouseholdRef

TODAY = date(2026, 12, 1)
REFS = {
    H1: HouseholdRef(YEAR, H1, "34010101"),
    H2: HouseholdRef(YEAR, H2, "34010101"),
    H3: HouseholdRef(YEAR, H3, "34010102"),
    H4: HouseholdRef(YEAR, H4, "34020101"),
    H5: HouseholdRef(YEAR, H5, "35010101"),
}


@pytest.fixture
def somsri(people: dict[str, Any]) -> Any:
    return make_user("somsri", "mentor", "3401", "โรงเรียนบ้านนาคำ")
