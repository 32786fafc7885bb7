"""F16 home visits: the rules of visit_create / visit_update / visit_delete (dates, texts,
scope, ownership, versions, idempotency), their audit, their photos, and the contact count
of the follow-up rows the dashboard reads."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from tests.logbook.images import webp
from tests.logbook.mentors.conftest import REFS, TODAY
from tests.web_kit import H1, H4
from tpmap.accounts.models import AuditEvent
from tpmap.logbook import followup
from tpmap.logbook.models import FollowedHousehold, FollowedMonth, Photo, Visit
from tpmap.logbook.photos import clean_photo
from tpmap.logbook.visits.services import (
    VisitInput,
    data_year_start,
    visit_create,
    visit_delete,
    visit_update,
)
from tpmap.site.officers import Act
from tpmap.site.rules import RuleError, StaleVersion

pytestmark = pytest.mark.django_db


def _visit(officer: Any, day: date, outcome: str = "", **kw: Any) -> Visit:
    data = VisitInput(visited_on=day, found="พบหัวหน้าครัวเรือน", outcome=outcome)
    return visit_create(
        Act(officer, today=TODAY), household=kw.pop("ref", REFS[H1]), data=data, **kw
    )


def test_a_visit_is_recorded_with_its_photo_and_audited(people: dict[str, Any]) -> None:
    data = VisitInput(
        visited_on=date(2026, 11, 28),
        found="  ปลูกผักสวนครัวแล้ว  ",
        outcome="better",
        note="นัดครั้งหน้า",
        photos=[clean_photo(webp())],
    )
    v = visit_create(Act(people["district"], today=TODAY), household=REFS[H1], data=data)
    assert (v.year, v.household_id, v.village_code, v.found, v.outcome, v.version) == (
        2566,
        H1,
        "34010101",
        "ปลูกผักสวนครัวแล้ว",
        "better",
        1,
    )
    assert list(Photo.objects.values_list("kind", "visit_id")) == [("visit", v.pk)]
    event = AuditEvent.objects.get(object_type="visit")
    assert (event.action, event.household_id, event.after["photos"]) == (
        "create",
        H1,
        [Photo.objects.get().pk],
    )


def test_a_visit_tomorrow_or_before_the_data_year_is_refused_and_nothing_is_written(
    people: dict[str, Any],
) -> None:
    assert data_year_start(2566) == date(2023, 1, 1)
    with pytest.raises(RuleError) as e:
        _visit(people["district"], date(2026, 12, 2))
    assert e.value.message_dict == {"visited_on": ["วันที่ต้องไม่เป็นวันในอนาคต"]}
    with pytest.raises(RuleError) as e:
        _visit(people["district"], date(2022, 12, 31))
    assert e.value.message_dict == {"visited_on": ["วันที่เยี่ยมบ้านต้องไม่ก่อนต้นปีข้อมูล (1 มกราคม 2566)"]}
    _visit(people["district"], date(2023, 1, 1))  # the first day is allowed
    assert Visit.objects.count() == 1


def test_a_visit_needs_what_was_found_and_a_known_outcome(people: dict[str, Any]) -> None:
    data = VisitInput(visited_on=TODAY, found="  ", outcome="great")
    with pytest.raises(RuleError) as e:
        visit_create(Act(people["district"], today=TODAY), household=REFS[H1], data=data)
    assert e.value.message_dict == {
        "found": ["กรุณาระบุสิ่งที่พบจากการเยี่ยมบ้าน"],
        "outcome": ["ผลการเยี่ยมไม่ถูกต้อง"],
    }
    assert not Visit.objects.exists()


def test_no_visit_reaches_a_household_outside_the_officer_area(people: dict[str, Any]) -> None:
    for persona in ("other_district", "mentor", "other_admin"):
        with pytest.raises(PermissionDenied):
            _visit(people[persona], TODAY)
    with pytest.raises(PermissionDenied):
        _visit(people["district"], TODAY, ref=REFS[H4])
    assert not Visit.objects.exists()


def test_the_same_client_id_twice_gives_the_visit_already_made(people: dict[str, Any]) -> None:
    key = uuid.uuid4()
    first = _visit(people["district"], TODAY, client_id=key)
    again = _visit(people["district"], date(2026, 11, 1), client_id=key)
    assert again.pk == first.pk and Visit.objects.count() == 1
    # Another account's same key is its own visit.
    _visit(people["team"], TODAY, client_id=key)
    assert Visit.objects.count() == 2


def test_only_the_author_or_an_account_manager_changes_or_deletes_a_visit(
    people: dict[str, Any],
) -> None:
    v = _visit(people["team"], date(2026, 11, 10))
    change = VisitInput(visited_on=date(2026, 11, 11), found="ไม่อยู่บ้าน", outcome="not_home")
    with pytest.raises(PermissionDenied):
        visit_update(Act(people["district"], today=TODAY), visit=v, data=change)
    with pytest.raises(PermissionDenied):
        visit_delete(Act(people["district"]), visit=v)
    with pytest.raises(PermissionDenied):  # a manager of another province
        visit_delete(Act(people["other_admin"]), visit=v)
    changed = visit_update(Act(people["team"], today=TODAY), visit=v, data=change)
    assert (changed.visited_on, changed.outcome, changed.version) == (
        date(2026, 11, 11),
        "not_home",
        2,
    )
    with pytest.raises(StaleVersion):
        visit_update(Act(people["team"], expected_version=1, today=TODAY), visit=v, data=change)
    visit_delete(Act(people["prov_admin"], expected_version=2), visit=v)
    assert not Visit.objects.exists()
    assert [e.action for e in AuditEvent.objects.filter(object_type="visit").order_by("id")] == [
        "create",
        "change",
        "delete",
    ]


def test_the_follow_up_row_counts_contacts_and_not_a_visit_that_met_nobody(
    people: dict[str, Any],
) -> None:
    officer = people["district"]
    _visit(officer, date(2026, 9, 5), "same")
    _visit(officer, date(2026, 10, 7), "not_home")
    last = _visit(officer, date(2026, 11, 9), "better")
    row = FollowedHousehold.objects.get(household_id=H1)
    # 3 visits, 2 contacts; each visit's month is a visited month.
    assert (row.visits, row.last_visit_on, row.first_record_on) == (
        2,
        date(2026, 11, 9),
        date(2026, 9, 5),
    )
    months = list(FollowedMonth.objects.filter(household_id=H1).values_list("month", flat=True))
    assert months == [date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)]
    visit_delete(Act(officer), visit=last)
    row.refresh_from_db()
    assert (row.visits, row.last_visit_on) == (1, date(2026, 9, 5))
    # A rebuild from the records gives the same row.
    followup.rebuild(2566, {H1})
    assert FollowedHousehold.objects.values_list("visits", "last_visit_on").get() == (
        1,
        date(2026, 9, 5),
    )
