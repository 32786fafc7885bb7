"""A household's records stamp (``selectors.records_stamp``): the same stamp means the same
records, so the API may serve a household's Logbook document it made before; every change
an officer can make (a record made, changed, deleted, a photo added) changes it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests.logbook.images import jpeg_with_gps
from tests.logbook.test_services import HH1, new_problem
from tests.web_kit import make_user
from tpmap.logbook import services
from tpmap.logbook.photos import clean_photo
from tpmap.logbook.selectors import RecordsStamp, records_stamp
from tpmap.site.officers import Act

pytestmark = pytest.mark.django_db

NONE = (
    ("activity", 0, 0, 0),
    ("classification", 0, 0, 0),
    ("mentor", 0, 0, 0),
    ("photo", 0, 0, 0),
    ("pin", 0, 0, 0),
    ("problem", 0, 0, 0),
)


def _counts(stamp: RecordsStamp) -> dict[str, tuple[int, int, int]]:
    return {kind: (n, top, versions) for kind, n, top, versions in stamp.counts}


def test_a_household_without_records_has_the_empty_stamp(people: dict[str, Any]) -> None:
    stamp = records_stamp(people["district"], HH1)
    assert stamp.counts == NONE
    assert stamp.kinds == set()


def test_each_change_to_a_households_problems_changes_its_stamp(people: dict[str, Any]) -> None:
    somchai = people["team"]
    first = new_problem(somchai)
    one = records_stamp(somchai, HH1)
    assert _counts(one)["problem"] == (1, first.pk, 1)
    assert one.kinds == {"problem"}
    assert records_stamp(somchai, HH1) == one  # read again, nothing changed

    services.problem_update(
        Act(somchai),
        problem=first,
        data=services.ProblemInput(title="หลังคารั่ว", occurred_on=date(2026, 11, 20)),
    )
    changed = records_stamp(somchai, HH1)
    assert _counts(changed)["problem"] == (1, first.pk, 2)

    # One made and deleted again: the same records, the same stamp.
    passing = new_problem(somchai, title="ชั่วคราว")
    assert _counts(records_stamp(somchai, HH1))["problem"] == (2, passing.pk, 3)
    services.problem_delete(Act(somchai), problem=passing)
    assert records_stamp(somchai, HH1) == changed

    # One made and the first deleted: as many records as before, a larger id.
    later = new_problem(somchai, title="น้ำไม่พอใช้")
    services.problem_delete(Act(somchai), problem=first)
    assert _counts(records_stamp(somchai, HH1))["problem"] == (1, later.pk, 1)


def test_a_photo_and_a_pin_change_the_stamp(people: dict[str, Any]) -> None:
    somchai = people["team"]
    problem = new_problem(somchai, photos=[clean_photo(jpeg_with_gps())])
    counts = _counts(records_stamp(somchai, HH1))
    assert counts["photo"][:2] == (1, problem.photos.get().pk)
    assert counts["photo"][2] == 0  # photos have no version: made or deleted only

    def pin(latitude: str) -> None:
        data = services.PinInput(latitude=Decimal(latitude), longitude=Decimal("104.86"))
        services.pin_set(Act(somchai), household=HH1, data=data)

    pin("15.22")
    placed = _counts(records_stamp(somchai, HH1))["pin"]
    pin("15.23")
    moved = _counts(records_stamp(somchai, HH1))["pin"]
    assert (placed[0], placed[2], moved[0], moved[2]) == (1, 1, 1, 2)
    assert records_stamp(somchai, HH1).kinds == {"problem", "photo", "pin"}


def test_an_officer_of_another_area_sees_no_records_in_the_stamp(people: dict[str, Any]) -> None:
    new_problem(people["team"])
    outsider = make_user("outsider", "district_chief", "3402")
    assert records_stamp(outsider, HH1).counts == NONE
