"""F27 "ไม่ซ้ำซ้อน": another agency's help for the same household and BMN indicator in an
overlapping period is refused until confirmed, recorded when confirmed (or, for the API,
saved unconfirmed), and counted per agency for the dashboard."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.logbook.routing.kit import HH1, HH2, agency
from tpmap.logbook import services
from tpmap.logbook.models import Activity
from tpmap.logbook.routing import selectors
from tpmap.logbook.routing.duplicates import DuplicateAssistance
from tpmap.site.officers import Act

pytestmark = pytest.mark.django_db
WARNING = (
    "ครัวเรือนนี้ได้รับความช่วยเหลือในตัวชี้วัดเดียวกันจากหน่วยงานอื่นในช่วงเวลาที่ทับซ้อนกันแล้ว "
    "(กรมการพัฒนาชุมชน) ตรวจสอบแล้วยืนยันหากต้องการบันทึก"
)


def activity(officer: Any, household: Any = HH1, **kw: Any) -> Activity:
    fields = {
        "name": "ฝึกอาชีพ",
        "performer": "ทีม",
        "agency_id": agency("กรมพัฒนาฝีมือแรงงาน").pk,
        "indicator": 27,
        "start_on": date(2026, 10, 15),
        "end_on": date(2026, 11, 15),
        **kw,
    }
    data = services.ActivityInput(**fields)
    return services.activity_create(Act(officer), household=household, data=data)


@pytest.fixture
def earlier(people: dict[str, Any]) -> Activity:
    """The community development department's help on indicator 27 in October."""
    return activity(
        people["team"],
        name="เงินยืม กข.คจ.",
        agency_id=agency("กรมการพัฒนาชุมชน").pk,
        start_on=date(2026, 10, 1),
        end_on=date(2026, 10, 31),
    )


def test_another_agencys_overlapping_help_is_refused_until_confirmed(
    people: dict[str, Any], earlier: Activity
) -> None:
    with pytest.raises(DuplicateAssistance) as e:
        activity(people["district"])
    assert e.value.message_dict == {"confirm_duplicate": [WARNING]}
    assert e.value.activities == [earlier]
    assert Activity.objects.count() == 1
    saved = activity(people["district"], confirm_duplicate=True)
    assert (saved.duplicate_of, saved.duplicate_confirmed) == ([earlier.pk], True)


def test_the_api_saves_an_unconfirmed_duplicate_and_records_the_overlap(
    people: dict[str, Any], earlier: Activity
) -> None:
    saved = activity(people["district"], confirm_duplicate=None)
    assert (saved.duplicate_of, saved.duplicate_confirmed) == ([earlier.pk], False)


@pytest.mark.parametrize(
    "change",
    [
        {"agency_id": None, "agency": "กรม การพัฒนาชุมชน"},  # the same agency, typed
        {"indicator": 28},  # another indicator
        {"start_on": date(2026, 11, 1)},  # after it ended
        {"indicator": None},  # no indicator: nothing to compare
    ],
)
def test_the_same_agency_another_indicator_or_period_is_no_duplicate(
    people: dict[str, Any], earlier: Activity, change: dict[str, Any]
) -> None:
    saved = activity(people["district"], **change)
    assert (saved.duplicate_of, saved.duplicate_confirmed) == ([], False)


def test_another_household_is_no_duplicate(people: dict[str, Any], earlier: Activity) -> None:
    assert activity(people["district"], household=HH2).duplicate_of == []


def test_help_without_an_end_goes_on_and_overlaps_later_help(people: dict[str, Any]) -> None:
    ongoing = activity(
        people["team"],
        agency_id=agency("กรมการพัฒนาชุมชน").pk,
        start_on=date(2026, 1, 1),
        end_on=None,
    )
    with pytest.raises(DuplicateAssistance):
        activity(people["district"], start_on=date(2026, 11, 1), end_on=None)
    saved = activity(people["district"], start_on=date(2026, 11, 1), confirm_duplicate=True)
    assert saved.duplicate_of == [ongoing.pk]


def test_an_edit_checks_again_without_counting_the_activity_itself(
    people: dict[str, Any], earlier: Activity
) -> None:
    mine = activity(people["district"], indicator=28)
    data = services.ActivityInput(
        name="ฝึกอาชีพ",
        agency_id=agency("กรมพัฒนาฝีมือแรงงาน").pk,
        indicator=27,
        start_on=date(2026, 10, 15),
    )
    with pytest.raises(DuplicateAssistance):
        services.activity_update(Act(people["district"]), activity=mine, data=data)
    mine.refresh_from_db()
    assert (mine.indicator, mine.duplicate_of) == (28, [])
    # The earlier one changed on its own: no overlap with itself.
    same = services.ActivityInput(
        name="เงินยืม กข.คจ.",
        agency_id=agency("กรมการพัฒนาชุมชน").pk,
        indicator=27,
        start_on=date(2026, 10, 1),
        end_on=date(2026, 10, 31),
    )
    services.activity_update(Act(people["team"]), activity=earlier, data=same)
    earlier.refresh_from_db()
    assert earlier.duplicate_of == []


def test_the_dashboard_counts_duplicates_per_agency(
    people: dict[str, Any], earlier: Activity
) -> None:
    activity(people["district"], confirm_duplicate=True)
    activity(people["district"], confirm_duplicate=None, name="อบรมซ้ำ")
    activity(
        people["district"],
        household=HH2,
        agency_id=agency("กรมการพัฒนาชุมชน").pk,
    )
    assert selectors.overlaps_by_agency(2566, "34") == [
        {"agency": "กรมพัฒนาฝีมือแรงงาน", "n": 2, "confirmed": 1}
    ]
    assert selectors.overlaps_by_agency(2566, "35") == []
