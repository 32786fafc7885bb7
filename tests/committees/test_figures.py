"""The report figures against hand-computed personas.

Records of data year 2566, quarter 4 of fiscal 2569 (1 Jul - 30 Sep 2026):
* H1 (34010101, target): a problem on 10 Jul (open), a problem on 5 Aug resolved on 20
  Aug, an activity on 6 Aug by อบต.ในเมือง, an activity on 1 Sep with no agency given (the
  district chief's agency);
* H2 (34010101, not a target): a problem on 30 Sep (in progress); a visit on 15 Aug found
  the household moved out (an exit);
* H3 (34010102, target): an activity on 30 Jun and a problem on 1 Oct (both outside);
* H4 (34020101, Si Mueang Mai, target): a problem on 1 Aug (in the province, not in 3401).
* Stages (F17): H1 survives from 1 Aug and is sufficient from 15 Oct (after the quarter);
  H3 survives from 1 Jun; H4 survives from 2 Sep and is sufficient from 20 Sep.

So Mueang Ubon (3401) counts 2 households visited (H1, H2), 1 of them a target (H1);
problems 1 open + 1 in progress + 1 resolved = 3; activities 1 + 1 = 2; 1 correction,
an exit; at 30 Sep H1 and H3 survive. Ubon (34) adds H4: 3 visited, 2 targets, 2 open
problems, 4 problems, and one household sufficient."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.committees.kit import committee
from tests.web_kit import H1, H2, H3, H4, YEAR
from tpmap.committees import figures, selectors, services
from tpmap.logbook import services as logbook
from tpmap.logbook.plans.services import StageInput, stage_set
from tpmap.logbook.services import HouseholdRef
from tpmap.site.officers import Act
from tpmap.site.warehouse import get_warehouse

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 6)
Q4_START, Q4_END = date(2026, 7, 1), date(2026, 9, 30)
CHIEF_AGENCY = "ที่ว่าการอำเภอเมืองอุบลราชธานี"


def problem(officer: Any, hh: HouseholdRef, on: date, **kw: Any) -> None:
    data = logbook.ProblemInput(title="ปัญหา", occurred_on=on, performer="ทีม", **kw)
    logbook.problem_create(Act(officer, today=TODAY), household=hh, data=data)


def activity(officer: Any, hh: HouseholdRef, on: date, agency: str = "") -> None:
    data = logbook.ActivityInput(name="ช่วยเหลือ", start_on=on, agency=agency)
    logbook.activity_create(Act(officer), household=hh, data=data)


@pytest.fixture
def records(people: dict[str, Any]) -> None:
    chief, admin = people["district"], people["prov_admin"]
    hh1 = HouseholdRef(YEAR, H1, "34010101", is_target=True)
    hh2 = HouseholdRef(YEAR, H2, "34010101", is_target=False)
    hh3 = HouseholdRef(YEAR, H3, "34010102", is_target=True)
    hh4 = HouseholdRef(YEAR, H4, "34020101", is_target=True)
    problem(chief, hh1, date(2026, 7, 10))
    problem(chief, hh1, date(2026, 8, 5), status="resolved", resolved_on=date(2026, 8, 20))
    activity(chief, hh1, date(2026, 8, 6), agency="อบต.ในเมือง")
    activity(chief, hh1, date(2026, 9, 1))
    problem(chief, hh2, date(2026, 9, 30), status="in_progress")
    logbook.correction_create(
        Act(chief, today=TODAY),
        wh=get_warehouse(),
        household=hh2,
        data=logbook.CorrectionInput(kind="moved_out", effective_on=date(2026, 8, 15)),
    )
    activity(chief, hh3, date(2026, 6, 30), agency="อื่น")
    problem(chief, hh3, date(2026, 10, 1))
    problem(admin, hh4, date(2026, 8, 1))
    for hh, steps in (
        (hh1, (("survive", date(2026, 8, 1)), ("sufficient", date(2026, 10, 15)))),
        (hh3, (("survive", date(2026, 6, 1)),)),
        (hh4, (("survive", date(2026, 9, 2)), ("sufficient", date(2026, 9, 20)))),
    ):
        for stage, on in steps:
            stage_set(
                Act(admin, today=TODAY), household=hh, data=StageInput(stage=stage, set_on=on)
            )


DISTRICT = {
    "visited_target": 1,
    "visited": 2,
    "problems": {
        "open": 1,
        "in_progress": 1,
        "resolved": 1,
        "assigned": 0,
        "escalated": 0,
        "total": 3,
    },
    "activities": {CHIEF_AGENCY: 1, "อบต.ในเมือง": 1},
    "activities_total": 2,
    "corrections": {"moved_out": 1},
    "corrections_total": 1,
    "exits": 1,
    "stages": {"survive": 2, "sufficient": 0, "sustainable": 0},
}


def test_the_district_s_figures_of_the_quarter(records: None) -> None:
    assert figures.area_figures("3401", Q4_START, Q4_END) == DISTRICT


def test_the_province_s_figures_add_the_other_district(records: None) -> None:
    out = figures.area_figures("34", Q4_START, Q4_END)
    assert (out["visited"], out["visited_target"]) == (3, 2)
    assert out["stages"] == {"survive": 2, "sufficient": 1, "sustainable": 0}
    assert out["problems"] == {
        "open": 2,
        "in_progress": 1,
        "resolved": 1,
        "assigned": 0,
        "escalated": 0,
        "total": 4,
    }
    assert out["activities_total"] == 2 and out["exits"] == 1


def test_a_month_counts_its_own_records(records: None) -> None:
    out = figures.area_figures("3401", date(2026, 9, 1), date(2026, 9, 30))
    assert (out["visited"], out["visited_target"]) == (2, 1)
    assert out["problems"] == {
        "open": 0,
        "in_progress": 1,
        "resolved": 0,
        "assigned": 0,
        "escalated": 0,
        "total": 1,
    }
    assert out["activities"] == {CHIEF_AGENCY: 1} and out["corrections_total"] == 0


def test_submitted_figures_stay_as_reported_and_the_province_sums_its_children(
    records: None, people: dict[str, Any]
) -> None:
    chief, admin = people["district"], people["prov_admin"]
    province = committee(admin, "34")
    mine = committee(chief, "3401")
    committee(admin, "3402")  # has not reported
    report = services.report_create(
        Act(chief, today=TODAY),
        committee=mine,
        data=services.ReportInput(kind="quarterly", period_start=Q4_START, results="ผล"),
    )
    services.report_submit(Act(chief, today=TODAY), report=report)
    # A record added after the submission does not change the report.
    problem(chief, HouseholdRef(YEAR, H1, "34010101"), date(2026, 9, 2))
    report.refresh_from_db()
    assert report.figures == DISTRICT and report.late  # due 15 Oct 2026
    whole = selectors.consolidated(province, "quarterly", Q4_START)
    assert [r.committee.area_code for r in whole.children] == ["3401", "3402"]
    assert [r.committee.area_code for r in whole.missing] == ["3402"]
    assert whole.total == DISTRICT
    assert whole.own is None


def test_adding_figures_keeps_stages_none_until_counted() -> None:
    a = {**figures.empty(), "visited": 2, "activities": {"x": 1}}
    b = {**figures.empty(), "visited": 3, "activities": {"x": 2, "y": 5}, "stages": {"s1": 4}}
    total = figures.add([a, b, None])
    assert total["visited"] == 5 and total["activities"] == {"y": 5, "x": 3}
    assert total["stages"] == {"s1": 4}
    assert figures.add([a])["stages"] is None


def test_the_figures_take_five_queries_and_the_consolidation_three(
    records: None, people: dict[str, Any], django_assert_num_queries: Any
) -> None:
    admin = people["prov_admin"]
    province = committee(admin, "34")
    for code in ("3401", "3402", "3403", "3404"):
        committee(admin, code)
    with django_assert_num_queries(5):  # visits, problems, activities, corrections, stages
        figures.area_figures("34", Q4_START, Q4_END)
    # However many districts the province has: its own report, its children, their reports.
    with django_assert_num_queries(3):
        selectors.consolidated(province, "quarterly", Q4_START)
