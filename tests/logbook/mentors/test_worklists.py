"""Work lists (issue 11 item 5) and a mentor's "my households" (F16), against hand-computed
personas: Somsri mentors H1 (rank 2) and H3 (rank 1) of Mueang Ubon; today is 1 Dec 2026.

* H1: one contact on 5 Oct 2026 (57 days ago), a visit on 20 Nov that met nobody, one open
  problem with no activity;
* H3: never visited; one open problem answered by an activity, one resolved problem;
* H4 (Si Mueang Mai, rank 4): no mentor; H2 is neither MPI-poor nor a target;
* one addition pending in H1's village."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from tests.logbook.mentors.conftest import TODAY
from tests.web_kit import H1, H3, H4, YEAR
from tpmap.logbook import services
from tpmap.logbook.services import HouseholdRef
from tpmap.logbook.visits.services import VisitInput, visit_create
from tpmap.logbook.worklists import registry
from tpmap.site.officers import Act
from tpmap.site.warehouse import get_warehouse

pytestmark = pytest.mark.django_db
T1 = HouseholdRef(YEAR, H1, "34010101", is_target=True)
T3 = HouseholdRef(YEAR, H3, "34010102", is_target=True)
T4 = HouseholdRef(YEAR, H4, "34020101", is_target=True)


@pytest.fixture
def casework(people: dict[str, Any], somsri: Any) -> None:
    district = people["district"]
    for ref in (T1, T3):
        services.mentor_assign(
            Act(district, today=TODAY),
            household=ref,
            data=services.MentorInput(assigned_on=date(2026, 10, 1), user=somsri, kind="student"),
        )
    for day, outcome in ((date(2026, 10, 5), "same"), (date(2026, 11, 20), "not_home")):
        visit_create(
            Act(somsri, today=TODAY),
            household=T1,
            data=VisitInput(visited_on=day, found="เยี่ยมบ้าน", outcome=outcome),
        )

    def problem(ref: HouseholdRef, title: str, status: str = "open") -> Any:
        return services.problem_create(
            Act(somsri, today=TODAY),
            household=ref,
            data=services.ProblemInput(title=title, occurred_on=date(2026, 10, 5), status=status),
        )

    problem(T1, "ไม่มีงานทำ")
    answered = problem(T3, "หลังคารั่ว")
    problem(T3, "ไม่มีบัตรประชาชน", status="resolved")
    services.activity_create(
        Act(district),
        household=T3,
        data=services.ActivityInput(name="ซ่อมหลังคา", start_on=date(2026, 11, 1), problem=answered),
    )
    services.addition_create(
        Act(somsri, today=TODAY),
        wh=get_warehouse(),
        data=services.AdditionInput(
            year=YEAR,
            village_code="34010101",
            first_name="ตกหล่น",
            last_name="นาคำ",
            age=30,
            reason="ไม่มีชื่อในการสำรวจ",
        ),
    )


def _q(viewer: Any, area: str, days: int = 30) -> registry.WorkQuery:
    return registry.WorkQuery(
        viewer=viewer, wh=get_warehouse(), year=YEAR, area=area, today=TODAY, days=days
    )


def _ids(rows: list[registry.WorkRow]) -> list[str]:
    return [r.household_id for r in rows]


def test_my_households_are_ordered_by_priority_with_what_is_due(
    casework: None, somsri: Any
) -> None:
    rows = registry.my_households(_q(somsri, "3401"))
    assert [(r.household_id, r.priority, r.title, r.notes) for r in rows] == [
        (H3, 1, "บุญมี มีสุข", ["เยี่ยมบ้านครั้งแรก", "ยังไม่มีแผนพัฒนาครัวเรือน"]),
        (
            H1,
            2,
            "สมชาย ใจดี",
            ["ยังไม่มีแผนพัฒนาครัวเรือน", "ปัญหา 1 รายการยังไม่มีกิจกรรม", "ไม่ได้เยี่ยมบ้าน 57 วัน"],
        ),
    ]


def test_a_recent_contact_clears_the_no_visit_item_and_another_mentor_sees_nothing(
    casework: None, somsri: Any, people: dict[str, Any]
) -> None:
    visit_create(
        Act(somsri, today=TODAY),
        household=T1,
        data=VisitInput(visited_on=date(2026, 11, 30), found="พบครัวเรือน"),
    )
    rows = registry.my_households(_q(somsri, "3401"))
    assert [r.notes for r in rows] == [
        ["เยี่ยมบ้านครั้งแรก", "ยังไม่มีแผนพัฒนาครัวเรือน"],
        ["ยังไม่มีแผนพัฒนาครัวเรือน", "ปัญหา 1 รายการยังไม่มีกิจกรรม"],
    ]
    assert registry.my_households(_q(people["mentor"], "340104")) == []


def test_the_work_lists_of_the_district_count_what_was_hand_computed(
    casework: None, people: dict[str, Any]
) -> None:
    q = _q(people["district"], "3401")
    assert _ids(registry.no_mentor(q)) == []
    assert [(r.household_id, r.notes) for r in registry.not_visited(q)] == [
        (H3, ["ยังไม่เคยเยี่ยมบ้าน"]),
        (H1, ["ไม่ได้เยี่ยมบ้าน 57 วัน"]),
    ]
    assert _ids(registry.not_visited(_q(people["district"], "3401", days=60))) == [H3]
    assert _ids(registry.problems_without_activity(q)) == [H1]
    pending = registry.additions_pending(q)
    assert [(r.title, r.village_code) for r in pending] == [("ตกหล่น นาคำ", "34010101")]
    assert [(w.slug, n) for w, n in registry.counts(q)] == [
        ("no-mentor", 0),
        ("not-visited", 2),
        ("problems-without-activity", 1),
        ("additions-pending", 1),
        ("plan-missing", 2),
        ("problems-overdue", 0),
    ]


def test_the_province_sees_its_unmentored_household_until_a_visit_finds_it_gone(
    casework: None, people: dict[str, Any]
) -> None:
    q = _q(people["prov_admin"], "34")
    assert [(r.household_id, r.priority) for r in registry.no_mentor(q)] == [(H4, 4)]
    # The cheap count (3 listed households of 34 minus H1 and H3, mentored) agrees, and a
    # page limit reads only as many rows as it needs.
    assert registry.count_no_mentor(q) == 1
    assert _ids(registry.no_mentor(dataclasses.replace(q, limit=1))) == [H4]
    assert registry.no_mentor(dataclasses.replace(q, limit=0)) == []
    services.correction_create(
        Act(people["prov_admin"], today=TODAY),
        wh=get_warehouse(),
        household=T4,
        data=services.CorrectionInput(kind="moved_out", effective_on=TODAY),
    )
    assert registry.no_mentor(_q(people["prov_admin"], "34")) == []
    assert registry.count_no_mentor(_q(people["prov_admin"], "34")) == 0


def test_lists_stay_inside_the_viewer_area_and_additions_are_for_deciders_only(
    casework: None, people: dict[str, Any]
) -> None:
    other = _q(people["other_district"], "3402")
    assert [(w.slug, n) for w, n in registry.counts(other)] == [
        ("no-mentor", 1),
        ("not-visited", 0),
        ("problems-without-activity", 0),
        ("plan-missing", 0),
        ("problems-overdue", 0),
    ]
    team = _q(people["team"], "340101")
    slugs = [w.slug for w, _n in registry.counts(team)]
    assert "additions-pending" not in slugs
    # The team of Nai Mueang (H1 and H3 are both theirs): H3's problem has its activity.
    assert _ids(registry.problems_without_activity(team)) == [H1]


def test_the_dashboard_distribution_counts_target_households_by_contacts(
    casework: None, people: dict[str, Any], somsri: Any
) -> None:
    assert registry.visit_distribution(YEAR, "3401", people["district"]) == {
        "1": 1,
        "2": 0,
        "3+": 0,
    }
    for day in (date(2026, 11, 2), date(2026, 11, 25)):
        visit_create(
            Act(somsri, today=TODAY),
            household=T1,
            data=VisitInput(visited_on=day, found="พบครัวเรือน"),
        )
    assert registry.visit_distribution(YEAR, "3401", people["district"]) == {
        "1": 0,
        "2": 0,
        "3+": 1,
    }
    assert registry.visit_distribution(YEAR, "", people["other_admin"]) == {
        "1": 0,
        "2": 0,
        "3+": 0,
    }


def test_a_plan_clears_plan_missing_and_routed_problems_list_when_overdue_or_escalated(
    casework: None, people: dict[str, Any], somsri: Any
) -> None:
    from tpmap.logbook.models import Problem
    from tpmap.logbook.plans.services import PlanInput, plan_save

    district = _q(people["district"], "3401")
    assert _ids(registry.plan_missing(district)) == [H3, H1]  # by priority
    plan_save(Act(somsri), household=T3, data=PlanInput(goal="มีรายได้พอใช้จ่าย"))
    assert [(r.household_id, r.notes) for r in registry.plan_missing(district)] == [
        (H1, ["ยังไม่มีแผนพัฒนาครัวเรือน"])
    ]
    assert registry.my_households(_q(somsri, "3401"))[0].notes == ["เยี่ยมบ้านครั้งแรก"]
    # H1's open problem assigned to an agency, due 3 days before today: overdue by 3 days.
    Problem.objects.filter(household_id=H1, title="ไม่มีงานทำ").update(
        status="assigned", due_on=date(2026, 11, 28)
    )
    assert [(r.household_id, r.notes) for r in registry.problems_overdue(district)] == [
        (H1, ["ไม่มีงานทำ: เกินกำหนด 3 วัน"])
    ]
    # Escalated to the province: the province's list, not the district's.
    Problem.objects.filter(household_id=H1, title="ไม่มีงานทำ").update(status="escalated")
    assert registry.problems_overdue(district) == []
    province = _q(people["prov_admin"], "34")
    assert [(r.household_id, r.notes) for r in registry.escalated_to_me(province)] == [
        (H1, ["ไม่มีงานทำ: ส่งต่อจังหวัด"])
    ]
    assert "escalated-to-me" in [w.slug for w, _n in registry.counts(province)]
    assert "escalated-to-me" not in [w.slug for w, _n in registry.counts(district)]
    # An escalated problem is still unsolved: it still counts as a problem without activity.
    assert _ids(registry.problems_without_activity(district)) == [H1]
