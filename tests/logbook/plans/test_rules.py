"""The rules of the household development plan's services (F17), one test per rule: the
goal, the action rows, the 4ท analysis, the stage ladder; the area, the versions, the
client ids and the audit."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.logbook.plans.kit import (
    GOAL,
    HH1,
    TODAY,
    action_input,
    add_action,
    analysis_input,
    make_plan,
    set_stage,
)
from tests.web_kit import H1, H2, YEAR
from tpmap.accounts.models import AuditEvent
from tpmap.logbook import services as logbook_services
from tpmap.logbook.models import Plan, PlanAction, PlanAnalysis, StageChange
from tpmap.logbook.plans import selectors, services
from tpmap.logbook.services import HouseholdRef
from tpmap.site.officers import Act
from tpmap.site.rules import StaleVersion

pytestmark = pytest.mark.django_db
HH2 = HouseholdRef(YEAR, H2, "34010101")


def messages(e: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return dict(e.value.message_dict)


# -- the plan's goal -------------------------------------------------------------------------
def test_a_plan_is_made_with_its_goal_and_audited(people: dict[str, Any]) -> None:
    plan = make_plan(people["team"])
    assert (plan.year, plan.household_id, plan.village_code) == (YEAR, H1, "34010101")
    assert (plan.goal, plan.version, plan.created_by, plan.updated_by) == (
        GOAL,
        1,
        people["team"],
        people["team"],
    )
    event = AuditEvent.objects.get(object_type="plan")
    assert (event.action, event.household_id, event.after["goal"]) == ("create", H1, GOAL)


def test_a_plan_needs_a_goal(people: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as e:
        make_plan(people["team"], goal="   ")
    assert messages(e) == {"goal": ["กรุณาระบุเป้าหมายสูงสุดของครัวเรือน"]}
    assert Plan.objects.count() == 0


def test_saving_again_changes_the_one_plan_of_the_year(people: dict[str, Any]) -> None:
    make_plan(people["team"])
    plan = make_plan(people["district"], goal="ลดรายจ่าย")
    assert Plan.objects.count() == 1
    assert (plan.goal, plan.version, plan.created_by, plan.updated_by) == (
        "ลดรายจ่าย",
        2,
        people["team"],
        people["district"],
    )
    change = AuditEvent.objects.get(object_type="plan", action="change")
    assert (change.before["goal"], change.after["goal"]) == (GOAL, "ลดรายจ่าย")


def test_a_stale_plan_version_is_refused(people: dict[str, Any]) -> None:
    make_plan(people["team"])
    with pytest.raises(StaleVersion):
        services.plan_save(
            Act(people["team"], expected_version=0),
            household=HH1,
            data=services.PlanInput(goal="x"),
        )
    assert Plan.objects.get().goal == GOAL


def test_a_national_id_typed_into_the_goal_keeps_its_last_4_digits(
    people: dict[str, Any],
) -> None:
    plan = make_plan(people["team"], goal="ดูแลนาย ก 1234567890123 ให้มีงานทำ")
    assert plan.goal == "ดูแลนาย ก x-xxxx-xxxxx-01-23 ให้มีงานทำ"


def test_a_household_outside_the_area_is_refused(people: dict[str, Any]) -> None:
    h4 = HouseholdRef(YEAR, "34020000004", "34020101")
    with pytest.raises(PermissionDenied):
        make_plan(people["team"], household=h4)
    with pytest.raises(PermissionDenied):
        set_stage(people["district"], "survive", date(2026, 11, 1), household=h4)
    assert Plan.objects.count() == StageChange.objects.count() == 0


def test_a_retried_plan_with_the_same_client_id_is_not_made_twice(people: dict[str, Any]) -> None:
    cid = uuid.uuid4()
    data = services.PlanInput(goal=GOAL, client_id=cid)
    first = services.plan_save(Act(people["team"], expected_version=0), household=HH1, data=data)
    again = services.plan_save(Act(people["team"], expected_version=0), household=HH1, data=data)
    assert first.pk == again.pk and again.version == 1


def test_two_officers_making_the_plan_at_once_keep_one_and_the_other_reloads(
    people: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def the_other_officer_commits_first(self: Plan, *args: Any, **kw: Any) -> None:
        Plan.objects.create(
            year=YEAR,
            household_id=H1,
            village_code="34010101",
            goal="ของอีกคน",
            created_by=people["district"],
            updated_by=people["district"],
        )

    monkeypatch.setattr(Plan, "full_clean", the_other_officer_commits_first)
    with pytest.raises(StaleVersion):
        make_plan(people["team"])
    # Nothing of the refused write stays (here the other officer's row, made inside the
    # same transaction to simulate the race, rolls back with it).
    assert Plan.objects.count() == 0
    assert not AuditEvent.objects.filter(object_type="plan").exists()


# -- action rows -----------------------------------------------------------------------------
def test_an_action_row_needs_the_plan_first(people: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as e:
        add_action(people["team"])
    assert messages(e) == {"plan": ["กรุณาบันทึกเป้าหมายสูงสุดของครัวเรือนก่อนเพิ่มแผนปฏิบัติการ"]}
    assert PlanAction.objects.count() == 0


def test_an_action_row_is_added_continuing_with_its_links(people: dict[str, Any]) -> None:
    officer = people["team"]
    make_plan(officer)
    problem = logbook_services.problem_create(
        Act(officer),
        household=HH1,
        data=logbook_services.ProblemInput(title="รายได้ไม่พอ", occurred_on=date(2026, 11, 2)),
    )
    activity = logbook_services.activity_create(
        Act(officer),
        household=HH1,
        data=logbook_services.ActivityInput(name="แจกเมล็ดพันธุ์", start_on=date(2026, 11, 3)),
    )
    action = add_action(officer, problems=[problem], activities=[activity])
    action.refresh_from_db()
    assert (action.dimension, action.status, action.agency) == (
        "income",
        "continuing",
        "สำนักงานเกษตรอำเภอ",
    )
    assert list(action.problems.all()) == [problem]
    assert list(action.activities.all()) == [activity]
    event = AuditEvent.objects.get(object_type="planaction")
    assert (event.after["problems"], event.after["activities"]) == ([problem.pk], [activity.pk])


def test_an_action_row_may_lie_in_the_future(people: dict[str, Any]) -> None:
    make_plan(people["team"])
    action = add_action(people["team"], start_on=date(2030, 1, 1), end_on=None)
    assert action.start_on == date(2030, 1, 1)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"dimension": ""}, "dimension", "กรุณาเลือกมิติการพัฒนา"),
        ({"dimension": "wealth"}, "dimension", "กรุณาเลือกมิติการพัฒนา"),
        (
            {"household_does": " ", "support": ""},
            "household_does",
            "กรุณาระบุสิ่งที่ครัวเรือนจะทำ หรือสิ่งที่พี่เลี้ยง/หน่วยงานจะสนับสนุน",
        ),
        ({"end_on": date(2026, 11, 30)}, "end_on", "วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น"),
        ({"status": "maybe"}, "status", "สถานะไม่ถูกต้อง"),
    ],
)
def test_an_action_row_breaking_a_rule_is_refused(
    people: dict[str, Any], changes: dict[str, Any], field: str, message: str
) -> None:
    make_plan(people["team"])
    with pytest.raises(ValidationError) as e:
        add_action(people["team"], **changes)
    assert messages(e) == {field: [message]}
    assert PlanAction.objects.count() == 0


def test_an_action_row_links_only_the_household_s_own_problems(people: dict[str, Any]) -> None:
    officer = people["team"]
    make_plan(officer)
    other = logbook_services.problem_create(
        Act(officer),
        household=HH2,
        data=logbook_services.ProblemInput(title="ของบ้านอื่น", occurred_on=date(2026, 11, 2)),
    )
    with pytest.raises(ValidationError) as e:
        add_action(officer, problems=[other])
    assert messages(e) == {"problems": ["รายการที่เลือกไม่ใช่ของครัวเรือนนี้ในปีข้อมูลนี้"]}
    assert PlanAction.objects.count() == 0


def test_an_action_row_is_marked_done_with_a_new_version(people: dict[str, Any]) -> None:
    make_plan(people["team"])
    action = add_action(people["team"])
    changed = services.plan_action_update(
        Act(people["district"], expected_version=1), action=action, data=action_input(status="done")
    )
    assert (changed.status, changed.version) == ("done", 2)
    assert PlanAction.objects.get().status == "done"
    with pytest.raises(StaleVersion):
        services.plan_action_update(
            Act(people["district"], expected_version=1),
            action=changed,
            data=action_input(status="continuing"),
        )
    assert PlanAction.objects.get().status == "done"


def test_an_action_row_is_deleted_and_audited(people: dict[str, Any]) -> None:
    make_plan(people["team"])
    action = add_action(people["team"])
    pk = action.pk
    services.plan_action_delete(Act(people["team"]), action=action)
    assert not PlanAction.objects.filter(pk=pk).exists()
    assert AuditEvent.objects.get(object_type="planaction", action="delete").object_id == str(pk)


# -- the 4ท analysis -------------------------------------------------------------------------
def test_the_4t_analysis_keeps_its_author_and_date(people: dict[str, Any]) -> None:
    a = services.analysis_save(
        Act(people["team"], today=TODAY), household=HH1, data=analysis_input()
    )
    again = services.analysis_save(
        Act(people["district"], expected_version=1, today=TODAY),
        household=HH1,
        data=analysis_input(way_out="ขายผักออนไลน์"),
    )
    assert a.pk == again.pk and PlanAnalysis.objects.count() == 1
    stored = PlanAnalysis.objects.get()
    assert (stored.created_by, stored.updated_by, stored.analysed_on, stored.way_out) == (
        people["team"],
        people["district"],
        date(2026, 11, 20),
        "ขายผักออนไลน์",
    )
    assert stored.version == 2


def test_the_4t_analysis_needs_all_four_and_no_future_day(people: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as e:
        services.analysis_save(
            Act(people["team"], today=TODAY),
            household=HH1,
            data=analysis_input(skills="", way_out=" ", analysed_on=date(2026, 12, 2)),
        )
    assert messages(e) == {
        "skills": ["กรุณาระบุทักษะ"],
        "way_out": ["กรุณาระบุทางออก"],
        "analysed_on": ["วันที่ต้องไม่เป็นวันในอนาคต"],
    }
    assert PlanAnalysis.objects.count() == 0


# -- the stage -------------------------------------------------------------------------------
def test_a_household_first_survives(people: dict[str, Any]) -> None:
    for stage in ("sufficient", "sustainable"):
        with pytest.raises(ValidationError) as e:
            set_stage(people["team"], stage, date(2026, 11, 1))
        assert messages(e) == {"stage": ["ครัวเรือนต้องผ่านขั้นอยู่รอดก่อน (ปีแรกมุ่งให้อยู่รอดได้ก่อน)"]}
    assert StageChange.objects.count() == 0
    first = set_stage(people["team"], "survive", date(2026, 11, 1), note="เริ่มติดตาม")
    assert (first.stage, first.is_target, first.note, first.created_by) == (
        "survive",
        True,
        "เริ่มติดตาม",
        people["team"],
    )
    assert AuditEvent.objects.get(object_type="stagechange").action == "create"


def test_a_household_climbs_one_stage_at_a_time(people: dict[str, Any]) -> None:
    set_stage(people["team"], "survive", date(2026, 11, 1))
    with pytest.raises(ValidationError) as e:
        set_stage(people["team"], "sustainable", date(2026, 11, 10))
    assert messages(e) == {"stage": ["เลื่อนขั้นได้ครั้งละหนึ่งขั้น: อยู่รอด → พอเพียง → ยั่งยืน"]}
    set_stage(people["team"], "sufficient", date(2026, 11, 10))
    set_stage(people["team"], "sustainable", date(2026, 11, 20))
    # A setback is allowed, to any lower stage.
    set_stage(people["team"], "survive", date(2026, 11, 25))
    assert [s.stage for s in selectors.stage_history(people["team"], HH1)] == [
        "survive",
        "sufficient",
        "sustainable",
        "survive",
    ]


def test_the_same_stage_again_is_refused(people: dict[str, Any]) -> None:
    set_stage(people["team"], "survive", date(2026, 11, 1))
    with pytest.raises(ValidationError) as e:
        set_stage(people["team"], "survive", date(2026, 11, 5))
    assert messages(e) == {"stage": ["ครัวเรือนอยู่ในขั้นนี้แล้ว"]}


def test_a_stage_day_is_not_in_the_future_nor_before_the_current_one(
    people: dict[str, Any],
) -> None:
    with pytest.raises(ValidationError) as e:
        set_stage(people["team"], "survive", date(2026, 12, 2))
    assert messages(e) == {"set_on": ["วันที่ต้องไม่เป็นวันในอนาคต"]}
    set_stage(people["team"], "survive", date(2026, 11, 10))
    with pytest.raises(ValidationError) as e:
        set_stage(people["team"], "sufficient", date(2026, 11, 9))
    assert messages(e) == {"set_on": ["วันที่ต้องไม่ก่อนวันที่ของขั้นปัจจุบัน"]}
    assert StageChange.objects.count() == 1


def test_the_stage_carries_into_the_next_data_year(people: dict[str, Any]) -> None:
    set_stage(people["team"], "survive", date(2026, 11, 1))
    next_year = HouseholdRef(YEAR + 1, H1, "34010101")
    change = set_stage(people["team"], "sufficient", date(2026, 11, 20), household=next_year)
    assert change.year == YEAR + 1
    assert selectors.current_stage(YEAR, [H1])[H1].stage == "survive"
    assert selectors.current_stage(YEAR + 1, [H1])[H1].stage == "sufficient"


def test_a_retried_stage_with_the_same_client_id_is_one_change(people: dict[str, Any]) -> None:
    cid = uuid.uuid4()
    a = set_stage(people["team"], "survive", date(2026, 11, 1), client_id=cid)
    b = set_stage(people["team"], "survive", date(2026, 11, 1), client_id=cid)
    assert a.pk == b.pk and StageChange.objects.count() == 1


# -- selectors for work lists and the dashboard --------------------------------------------------
def test_current_stage_and_households_without_plan(people: dict[str, Any]) -> None:
    set_stage(people["team"], "survive", date(2026, 11, 1))
    set_stage(people["team"], "sufficient", date(2026, 11, 5))
    set_stage(people["team"], "survive", date(2026, 11, 2), household=HH2)
    make_plan(people["team"])
    stages = selectors.current_stage(YEAR, [H1, H2, "34010000003"])
    assert {h: s.stage for h, s in stages.items()} == {H1: "sufficient", H2: "survive"}
    assert selectors.households_without_plan(YEAR, [H2, H1, "34010000003"]) == [
        H2,
        "34010000003",
    ]
    # Target households only (H2's ref was not looked up as a target): 10 targets in all.
    counts = selectors.stage_counts(YEAR, "3401", 10)
    assert (counts.survive, counts.sufficient, counts.sustainable, counts.none) == (0, 1, 0, 9)
    assert selectors.stage_counts(YEAR, "35", 4).none == 4
