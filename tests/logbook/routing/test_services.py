"""Every rule of routing (F18), asked of the services with the personas of tests/web_kit.py:
the catalogue and the menu, the agency of a record, the proposal, assignment, escalation,
status moves and the problem's history; nothing is written when a rule is broken."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from tests.logbook.routing.kit import HH1, HH4, TODAY, a_problem, agency, menu
from tpmap.accounts.models import AuditEvent
from tpmap.logbook import services as logbook_services
from tpmap.logbook.models import (
    Agency,
    AgencyLevel,
    MenuItem,
    Problem,
    ProblemEvent,
    ProblemStatus,
)
from tpmap.logbook.routing import selectors, services
from tpmap.site.officers import Act
from tpmap.site.rules import RuleError, StaleVersion

pytestmark = pytest.mark.django_db
DUE = TODAY + timedelta(days=30)


def assign(officer: Any, problem: Problem, **kw: Any) -> Problem:
    data = services.AssignmentInput(**{"due_on": DUE, "menu_item_id": menu("kkkj").pk, **kw})
    return services.problem_assign(Act(officer, today=TODAY), problem=problem, data=data)


# -- the catalogue ---------------------------------------------------------------------------
def test_the_catalogue_holds_the_questionnaires_ministries_and_the_menus_departments() -> None:
    national = Agency.objects.filter(province_code="", district_code="")
    assert national.filter(level=AgencyLevel.MINISTRY).count() == 23
    assert national.filter(level=AgencyLevel.DEPARTMENT).count() == 13
    # "กระทรวงมหาดไทย (พช.)" is the department under its ministry.
    cdd = agency("กรมการพัฒนาชุมชน")
    assert cdd.parent == agency("กระทรวงมหาดไทย")
    # "(องค์การมหาชน)" is part of a name, not a department.
    assert agency("สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)").level == AgencyLevel.MINISTRY
    assert MenuItem.objects.filter(province_code="").count() == 19


def test_the_province_admin_adds_a_district_office_and_it_is_offered_there_only(
    people: dict[str, Any],
) -> None:
    office = services.agency_save(
        Act(people["prov_admin"]),
        data=services.AgencyInput(
            name="  สำนักงานพัฒนาชุมชน   อำเภอเมืองอุบลราชธานี ",
            province_code="34",
            district_code="3401",
            parent_id=agency("กรมการพัฒนาชุมชน").pk,
        ),
    )
    assert (office.name, office.level, office.area_code) == (
        "สำนักงานพัฒนาชุมชน อำเภอเมืองอุบลราชธานี",
        AgencyLevel.DISTRICT_OFFICE,
        "3401",
    )
    assert office in selectors.agencies_for("34010101")
    assert office not in selectors.agencies_for("34020101")
    assert AuditEvent.objects.filter(object_type="agency", action="create").count() == 1


def test_only_the_provinces_own_administrator_keeps_its_offices(people: dict[str, Any]) -> None:
    data = services.AgencyInput(name="สนง.ใหม่", province_code="34")
    for persona in ("other_admin", "district", "prov_health", "team"):
        with pytest.raises(PermissionDenied):
            services.agency_save(Act(people[persona]), data=data)
    assert not Agency.objects.filter(province_code="34").exists()


def test_an_office_of_another_province_district_or_a_twin_name_is_refused(
    people: dict[str, Any],
) -> None:
    admin = people["prov_admin"]
    with pytest.raises(RuleError) as e:
        services.agency_save(
            Act(admin),
            data=services.AgencyInput(name="สนง.", province_code="34", district_code="3501"),
        )
    assert e.value.message_dict == {"district_code": ["อำเภอนี้ไม่อยู่ในจังหวัดนี้"]}
    services.agency_save(
        Act(admin), data=services.AgencyInput(name="สนง. พช.จ.", province_code="34")
    )
    with pytest.raises(RuleError) as e:
        services.agency_save(
            Act(admin), data=services.AgencyInput(name="สนง.พช.จ.", province_code="34")
        )
    assert e.value.message_dict == {"name": ["มีหน่วยงานชื่อนี้ในพื้นที่นี้แล้ว"]}
    assert Agency.objects.filter(province_code="34").count() == 1


def test_a_deactivated_office_is_no_longer_offered_and_a_stale_change_is_refused(
    people: dict[str, Any],
) -> None:
    admin = people["prov_admin"]
    office = services.agency_save(
        Act(admin), data=services.AgencyInput(name="สนง.ก", province_code="34")
    )
    services.agency_save(
        Act(admin, expected_version=1),
        agency=office,
        data=services.AgencyInput(name="สนง.ข", province_code="34", active=False),
    )
    office.refresh_from_db()
    assert (office.name, office.active, office.version) == ("สนง.ข", False, 2)
    assert office not in selectors.agencies_for("34010101")
    with pytest.raises(StaleVersion):
        services.agency_save(
            Act(admin, expected_version=1),
            agency=office,
            data=services.AgencyInput(name="สนง.ค", province_code="34"),
        )


# -- the menu ------------------------------------------------------------------------------------
def test_a_provinces_first_menu_change_copies_the_default_and_leaves_it_alone(
    people: dict[str, Any],
) -> None:
    item = services.menu_item_save(
        Act(people["prov_admin"]),
        data=services.MenuItemInput(
            province_code="34",
            name="ตลาดชุมชนเพื่อคนจน",
            dimension="income",
            indicator=22,
            agency_id=agency("กรมการพัฒนาชุมชน").pk,
            qualifies="ครัวเรือนเป้าหมาย",
        ),
    )
    assert MenuItem.objects.filter(province_code="34").count() == 20
    assert MenuItem.objects.filter(province_code="").count() == 19
    assert item in selectors.province_menu("34")
    assert item not in selectors.province_menu("35")
    # Changing the default's item changes the province's copy.
    changed = services.menu_item_save(
        Act(people["prov_admin"]),
        item=menu("kkkj"),
        data=services.MenuItemInput(
            province_code="34",
            name="เงินยืม กข.คจ.",
            dimension="income",
            indicator=22,
            agency_id=agency("กรมการพัฒนาชุมชน").pk,
            active=False,
        ),
    )
    assert (changed.province_code, changed.active) == ("34", False)
    assert menu("kkkj").active is True
    assert changed not in selectors.province_menu("34")


def test_a_menu_item_needs_its_dimensions_indicator_and_a_catalogue_agency(
    people: dict[str, Any],
) -> None:
    with pytest.raises(RuleError) as e:
        services.menu_item_save(
            Act(people["prov_admin"]),
            data=services.MenuItemInput(
                province_code="34", name=" ", dimension="health", indicator=22, agency_id=999_999
            ),
        )
    assert e.value.message_dict == {
        "name": ["กรุณาระบุชื่อโครงการหรือบริการ"],
        "indicator": ["ตัวชี้วัดนี้ไม่อยู่ในมิติที่เลือก"],
        "agency_id": ["กรุณาเลือกหน่วยงานจากทะเบียนหน่วยงานของจังหวัด"],
    }
    with pytest.raises(PermissionDenied):
        services.menu_item_save(
            Act(people["district"]),
            data=services.MenuItemInput(
                province_code="34", name="x", dimension="health", agency_id=agency("กรมอนามัย").pk
            ),
        )
    assert not MenuItem.objects.filter(province_code="34").exists()


# -- a record's agency -------------------------------------------------------------------------
def test_a_typed_agency_is_matched_to_the_catalogue_by_its_normalised_name(
    people: dict[str, Any],
) -> None:
    p = a_problem(people["district"], agency="กรม การพัฒนาชุมชน")
    assert (p.agency, p.agency_ref) == ("กรม การพัฒนาชุมชน", agency("กรมการพัฒนาชุมชน"))


def test_an_unknown_agency_text_is_kept_unmatched(people: dict[str, Any]) -> None:
    p = a_problem(people["district"], agency="อบต.ในเมือง")
    assert (p.agency, p.agency_ref) == ("อบต.ในเมือง", None)


def test_an_agency_chosen_by_id_names_the_record_and_another_provinces_office_is_refused(
    people: dict[str, Any],
) -> None:
    p = a_problem(people["district"], agency="ข้อความ", agency_id=agency("กรมอนามัย").pk)
    assert (p.agency, p.agency_ref_id) == ("กรมอนามัย", agency("กรมอนามัย").pk)
    yasothon = services.agency_save(
        Act(people["other_admin"]), data=services.AgencyInput(name="สนง.ยโสธร", province_code="35")
    )
    with pytest.raises(RuleError) as e:
        a_problem(people["district"], agency_id=yasothon.pk)
    assert e.value.message_dict == {"agency_id": ["กรุณาเลือกหน่วยงานจากทะเบียนหน่วยงานของพื้นที่นี้"]}
    assert Problem.objects.count() == 1


# -- the proposal ---------------------------------------------------------------------------------
def test_the_proposal_is_the_menu_of_the_indicators_mpi_number_and_its_first_agency(
    people: dict[str, Any],
) -> None:
    # Questionnaire 2566 item 29 (income per person) is MPI indicator 22.
    p = a_problem(people["district"], indicator=29, dimension="income")
    got = selectors.proposal(p, "2566")
    assert [m.key for m in got.items] == ["khok_nong_na", "kkkj", "welfare_card"]
    assert got.agency == agency("กรมการพัฒนาชุมชน")
    assert got.ministries == (
        "กระทรวงมหาดไทย",
        "กระทรวงอุตสาหกรรม",
        "กระทรวงพาณิชย์",
        "กระทรวงเกษตรและสหกรณ์",
        "กระทรวงแรงงาน",
        "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์",
    )


def test_without_a_menu_item_the_lead_ministrys_nearest_office_is_proposed(
    people: dict[str, Any],
) -> None:
    # Item 1 (antenatal care) answers no MPI indicator; its lead ministry is public health.
    p = a_problem(people["district"], indicator=1)
    assert selectors.proposal(p, "2566").agency == agency("กระทรวงสาธารณสุข")
    office = services.agency_save(
        Act(people["prov_admin"]),
        data=services.AgencyInput(
            name="สำนักงานสาธารณสุขอำเภอเมือง",
            province_code="34",
            district_code="3401",
            parent_id=agency("กระทรวงสาธารณสุข").pk,
        ),
    )
    got = selectors.proposal(p, "2566")
    assert (got.agency, got.items) == (office, [])


def test_a_lead_named_with_its_department_proposes_the_department(
    people: dict[str, Any],
) -> None:
    # Item 38 of 2566 is led by "กระทรวงมหาดไทย (พช.)" and answers no MPI indicator.
    p = a_problem(people["district"], indicator=38)
    assert selectors.proposal(p, "2566").agency == agency("กรมการพัฒนาชุมชน")


# -- assignment, escalation, status ------------------------------------------------------------------
def test_the_district_assigns_an_agency_and_a_due_date_from_the_menu(
    people: dict[str, Any],
) -> None:
    p = a_problem(people["district"], agency="อบต.ในเมือง")
    assign(people["district"], p)
    p.refresh_from_db()
    assert (p.status, p.agency, p.agency_ref, p.due_on, p.menu_item, p.version) == (
        "assigned",
        "กรมการพัฒนาชุมชน",
        agency("กรมการพัฒนาชุมชน"),
        DUE,
        menu("kkkj"),
        2,
    )
    events = list(
        p.events.values_list("kind", "from_status", "to_status", "agency__name", "due_on")
    )
    assert events == [
        ("created", "", "open", None, None),
        ("assigned", "open", "assigned", "กรมการพัฒนาชุมชน", DUE),
    ]
    assert AuditEvent.objects.filter(object_type="problem", action="change").count() == 1


def test_not_in_the_menu_needs_a_note_and_an_agency(people: dict[str, Any]) -> None:
    p = a_problem(people["district"])
    with pytest.raises(RuleError) as e:
        assign(people["district"], p, menu_item_id=None, not_in_menu=True)
    assert e.value.message_dict == {
        "note": ["กรณีไม่มีในเมนูแก้จน กรุณาระบุแนวทางแก้ไขปัญหา"],
        "agency_id": ["กรุณาเลือกหน่วยงานที่รับผิดชอบ"],
    }
    assign(
        people["district"],
        p,
        menu_item_id=None,
        not_in_menu=True,
        note="ประสานมูลนิธิในพื้นที่",
        agency_id=agency("กระทรวงแรงงาน").pk,
    )
    event = p.events.get(kind="assigned")
    assert (event.not_in_menu, event.note, event.menu_item) == (True, "ประสานมูลนิธิในพื้นที่", None)


def test_an_assignment_without_a_choice_with_both_or_due_in_the_past_is_refused(
    people: dict[str, Any],
) -> None:
    p = a_problem(people["district"])
    with pytest.raises(RuleError) as e:
        assign(people["district"], p, menu_item_id=None, due_on=TODAY - timedelta(days=1))
    assert e.value.message_dict == {
        "due_on": ["วันกำหนดแล้วเสร็จต้องไม่เป็นวันที่ผ่านมาแล้ว"],
        "menu_item_id": ["กรุณาเลือกรายการจากเมนูแก้จน หรือเลือก “ไม่มีในเมนูแก้จน”"],
        "agency_id": ["กรุณาเลือกหน่วยงานที่รับผิดชอบ"],
    }
    with pytest.raises(RuleError) as e:
        assign(people["district"], p, due_on=None, not_in_menu=True, note="x")
    assert e.value.message_dict == {
        "due_on": ["กรุณาระบุวันกำหนดแล้วเสร็จ"],
        "menu_item_id": ["เลือกรายการจากเมนู หรือ “ไม่มีในเมนูแก้จน” อย่างใดอย่างหนึ่ง"],
        "agency_id": ["กรุณาเลือกหน่วยงานที่รับผิดชอบ"],
    }
    p.refresh_from_db()
    assert (p.status, p.version, p.events.count()) == ("open", 1, 1)


def test_a_menu_item_of_another_provinces_menu_is_refused(people: dict[str, Any]) -> None:
    yasothon = services.menu_item_save(
        Act(people["other_admin"]),
        data=services.MenuItemInput(
            province_code="35", name="x", dimension="income", agency_id=agency("กรมการพัฒนาชุมชน").pk
        ),
    )
    p = a_problem(people["district"])
    with pytest.raises(RuleError) as e:
        assign(people["district"], p, menu_item_id=yasothon.pk)
    assert e.value.message_dict == {
        "menu_item_id": ["ไม่มีรายการนี้ในเมนูแก้จนของจังหวัด"],
        "agency_id": ["กรุณาเลือกหน่วยงานที่รับผิดชอบ"],
    }


def test_who_assigns_at_which_level(people: dict[str, Any]) -> None:
    p = a_problem(people["team"])
    for persona in ("team", "mentor", "prov_health", "prov_admin", "national", "other_district"):
        with pytest.raises(PermissionDenied):
            assign(people[persona], p)
    p.refresh_from_db()
    assert p.status == "open"


def test_the_district_escalates_with_a_reason_and_the_governor_assigns(
    people: dict[str, Any],
) -> None:
    p = a_problem(people["district"])
    with pytest.raises(RuleError) as e:
        services.problem_escalate(
            Act(people["district"]), problem=p, data=services.EscalationInput(reason=" ")
        )
    assert e.value.message_dict == {"reason": ["กรุณาระบุเหตุผลที่ส่งต่อจังหวัด"]}
    with pytest.raises(PermissionDenied):
        services.problem_escalate(
            Act(people["team"]), problem=p, data=services.EscalationInput(reason="x")
        )
    services.problem_escalate(
        Act(people["district"]),
        problem=p,
        data=services.EscalationInput(reason="ไม่มีหน่วยงานระดับอำเภอ"),
    )
    assert p.status == ProblemStatus.ESCALATED
    # Escalated: the district no longer assigns it; the province's administrator does.
    with pytest.raises(PermissionDenied):
        assign(people["district"], p)
    with pytest.raises(PermissionDenied):
        assign(people["other_admin"], p)
    assign(people["prov_admin"], p)
    kinds = list(p.events.values_list("kind", "to_status", "actor__username", "note"))
    assert kinds == [
        ("created", "open", "district", ""),
        ("escalated", "escalated", "district", "ไม่มีหน่วยงานระดับอำเภอ"),
        ("assigned", "assigned", "prov_admin", ""),
    ]


def test_status_moves_forward_and_a_resolved_problem_is_closed(people: dict[str, Any]) -> None:
    p = a_problem(people["team"])
    assign(people["district"], p)

    def move(officer: Any, status: str, **kw: Any) -> Problem:
        data = services.StatusInput(status=status, **kw)
        return services.problem_set_status(Act(officer, today=TODAY), problem=p, data=data)

    move(people["team"], "in_progress")  # the author follows the progress
    with pytest.raises(RuleError) as e:
        move(people["team"], "assigned")
    assert e.value.message_dict == {"status": ["เปลี่ยนเป็นสถานะนี้ไม่ได้ (ใช้การมอบหมายหรือการส่งต่อจังหวัด)"]}
    with pytest.raises(PermissionDenied):
        move(people["prov_health"], "resolved")
    move(people["district"], "resolved", resolved_on=date(2026, 11, 20), note="ได้รับเงินยืมแล้ว")
    assert (p.status, p.resolved_on) == ("resolved", date(2026, 11, 20))
    with pytest.raises(RuleError) as e:
        move(people["district"], "in_progress")
    assert e.value.message_dict == {"status": ["ปัญหาสถานะ “แก้ไขแล้ว” เปลี่ยนเป็น “กำลังดำเนินการ” ไม่ได้"]}
    with pytest.raises(RuleError):
        assign(people["district"], p)
    assert list(p.events.values_list("to_status", flat=True)) == [
        "open",
        "assigned",
        "in_progress",
        "resolved",
    ]


def test_the_problem_form_keeps_a_routed_status_but_never_sets_one(people: dict[str, Any]) -> None:
    with pytest.raises(RuleError) as e:
        a_problem(people["district"], status="assigned")
    assert e.value.message_dict == {"status": ["สถานะนี้ได้จากการมอบหมายหน่วยงานหรือการส่งต่อจังหวัดเท่านั้น"]}
    p = a_problem(people["district"])
    assign(people["district"], p)
    data = logbook_services.ProblemInput(title="แก้ชื่อ", occurred_on=date(2026, 11, 1))
    logbook_services.problem_update(Act(people["district"], today=TODAY), problem=p, data=data)
    p.refresh_from_db()
    assert (p.title, p.status) == ("แก้ชื่อ", "assigned")
    back = logbook_services.ProblemInput(title="แก้ชื่อ", occurred_on=date(2026, 11, 1), status="open")
    with pytest.raises(RuleError) as e:
        logbook_services.problem_update(Act(people["district"], today=TODAY), problem=p, data=back)
    assert e.value.message_dict == {"status": ["ปัญหาที่มอบหมายหรือส่งต่อแล้วกลับเป็นรอดำเนินการไม่ได้"]}


def test_a_stale_assignment_is_refused(people: dict[str, Any]) -> None:
    p = a_problem(people["district"])
    with pytest.raises(StaleVersion):
        services.problem_assign(
            Act(people["district"], expected_version=7, today=TODAY),
            problem=p,
            data=services.AssignmentInput(due_on=DUE, menu_item_id=menu("kkkj").pk),
        )
    assert ProblemEvent.objects.filter(kind="assigned").count() == 0


def test_a_problem_of_another_district_is_outside_the_chiefs_scope(people: dict[str, Any]) -> None:
    p = a_problem(people["prov_admin"], household=HH4)
    with pytest.raises(PermissionDenied):
        assign(people["district"], p)
    assert HH1.village_code != p.village_code
