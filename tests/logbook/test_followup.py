"""Problem status, mentors (F16) and the dashboard's follow-up rows: written by the
services with an audit row, inside the officer's area, and always equal to what the
records say."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.web_kit import H1, H2, H4, YEAR, make_user
from tpmap.accounts.models import AuditEvent
from tpmap.logbook import followup, services
from tpmap.logbook.models import FollowedHousehold, FollowedMonth, Mentor, Pin, Problem
from tpmap.logbook.services import HouseholdRef
from tpmap.site.officers import Act

pytestmark = pytest.mark.django_db
HH1 = HouseholdRef(YEAR, H1, "34010101", is_target=True)
HH2 = HouseholdRef(YEAR, H2, "34010101", is_target=False)
HH4 = HouseholdRef(YEAR, H4, "34020101", is_target=True)
TODAY = date(2024, 3, 15)


def new_problem(actor: Any, household: HouseholdRef = HH1, **kw: Any) -> Problem:
    args: dict[str, Any] = {
        "title": "ไม่มีงานทำ",
        "performer": "ทีม",
        "agency": "พช.",
        "occurred_on": date(2024, 1, 5),
    }
    args.update(kw)
    today = args.pop("today", TODAY)
    return services.problem_create(
        Act(actor, today=today), household=household, data=services.ProblemInput(**args)
    )


def change(actor: Any, problem: Problem, **kw: Any) -> Problem:
    args: dict[str, Any] = {
        "title": problem.title,
        "details": problem.details,
        "performer": problem.performer,
        "agency": problem.agency,
        "occurred_on": problem.occurred_on,
    }
    args.update(kw)
    today = args.pop("today", TODAY)
    return services.problem_update(
        Act(actor, today=today), problem=problem, data=services.ProblemInput(**args)
    )


def followed(household_id: str = H1) -> FollowedHousehold:
    return FollowedHousehold.objects.get(year=YEAR, household_id=household_id)


def test_a_new_problem_is_open_and_carries_its_dimension(people: dict[str, Any]) -> None:
    p = new_problem(people["district"], dimension="income")
    p.refresh_from_db()
    assert (p.dimension, p.status, p.resolved_on) == ("income", "open", None)
    with pytest.raises(ValidationError):
        new_problem(people["district"], dimension="wealth")


def test_resolving_a_problem_dates_it_and_reopening_clears_the_date(
    people: dict[str, Any],
) -> None:
    district = people["district"]
    p = new_problem(district)
    change(district, p, status="in_progress")
    assert (p.status, p.resolved_on) == ("in_progress", None)
    change(district, p, status="resolved")
    assert (p.status, p.resolved_on) == ("resolved", TODAY)
    # Saving it again resolved keeps the day it was resolved.
    change(district, p, status="resolved", today=date(2024, 4, 1))
    assert p.resolved_on == TODAY
    change(district, p, status="resolved", resolved_on=date(2024, 2, 1))
    assert Problem.objects.get().resolved_on == date(2024, 2, 1)
    change(district, p, status="open")
    assert (Problem.objects.get().status, Problem.objects.get().resolved_on) == ("open", None)
    statuses = [
        (e.before or {}).get("status", "") + ">" + (e.after or {}).get("status", "")
        for e in AuditEvent.objects.filter(object_type="problem").order_by("id")
    ]
    assert statuses == [
        ">open",
        "open>in_progress",
        "in_progress>resolved",
        "resolved>resolved",
        "resolved>resolved",
        "resolved>open",
    ]


@pytest.mark.parametrize(
    ("status", "resolved_on", "field"),
    [
        ("closed", None, "status"),
        ("resolved", date(2024, 1, 1), "resolved_on"),  # before the problem
        ("resolved", date(2024, 3, 16), "resolved_on"),  # in the future
    ],
)
def test_a_bad_status_change_is_refused_and_nothing_changes(
    people: dict[str, Any], status: str, resolved_on: date | None, field: str
) -> None:
    p = new_problem(people["district"])
    with pytest.raises(ValidationError) as e:
        change(people["district"], p, status=status, resolved_on=resolved_on)
    assert field in e.value.message_dict
    assert Problem.objects.get().status == "open"


def test_the_database_refuses_a_resolved_problem_without_its_date(
    people: dict[str, Any],
) -> None:
    from django.db import IntegrityError, transaction

    p = new_problem(people["district"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Problem.objects.filter(pk=p.pk).update(status="resolved")


def test_an_officer_assigns_replaces_and_removes_a_mentor_with_audit(
    people: dict[str, Any],
) -> None:
    district, mentor_account = people["district"], people["team"]
    m = services.mentor_assign(
        Act(district, today=TODAY),
        data=services.MentorInput(
            name="", agency="", assigned_on=date(2024, 2, 1), user=mentor_account
        ),
        household=HH1,
    )
    assert (m.name, m.agency, m.user, m.assigned_by) == (
        mentor_account.display_name,
        mentor_account.agency,
        mentor_account,
        district,
    )
    assert followed().mentor_on == date(2024, 2, 1)
    services.mentor_assign(
        Act(district, today=TODAY),
        data=services.MentorInput(
            name="นางสาวใจดี มีสุข", agency="รพ.สต.ในเมือง", assigned_on=date(2024, 3, 1)
        ),
        household=HH1,
    )
    m = Mentor.objects.get()
    assert (m.name, m.user, m.assigned_on) == ("นางสาวใจดี มีสุข", None, date(2024, 3, 1))
    assert followed().mentor_on == date(2024, 3, 1)
    services.mentor_remove(Act(district), mentor=m)
    assert not Mentor.objects.exists()
    assert not FollowedHousehold.objects.exists()  # nothing else was recorded
    actions = list(
        AuditEvent.objects.filter(object_type="mentor").order_by("id").values_list("action")
    )
    assert actions == [("create",), ("change",), ("delete",)]


def test_a_mentor_must_be_of_the_area_and_looks_after_at_most_5_households(
    people: dict[str, Any],
) -> None:
    national = people["national"]
    with pytest.raises(ValidationError) as e:
        services.mentor_assign(
            Act(national),
            data=services.MentorInput(
                name="", agency="", assigned_on=date(2024, 2, 1), user=people["team"]
            ),
            household=HH4,
        )
    assert "user" in e.value.message_dict
    mentor_account = make_user("mentor2", "mentor", "3401", "ที่ว่าการอำเภอ")
    for n in range(5):
        hh = HouseholdRef(YEAR, f"340100001{n:02d}", "34010101")
        services.mentor_assign(
            Act(national),
            data=services.MentorInput(name="", agency="", assigned_on=TODAY, user=mentor_account),
            household=hh,
        )
    with pytest.raises(ValidationError):
        services.mentor_assign(
            Act(national),
            data=services.MentorInput(name="", agency="", assigned_on=TODAY, user=mentor_account),
            household=HH1,
        )
    assert Mentor.objects.filter(user=mentor_account).count() == 5


def test_nobody_assigns_a_mentor_outside_their_area(people: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        services.mentor_assign(
            Act(people["other_district"]),
            data=services.MentorInput(name="ทีม", agency="อำเภอ", assigned_on=date(2024, 2, 1)),
            household=HH1,
        )
    m = services.mentor_assign(
        Act(people["district"]),
        data=services.MentorInput(name="ทีม", agency="อำเภอ", assigned_on=TODAY),
        household=HH1,
    )
    with pytest.raises(PermissionDenied):
        services.mentor_remove(Act(people["other_district"]), mentor=m)
    assert Mentor.objects.count() == 1


def test_the_follow_up_rows_follow_every_write(people: dict[str, Any]) -> None:
    district = people["district"]
    p1 = new_problem(district, occurred_on=date(2024, 1, 5))
    p2 = new_problem(district, occurred_on=date(2024, 2, 10))
    services.activity_create(
        Act(district),
        data=services.ActivityInput(
            name="ฝึกอาชีพ", performer="ทีม", agency="พช.", start_on=date(2024, 3, 1)
        ),
        household=HH1,
    )
    f = followed()
    assert (f.is_target, f.first_record_on, f.last_record_on) == (
        True,
        date(2024, 1, 5),
        date(2024, 3, 1),
    )
    assert (f.open_problems, f.oldest_open_problem_on) == (2, date(2024, 1, 5))
    months = FollowedMonth.objects.filter(household_id=H1).order_by("month")
    assert [(m.month, m.problem, m.activity, m.first_visit) for m in months] == [
        (date(2024, 1, 1), True, False, True),
        (date(2024, 2, 1), True, False, False),
        (date(2024, 3, 1), False, True, False),
    ]
    change(district, p1, status="resolved", resolved_on=date(2024, 3, 1))
    assert (followed().open_problems, followed().oldest_open_problem_on) == (1, date(2024, 2, 10))
    # A record's own reference does not know the target flag: the row keeps it.
    assert followed().is_target is True
    services.problem_delete(Act(district), problem=p2)
    services.problem_delete(Act(district), problem=Problem.objects.get())
    assert followed().first_problem_on is None
    assert list(FollowedMonth.objects.values_list("month", flat=True)) == [date(2024, 3, 1)]


def test_a_moved_pin_leaves_its_old_year(people: dict[str, Any]) -> None:
    district = people["district"]
    old = HouseholdRef(2562, H1, "34010101", is_target=False)
    for ref in (old, HH1):
        services.pin_set(
            Act(district),
            data=services.PinInput(
                latitude=Decimal("15.2"), longitude=Decimal("104.8"), source="gps"
            ),
            household=ref,
        )
    assert list(FollowedHousehold.objects.values_list("year", flat=True)) == [YEAR]
    assert followed().pinned_on is not None


def test_a_pin_and_a_folder_saved_after_midnight_in_bangkok_count_on_its_day(
    people: dict[str, Any],
) -> None:
    district = people["district"]
    services.pin_set(
        Act(district),
        data=services.PinInput(latitude=Decimal("15.2"), longitude=Decimal("104.8")),
        household=HH1,
    )
    # 30 November 18:30 UTC is 1 December 01:30 in Bangkok (UTC+7): a December visit.
    late = datetime(2026, 11, 30, 18, 30, tzinfo=UTC)
    Pin.objects.update(set_at=late)
    followup.refresh(YEAR, H1)
    assert followed().pinned_on == date(2026, 12, 1)
    months = FollowedMonth.objects.filter(household_id=H1).values_list("month", "pin")
    assert list(months) == [(date(2026, 12, 1), True)]
    # The whole year's rebuild reads the same day.
    assert followup.rebuild(YEAR, {H1}) == 1
    assert followed().pinned_on == date(2026, 12, 1)


def test_a_rebuild_gives_the_rows_the_services_wrote(people: dict[str, Any]) -> None:
    district = people["district"]
    new_problem(district, dimension="health")
    new_problem(district, household=HH2, occurred_on=date(2024, 2, 2), status="in_progress")
    services.mentor_assign(
        Act(district),
        data=services.MentorInput(name="ทีม", agency="อำเภอ", assigned_on=date(2024, 2, 3)),
        household=HH2,
    )

    def rows() -> list[tuple[Any, ...]]:
        return sorted(FollowedHousehold.objects.values_list()) + sorted(
            FollowedMonth.objects.values_list()
        )

    def without_ids(r: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        return sorted(t[1:] for t in r)

    written = without_ids(rows())
    assert followup.rebuild(YEAR, {H1}) == 2
    assert without_ids(rows()) == written


def test_an_officer_sets_status_and_dimension_on_the_problem_form(
    client: Any, people: dict[str, Any]
) -> None:
    district = people["district"]
    p = new_problem(district)
    client.force_login(district)
    form = client.get(f"/problems/{p.pk}/edit/").content.decode()
    assert 'name="status"' in form and "กำลังดำเนินการ" in form and "ด้านรายได้" in form
    r = client.post(
        f"/problems/{p.pk}/edit/",
        {
            "title": p.title,
            "performer": p.performer,
            "agency": p.agency,
            "occurred_on": "2024-01-05",
            "dimension": "income",
            "status": "resolved",
            "resolved_on": "2024-02-01",
        },
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert (p.dimension, p.status, p.resolved_on) == ("income", "resolved", date(2024, 2, 1))
    page = client.get(f"/households/{YEAR}/{H1}/").content.decode()
    assert "แก้ไขแล้ว 1 ก.พ. 2567" in page
    r = client.post(
        f"/problems/{p.pk}/edit/",
        {
            "title": p.title,
            "performer": p.performer,
            "agency": p.agency,
            "occurred_on": "2024-01-05",
            "status": "resolved",
            "resolved_on": "2023-12-01",
        },
    )
    assert r.status_code == 400 and "ต้องไม่ก่อนวันที่พบปัญหา" in r.content.decode()


def test_an_officer_gives_a_household_a_mentor_from_its_page(
    client: Any, people: dict[str, Any]
) -> None:
    district, team = people["district"], people["team"]
    client.force_login(district)
    form = client.get(f"/households/{YEAR}/{H1}/mentor/").content.decode()
    assert f'value="{team.pk}"' in form  # an account of the household's subdistrict
    assert f'value="{people["other_district"].pk}"' not in form
    r = client.post(
        f"/households/{YEAR}/{H1}/mentor/",
        {"user": team.pk, "name": "", "agency": "", "assigned_on": "2024-02-01"},
    )
    assert r.status_code == 302 and r["Location"].endswith("#mentor")
    m = Mentor.objects.get()
    assert (m.user, m.year, m.village_code, m.assigned_by) == (team, YEAR, "34010101", district)
    page = client.get(f"/households/{YEAR}/{H1}/").content.decode()
    assert team.display_name in page and "เปลี่ยนพี่เลี้ยง" in page
    # Neither an account nor a name: refused with a Thai message, nothing written.
    r = client.post(
        f"/households/{YEAR}/{H2}/mentor/", {"user": "", "name": "", "assigned_on": "2024-02-01"}
    )
    assert r.status_code == 400 and "กรุณาระบุชื่อพี่เลี้ยง" in r.content.decode()
    assert Mentor.objects.count() == 1
    # The household page read its target flag from the warehouse: H1 is a target.
    assert FollowedHousehold.objects.get().is_target is True


def test_the_rebuild_command_reads_the_targets_again_from_the_warehouse(
    people: dict[str, Any],
) -> None:
    from io import StringIO

    from django.core.management import call_command

    district = people["district"]
    # Flags the other way round from the warehouse (H1 is a target, H2 is not).
    new_problem(district, household=HouseholdRef(YEAR, H1, "34010101", is_target=False))
    new_problem(district, household=HouseholdRef(YEAR, H2, "34010101", is_target=True))
    out = StringIO()
    call_command("tpmap_followup_rebuild", stdout=out)
    assert out.getvalue().strip() == f"{YEAR}: 2 households"
    assert dict(FollowedHousehold.objects.values_list("household_id", "is_target")) == {
        H1: True,
        H2: False,
    }
