"""Every rule of a Logbook write, asked of the service itself (as the API and the offline
sync will call it): the broken rule's field and Thai message, and nothing written."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tests.web_kit import H1, H2, YEAR
from tpmap.accounts.models import AuditEvent
from tpmap.logbook import services
from tpmap.logbook.models import Activity, Classification, Mentor, Pin, Problem
from tpmap.logbook.services import HouseholdRef
from tpmap.site.errors import add_to_form, error_messages, error_status
from tpmap.site.officers import Act
from tpmap.site.rules import RuleError

pytestmark = pytest.mark.django_db
HH1 = HouseholdRef(YEAR, H1, "34010101")
HH2 = HouseholdRef(YEAR, H2, "34010101")
TODAY = date(2026, 11, 30)
FUTURE = "วันที่ต้องไม่เป็นวันในอนาคต"


def a_problem(officer: Any, **kw: Any) -> Problem:
    data = services.ProblemInput(
        **{"title": "หลังคารั่ว", "occurred_on": date(2026, 11, 1), "performer": "ทีม", **kw}
    )
    return services.problem_create(Act(officer, today=TODAY), household=HH1, data=data)


def test_a_problem_found_tomorrow_is_refused_and_nothing_is_written(
    people: dict[str, Any],
) -> None:
    with pytest.raises(RuleError) as e:
        a_problem(people["district"], occurred_on=date(2026, 12, 1))
    assert e.value.message_dict == {"occurred_on": [FUTURE]}
    assert not Problem.objects.exists() and not AuditEvent.objects.exists()


def test_a_problem_resolved_before_it_was_found_is_refused(people: dict[str, Any]) -> None:
    with pytest.raises(RuleError) as e:
        a_problem(people["district"], status="resolved", resolved_on=date(2026, 10, 1))
    assert e.value.message_dict == {"resolved_on": ["วันที่แก้ไขแล้วต้องไม่ก่อนวันที่พบปัญหา"]}
    assert not Problem.objects.exists()


def test_a_blank_performer_and_agency_become_the_officer_and_their_agency(
    people: dict[str, Any],
) -> None:
    district = people["district"]
    problem = a_problem(district, performer="", agency="")
    assert (problem.performer, problem.agency) == (
        "district ทดสอบ",
        "ที่ว่าการอำเภอเมืองอุบลราชธานี",
    )
    data = services.ActivityInput(name="ซ่อมหลังคา", start_on=date(2026, 11, 2))
    activity = services.activity_create(Act(people["team"]), household=HH1, data=data)
    assert (activity.performer, activity.agency) == ("team ทดสอบ", "ทีมปฏิบัติการตำบลในเมือง")
    assert services.record_defaults(district, today=TODAY) == {
        "performer": "district ทดสอบ",
        "agency": "ที่ว่าการอำเภอเมืองอุบลราชธานี",
        "occurred_on": TODAY,
        "start_on": TODAY,
    }


def test_only_the_author_or_an_account_manager_of_the_area_changes_a_record(
    people: dict[str, Any],
) -> None:
    problem = a_problem(people["team"])
    data = services.ProblemInput(title="หลังคาพัง", occurred_on=date(2026, 11, 1))
    assert not services.may_edit(people["district"], problem)
    with pytest.raises(PermissionDenied):
        services.problem_update(Act(people["district"]), problem=problem, data=data)
    with pytest.raises(PermissionDenied):
        services.problem_delete(Act(people["other_admin"]), problem=problem)
    problem.refresh_from_db()
    assert problem.title == "หลังคารั่ว"
    assert services.may_edit(people["prov_admin"], problem)
    services.problem_update(Act(people["prov_admin"]), problem=problem, data=data)
    assert Problem.objects.get().title == "หลังคาพัง"


def test_an_activity_ending_before_it_starts_or_for_another_household_is_refused(
    people: dict[str, Any],
) -> None:
    district = people["district"]
    other = services.problem_create(
        Act(district),
        household=HH2,
        data=services.ProblemInput(title="ไม่มีงาน", occurred_on=date(2026, 11, 1)),
    )
    data = services.ActivityInput(
        name="ฝึกอาชีพ", start_on=date(2026, 11, 5), end_on=date(2026, 11, 4), problem=other
    )
    with pytest.raises(RuleError) as e:
        services.activity_create(Act(district), household=HH1, data=data)
    assert e.value.message_dict == {
        "problem": ["ปัญหานี้ไม่ใช่ของครัวเรือนนี้"],
        "end_on": ["วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น"],
    }
    assert not Activity.objects.exists()


def test_an_other_household_type_needs_its_text(people: dict[str, Any]) -> None:
    data = services.FolderInput(household_type="other", wants_help="yes", household_type_other=" ")
    with pytest.raises(RuleError) as e:
        services.classification_save(Act(people["district"]), household=HH1, data=data)
    assert e.value.message_dict == {"household_type_other": ["กรุณาระบุประเภทครัวเรือน"]}
    assert not Classification.objects.exists()


def test_a_mentor_without_an_account_needs_a_name_and_an_agency_and_a_past_day(
    people: dict[str, Any],
) -> None:
    data = services.MentorInput(assigned_on=date(2026, 12, 1))
    with pytest.raises(RuleError) as e:
        services.mentor_assign(Act(people["district"], today=TODAY), household=HH1, data=data)
    assert e.value.message_dict == {
        "name": ["กรุณาระบุชื่อพี่เลี้ยงหรือเลือกบัญชีผู้ใช้"],
        "agency": ["กรุณาระบุหน่วยงาน"],
        "assigned_on": [FUTURE],
    }
    assert not Mentor.objects.exists()


def test_no_write_reaches_a_household_outside_the_officer_area(people: dict[str, Any]) -> None:
    outsider = people["other_district"]
    with pytest.raises(PermissionDenied):
        a_problem(outsider)
    pin = services.PinInput(latitude=Decimal("15.2"), longitude=Decimal("104.8"))
    with pytest.raises(PermissionDenied):
        services.pin_set(Act(outsider), household=HH1, data=pin)
    assert not Problem.objects.exists() and not Pin.objects.exists()


def test_one_mapping_turns_a_rule_error_into_form_errors_and_a_status() -> None:
    class Form(forms.Form):
        occurred_on = forms.DateField()

    form = Form({"occurred_on": "2026-11-01"})
    assert form.is_valid()
    error = RuleError({"occurred_on": FUTURE, "photos": ["ก", "ข"]})
    add_to_form(form, error)
    assert form.errors == {"occurred_on": [FUTURE], "__all__": ["ก", "ข"]}
    assert error_messages(error) == {"occurred_on": [FUTURE], "photos": ["ก", "ข"]}
    statuses = [error_status(x) for x in (error, PermissionDenied(), Http404(), KeyError())]
    assert statuses == [400, 403, 404, 500]


def test_a_write_based_on_a_stale_version_is_refused_by_the_service(
    people: dict[str, Any],
) -> None:
    from tpmap.site.rules import StaleVersion

    officer = people["district"]
    problem = a_problem(officer)
    assert problem.version == 1
    data = services.ProblemInput(title="แก้", occurred_on=date(2026, 11, 1))
    # A page gives no version and always writes; each change raises it by one.
    services.problem_update(Act(officer, today=TODAY), problem=problem, data=data)
    assert Problem.objects.get().version == 2
    with pytest.raises(StaleVersion) as e:
        services.problem_update(
            Act(officer, expected_version=1, today=TODAY), problem=problem, data=data
        )
    assert e.value.current == 2 and error_status(e.value, api=True) == 409
    with pytest.raises(StaleVersion):
        services.problem_delete(Act(officer, expected_version=1), problem=problem)
    services.problem_delete(Act(officer, expected_version=2), problem=problem)
    assert not Problem.objects.exists()
    pin = services.PinInput(latitude=Decimal("15.2"), longitude=Decimal("104.8"))
    with pytest.raises(StaleVersion) as e:  # 1: there was one, but the household has none
        services.pin_set(Act(officer, expected_version=1), household=HH1, data=pin)
    assert e.value.current is None
    assert services.pin_set(Act(officer, expected_version=0), household=HH1, data=pin).version == 1
    assert error_status(RuleError({"x": "y"}), api=True) == 422
