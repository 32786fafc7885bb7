"""F16 rules of mentor_assign and of a province's settings: the households-per-mentor limit
per province (default 5), the mentor kinds, the mentor's dimension."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from tests.logbook.mentors.conftest import REFS, TODAY
from tests.web_kit import H1, H2, H3, YEAR, make_user
from tpmap.accounts.models import AuditEvent
from tpmap.logbook import services
from tpmap.logbook.mentors import services as mentor_services
from tpmap.logbook.mentors.limits import mentor_limit
from tpmap.logbook.models import Mentor, ProvinceSetting
from tpmap.logbook.services import HouseholdRef
from tpmap.site.officers import Act
from tpmap.site.rules import RuleError, StaleVersion

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 20)


def _ref(n: int) -> HouseholdRef:
    """A household of Mueang Ubon that the Logbook alone knows (the service needs no
    warehouse): enough households to reach any limit."""
    return HouseholdRef(YEAR, f"3401999{n:04d}", "34010101")


def _assign(officer: Any, ref: HouseholdRef, **kw: Any) -> Mentor:
    data = services.MentorInput(assigned_on=DAY, **kw)
    return services.mentor_assign(Act(officer, today=TODAY), household=ref, data=data)


def test_a_province_without_a_setting_allows_five_households_per_mentor(
    people: dict[str, Any], somsri: Any
) -> None:
    assert mentor_limit("34010101") == 5
    for n in range(5):
        _assign(people["district"], _ref(n), user=somsri)
    with pytest.raises(RuleError) as e:
        _assign(people["district"], _ref(5), user=somsri)
    assert e.value.message_dict == {"user": ["พี่เลี้ยงคนนี้ดูแลครบ 5 ครัวเรือนในปีนี้แล้ว (เกณฑ์ของจังหวัด)"]}
    assert Mentor.objects.filter(user=somsri).count() == 5
    # Re-assigning one of their own households is no new one.
    _assign(people["district"], _ref(0), user=somsri, kind="volunteer")
    assert Mentor.objects.get(household_id=_ref(0).household_id).kind == "volunteer"


def test_a_province_working_one_to_one_refuses_a_second_household(
    people: dict[str, Any], somsri: Any
) -> None:
    mentor_services.province_setting_save(
        Act(people["prov_admin"]),
        data=mentor_services.ProvinceSettingInput(province_code="34", mentor_household_limit=1),
    )
    assert mentor_limit("34010101") == 1
    assert mentor_limit("35010101") == 5  # another province keeps the default
    _assign(people["district"], REFS[H1], user=somsri)
    with pytest.raises(RuleError) as e:
        _assign(people["district"], REFS[H3], user=somsri)
    assert e.value.message_dict == {"user": ["พี่เลี้ยงคนนี้ดูแลครบ 1 ครัวเรือนในปีนี้แล้ว (เกณฑ์ของจังหวัด)"]}
    assert list(Mentor.objects.values_list("household_id", flat=True)) == [H1]


def test_a_mentor_without_an_account_is_counted_by_name_and_agency_in_the_province(
    people: dict[str, Any],
) -> None:
    mentor_services.province_setting_save(
        Act(people["prov_admin"]),
        data=mentor_services.ProvinceSettingInput(province_code="34", mentor_household_limit=2),
    )
    team = {"name": "ทีมนาคำ", "agency": "อบต.นาคำ", "kind": "community_leader"}
    _assign(people["district"], _ref(1), **team)
    _assign(people["district"], _ref(2), **team)
    with pytest.raises(RuleError) as e:
        _assign(people["district"], _ref(3), **team)
    assert list(e.value.message_dict) == ["name"]
    # Another team of the same agency is another mentor.
    _assign(people["district"], _ref(3), name="ทีมโนนสูง", agency="อบต.นาคำ")
    assert Mentor.objects.count() == 3


def test_every_mentor_kind_is_recorded_and_an_unknown_one_is_refused(
    people: dict[str, Any],
) -> None:
    for n, kind in enumerate(
        ["civil_servant", "student", "community_leader", "volunteer", "other"]
    ):
        m = _assign(people["district"], _ref(n), name=f"พี่เลี้ยง {n}", agency="อำเภอ", kind=kind)
        assert m.kind == kind
    with pytest.raises(RuleError) as e:
        _assign(people["district"], _ref(9), name="ก", agency="ข", kind="monk")
    assert e.value.message_dict == {"kind": ["ประเภทพี่เลี้ยงไม่ถูกต้อง"]}
    assert Mentor.objects.count() == 5


def test_the_mentor_dimension_defaults_to_the_household_main_problem_dimension(
    people: dict[str, Any],
) -> None:
    officer = people["district"]
    for title, dim, status in [
        ("หนี้นอกระบบ", "income", "open"),
        ("ตกงาน", "income", "in_progress"),
        ("หลังคารั่ว", "living", "open"),
        ("ป่วยเรื้อรัง", "health", "resolved"),
        ("ป่วยติดเตียง", "health", "open"),
    ]:
        services.problem_create(
            Act(officer, today=TODAY),
            household=REFS[H1],
            data=services.ProblemInput(
                title=title, occurred_on=DAY, dimension=dim, status=status, resolved_on=None
            ),
        )
    # Unresolved: income 2, living 1, health 1 (the resolved one does not count).
    assert _assign(officer, REFS[H1], name="ก", agency="ข").dimension == "income"
    assert _assign(officer, REFS[H2], name="ก", agency="ข").dimension == ""  # no problem
    assert _assign(officer, REFS[H1], name="ก", agency="ข", dimension="").dimension == ""
    with pytest.raises(RuleError):
        _assign(officer, REFS[H1], name="ก", agency="ข", dimension="wealth")


def test_only_the_province_administrator_sets_the_limit_of_their_own_province(
    people: dict[str, Any],
) -> None:
    data = mentor_services.ProvinceSettingInput(province_code="34", mentor_household_limit=3)
    for persona in ("district", "prov_health", "mentor"):
        with pytest.raises(PermissionDenied):
            mentor_services.province_setting_save(Act(people[persona]), data=data)
    with pytest.raises(PermissionDenied):
        mentor_services.province_setting_save(Act(people["other_admin"]), data=data)
    assert not ProvinceSetting.objects.exists()
    saved = mentor_services.province_setting_save(Act(people["prov_admin"]), data=data)
    assert (saved.province_code, saved.mentor_household_limit, saved.version) == ("34", 3, 1)
    again = mentor_services.province_setting_save(
        Act(people["national"], expected_version=1),
        data=mentor_services.ProvinceSettingInput(province_code="34", mentor_household_limit=1),
    )
    assert (again.mentor_household_limit, again.version) == (1, 2)
    with pytest.raises(StaleVersion):
        mentor_services.province_setting_save(
            Act(people["prov_admin"], expected_version=1), data=data
        )
    events = AuditEvent.objects.filter(object_type="provincesetting").order_by("id")
    assert [(e.action, e.area_code, e.after["mentor_household_limit"]) for e in events] == [
        ("create", "34", 3),
        ("change", "34", 1),
    ]


@pytest.mark.parametrize("limit", [0, 21])
def test_a_limit_outside_one_to_twenty_is_refused(people: dict[str, Any], limit: int) -> None:
    data = mentor_services.ProvinceSettingInput(province_code="34", mentor_household_limit=limit)
    with pytest.raises(RuleError) as e:
        mentor_services.province_setting_save(Act(people["prov_admin"]), data=data)
    assert e.value.message_dict == {
        "mentor_household_limit": ["จำนวนครัวเรือนต่อพี่เลี้ยงต้องอยู่ระหว่าง 1 ถึง 20"]
    }
    assert not ProvinceSetting.objects.exists()


def test_lowering_the_limit_keeps_the_assignments_already_made(
    people: dict[str, Any], somsri: Any
) -> None:
    for n in range(3):
        _assign(people["district"], _ref(n), user=somsri)
    loei = make_user("loei", "province_admin", "34")
    mentor_services.province_setting_save(
        Act(loei),
        data=mentor_services.ProvinceSettingInput(province_code="34", mentor_household_limit=1),
    )
    assert Mentor.objects.filter(user=somsri).count() == 3
    with pytest.raises(RuleError):
        _assign(people["district"], _ref(4), user=somsri)
