"""Shared helpers of the household development plan tests (F17)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.web_kit import H1, YEAR
from tpmap.logbook.models import Plan, PlanAction, StageChange
from tpmap.logbook.plans import services
from tpmap.logbook.services import HouseholdRef
from tpmap.site.officers import Act

# H1 (สมชาย ใจดี, village 34010101) is a target household of the year.
HH1 = HouseholdRef(YEAR, H1, "34010101", is_target=True)
TODAY = date(2026, 12, 1)
GOAL = "มีรายได้พอใช้ ไม่มีหนี้นอกระบบ"


def make_plan(officer: Any, household: HouseholdRef = HH1, goal: str = GOAL) -> Plan:
    return services.plan_save(Act(officer), household=household, data=services.PlanInput(goal=goal))


def action_input(**kw: Any) -> services.PlanActionInput:
    args: dict[str, Any] = {
        "dimension": "income",
        "household_does": "ปลูกผักสวนครัว 10 ชนิด ทำบัญชีครัวเรือน",
        "support": "ประสานเมล็ดพันธุ์และต้นกล้า",
        "agency": "สำนักงานเกษตรอำเภอ",
        "start_on": date(2026, 12, 1),
        "end_on": date(2027, 1, 31),
    }
    args.update(kw)
    return services.PlanActionInput(**args)


def add_action(officer: Any, household: HouseholdRef = HH1, **kw: Any) -> PlanAction:
    return services.plan_action_add(Act(officer), household=household, data=action_input(**kw))


def set_stage(
    officer: Any, stage: str, set_on: date, household: HouseholdRef = HH1, **kw: Any
) -> StageChange:
    return services.stage_set(
        Act(officer, today=TODAY),
        household=household,
        data=services.StageInput(stage=stage, set_on=set_on, **kw),
    )


def analysis_input(**kw: Any) -> services.AnalysisInput:
    args: dict[str, Any] = {
        "analysed_on": date(2026, 11, 20),
        "attitude": "อยากพึ่งตนเอง",
        "skills": "จักสานได้",
        "resources": "มีที่ดิน 2 ไร่",
        "way_out": "ปลูกผักขายในตลาดชุมชน",
    }
    args.update(kw)
    return services.AnalysisInput(**args)
