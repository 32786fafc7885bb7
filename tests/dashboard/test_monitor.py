"""The monitoring dashboard: login required, area-scoped, every table checked against
numbers worked out by hand from a small Logbook written through the services.

The web warehouse (tests/web_kit.py) has target households H1 and H3 (district 3401,
villages 34010101 and 34010102), H4 (district 3402) and H5 (province 35); H2 (34010101)
is not a target. Its data year 2566 uses questionnaire 2560, whose MPI mapping puts BMN
indicator 20 in income, 27 in access, and 2 in no dimension. The Logbook below, "today"
being 15 Mar 2024:

| household | problems (occurred, dimension, status)          | activities (start, agency, indicator → problem) | mentor  | pin     |
|-----------|-------------------------------------------------|-------------------------------------------------|---------|---------|
| H1 target | P1 5 Jan income open; P2 10 Feb health resolved | A1 6 Jan พช. 20 (income)                        | 1 Feb   | 15 Feb  |
| H2        | P3 20 Feb (ไม่ระบุ) in progress                  | A2 21 Feb อบต. none → P3                        |         |         |
| H3 target | P4 20 Jan education open                        | A3 1 Mar พช. 2 (not MPI) → P4 (education)     |         |         |
| H4 target | P5 1 Feb living open                            |                                                 | 5 Mar   | 2 Mar   |
| H5 target | P6 10 Jan access open                           | A4 11 Jan สสจ. 27 (access)                      |         |         |
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.web_kit import H1, H2, H3, H4, H5, YEAR
from tpmap.logbook import followup, selectors, services
from tpmap.logbook.models import FollowedHousehold, Pin, Problem
from tpmap.logbook.services import HouseholdRef
from tpmap.site.officers import Act
from tpmap.site.warehouse import get_warehouse

pytestmark = pytest.mark.django_db

TODAY = date(2024, 3, 15)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tpmap.dashboard.monitor.views.today", lambda: TODAY)


def ref(user: Any, household_id: str) -> HouseholdRef:
    found = selectors.household_locate(get_warehouse(), user, year=YEAR, household_id=household_id)
    assert found is not None
    return found


def problem(user: Any, hh: str, day: date, dimension: str, status: str = "open") -> Problem:
    return services.problem_create(
        Act(user, today=TODAY),
        data=services.ProblemInput(
            title="ปัญหา",
            performer="ทีม",
            agency="พช.",
            occurred_on=day,
            dimension=dimension,
            status=status,
            resolved_on=date(2024, 2, 20) if status == "resolved" else None,
        ),
        household=ref(user, hh),
    )


def activity(
    user: Any, hh: str, day: date, agency: str, indicator: int | None, answers: Problem | None
) -> None:
    services.activity_create(
        Act(user),
        data=services.ActivityInput(
            name="ช่วยเหลือ",
            performer="ทีม",
            agency=agency,
            start_on=day,
            indicator=indicator,
            problem=answers,
        ),
        household=ref(user, hh),
    )


def pin(user: Any, hh: str, day: date) -> None:
    services.pin_set(
        Act(user),
        data=services.PinInput(latitude=Decimal("15.2"), longitude=Decimal("104.8"), source="map"),
        household=ref(user, hh),
    )
    # A pin is dated by when it was saved (auto_now): move it to the day of the story.
    Pin.objects.filter(household_id=hh).update(
        set_at=datetime(2024, day.month, day.day, 5, tzinfo=UTC)
    )
    followup.refresh(YEAR, hh)


def mentor(user: Any, hh: str, day: date) -> None:
    services.mentor_assign(
        Act(user),
        data=services.MentorInput(name="ทีมพี่เลี้ยง", agency="อำเภอ", assigned_on=day),
        household=ref(user, hh),
    )


@pytest.fixture
def logbook(people: dict[str, Any]) -> None:
    u = people["national"]
    p1 = problem(u, H1, date(2024, 1, 5), "income")
    problem(u, H1, date(2024, 2, 10), "health", "resolved")
    activity(u, H1, date(2024, 1, 6), "พช.", 20, None)
    mentor(u, H1, date(2024, 2, 1))
    pin(u, H1, date(2024, 2, 15))
    p3 = problem(u, H2, date(2024, 2, 20), "", "in_progress")
    activity(u, H2, date(2024, 2, 21), "อบต.", None, p3)
    p4 = problem(u, H3, date(2024, 1, 20), "education")
    activity(u, H3, date(2024, 3, 1), "พช.", 2, p4)
    problem(u, H4, date(2024, 2, 1), "living")
    pin(u, H4, date(2024, 3, 2))
    mentor(u, H4, date(2024, 3, 5))
    problem(u, H5, date(2024, 1, 10), "access")
    activity(u, H5, date(2024, 1, 11), "สสจ.", 27, None)
    assert p1.status == "open"


def value(text: str, key: str) -> str:
    m = re.search(rf'data-key="{key}"[^>]*>([^<]*)<', text)
    assert m, key
    return m.group(1).strip()


def table(text: str, name: str) -> list[list[str]]:
    """The body and footer rows of a dashboard table, each cell's text."""
    m = re.search(rf'data-table="{name}">(.*?)</table>', text, re.S)
    assert m, name
    body = m.group(1).split("</thead>", 1)[1]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)
        ]
        for r in rows
    ]


def children(text: str) -> dict[str, list[str]]:
    m = re.search(r'<section class="card" id="children">(.*?)</section>', text, re.S)
    if not m:
        return {}
    out = {}
    for code, row in re.findall(r'<tr data-code="(\d+)">(.*?)</tr>', m.group(1), re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        out[code] = [re.sub(r"<[^>]+>", "", c).strip() for c in cells[1:11]]
    return out


def page(client: Any, user: Any, **params: Any) -> str:
    client.force_login(user)
    r = client.get("/monitor/", params)
    assert r.status_code == 200
    return str(r.content.decode())


def test_the_dashboard_needs_a_login(client: Any) -> None:
    r = client.get("/monitor/")
    assert r.status_code == 302 and "/login/" in r["Location"]


def test_the_province_officer_sees_every_table_of_their_province(
    client: Any, people: dict[str, Any], logbook: None
) -> None:
    text = page(client, people["prov_health"])
    cards = {
        k: value(text, k)
        for k in (
            "target_households",
            "followed",
            "visited",
            "visited_share",
            "with_problem",
            "with_activity",
            "with_activity_share",
            "with_mentor",
            "with_pin",
            "problems_open",
            "problems",
            "activities",
            "overdue",
        )
    }
    assert cards == {
        "target_households": "3",
        "followed": "4",
        "visited": "3",
        "visited_share": "100.0%",
        "with_problem": "3",
        "with_activity": "2",
        "with_activity_share": "66.7%",
        "with_mentor": "2",
        "with_pin": "2",
        "problems_open": "4",
        "problems": "5",
        "activities": "3",
        "overdue": "3",
    }
    # month, in the month (visited, problem, activity, mentor, pin), then cumulative.
    assert table(text, "months") == [
        ["ม.ค. 2567", "2", "2", "1", "0", "0", "2", "2", "1", "0", "0"],
        ["ก.พ. 2567", "2", "2", "0", "1", "1", "3", "3", "1", "1", "1"],
        ["มี.ค. 2567", "2", "0", "1", "1", "1", "3", "3", "2", "2", "2"],
    ]
    # dimension: open, assigned, in progress, resolved, escalated, total (and a bar cell).
    assert [r[:7] for r in table(text, "problems")] == [
        ["ด้านสุขภาพ", "0", "0", "0", "1", "0", "1"],
        ["ด้านความเป็นอยู่", "1", "0", "0", "0", "0", "1"],
        ["ด้านการศึกษา", "1", "0", "0", "0", "0", "1"],
        ["ด้านรายได้", "1", "0", "0", "0", "0", "1"],
        ["ด้านการเข้าถึงบริการรัฐ", "0", "0", "0", "0", "0", "0"],
        ["ไม่ระบุ", "0", "0", "1", "0", "0", "1"],
        ["รวม", "3", "0", "1", "1", "0", "5"],
    ]
    assert table(text, "agency_month") == [
        ["พช.", "1", "–", "1", "2"],
        ["อบต.", "–", "1", "–", "1"],
        ["รวม", "1", "1", "1", "3"],
    ]
    # health, living, education, income, access, unstated, total
    assert table(text, "agency_dimension") == [
        ["พช.", "–", "–", "1", "1", "–", "–", "2"],
        ["อบต.", "–", "–", "–", "–", "–", "1", "1"],
        ["รวม", "0", "0", "1", "1", "0", "1", "3"],
    ]
    overdue = table(text, "overdue")
    assert [(r[0].split()[0], r[2], r[3], r[4]) for r in overdue] == [
        (H1, "1", "5 ม.ค. 2567", "70"),
        (H3, "1", "20 ม.ค. 2567", "55"),
        (H4, "1", "1 ก.พ. 2567", "43"),
    ]
    assert f'href="/households/{YEAR}/{H1}/"' in text
    # target, visited, %, problem, activity, mentor, pin, problems (open), activities, overdue
    assert children(text) == {
        "3401": ["2", "2", "100.0", "2", "2", "1", "1", "4 (3)", "3", "2"],
        "3402": ["1", "1", "100.0", "1", "0", "1", "1", "1 (1)", "0", "1"],
    }


def test_the_dashboard_shows_no_names_and_no_national_ids(
    client: Any, people: dict[str, Any], logbook: None
) -> None:
    text = page(client, people["national"])
    assert not re.search(r"\d{13}", text)
    for name in ("สมชาย", "มาลี", "บุญมี", "ทองดี", "เพชร"):
        assert name not in text


def test_a_district_officer_sees_only_their_district(
    client: Any, people: dict[str, Any], logbook: None
) -> None:
    text = page(client, people["district"])
    assert [value(text, k) for k in ("target_households", "followed", "visited", "problems")] == [
        "2",
        "3",
        "2",
        "4",
    ]
    assert H4 not in text and H5 not in text
    assert list(children(text)) == ["340101"]
    # Another province, or a district next door, gives their own district back.
    for other in ("35", "3402", "TH"):
        again = page(client, people["district"], area=other)
        assert value(again, "problems") == "4" and H4 not in again and H5 not in again


def test_an_officer_of_another_province_gets_their_own_area(
    client: Any, people: dict[str, Any], logbook: None
) -> None:
    text = page(client, people["other_admin"], area="34")
    assert [value(text, k) for k in ("target_households", "visited", "problems", "overdue")] == [
        "1",
        "1",
        "1",
        "1",
    ]
    assert H1 not in text and H4 not in text and H5 in text


def test_the_national_view_drills_down_to_a_village_and_its_household_list(
    client: Any, people: dict[str, Any], logbook: None
) -> None:
    text = page(client, people["national"])
    assert value(text, "visited") == "4" and value(text, "followed") == "5"
    assert list(children(text)) == ["34", "35"]
    assert 'href="?area=34&amp;year=2566"' in text
    sub = page(client, people["national"], area="340101")
    kids = children(sub)
    assert list(kids) == ["34010101", "34010102"]
    assert kids["34010101"][:3] == ["1", "1", "100.0"]  # H1 is its only target household
    assert (
        "/households/?year=2566&amp;status=all&amp;province=34&amp;district=3401"
        "&amp;subdistrict=340101&amp;village=34010101"
    ) in sub
    village = page(client, people["national"], area="34010102")
    assert value(village, "visited") == "1" and not children(village)


def test_the_english_dashboard_is_translated(
    client: Any, people: dict[str, Any], logbook: None
) -> None:
    client.force_login(people["prov_admin"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/monitor/"})
    text = client.get("/monitor/").content.decode()
    assert "Monthly progress" in text and "Not stated" in text and "2024-01" in text


def _count_queries(client: Any, user: Any) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/monitor/").status_code == 200
    return len(ctx.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_child_areas(
    client: Any, people: dict[str, Any], logbook: None, django_assert_max_num_queries: Any
) -> None:
    national = people["national"]
    _count_queries(client, national)  # the first view saves the ended months' snapshots
    before = _count_queries(client, national)
    # Records in 30 more provinces (their villages are not in the test warehouse).
    for n in range(40, 70):
        hh = HouseholdRef(YEAR, f"{n}0100000001", f"{n}010101", is_target=True)
        services.problem_create(
            Act(national),
            data=services.ProblemInput(
                title="ปัญหา", performer="ทีม", agency=f"หน่วย {n}", occurred_on=date(2024, 1, 1)
            ),
            household=hh,
        )
    assert _count_queries(client, national) == before
    client.force_login(national)
    # 7 + the snapshots + the live MPI's assessments + the stages table (F17) and chart + the
    # duplicate assistance per agency (routing) + the session and the user + 6 of the
    # case-work panel and 3 of its plan-missing and overdue lists (constant:
    # tpmap.logbook.worklists)
    with django_assert_max_num_queries(23):
        client.get("/monitor/")
    assert FollowedHousehold.objects.count() == 35
