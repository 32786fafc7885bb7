"""The monitoring dashboard's charts (F20) and monthly snapshots, against the Logbook of
tests/dashboard/test_monitor.py ("today" 15 Mar 2024):

| household | problems                         | activities       | mentor | pin    |
|-----------|----------------------------------|------------------|--------|--------|
| H1 target | P1 5 Jan open; P2 10 Feb resolved| A1 6 Jan พช.     | 1 Feb  | 15 Feb |
| H2        | P3 20 Feb in progress            | A2 21 Feb อบต.   |        |        |
| H3 target | P4 20 Jan open                   | A3 1 Mar พช.     |        |        |
| H4 target | P5 1 Feb open                    |                  | 5 Mar  | 2 Mar  |
| H5 target | P6 10 Jan open (province 35)     | A4 11 Jan สสจ.   |        |        |

The star of Ubon (34) from the warehouse: 6 target persons (H1's 3, H3's 2, H4's 1); H1
fails indicator 7 (health) and 22 (income), H3 fails living, education and income
indicators, H4 fails 22 (income): health 3, living 2, education 2, income 6, access 0
target persons, so the star is 100 × (1 − n / 6) = 50, 66.7, 66.7, 0, 100.
Only H1 has coordinates in the survey (15.24 N, 104.85 E).
"""

from __future__ import annotations

import json
import re
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.dashboard.test_monitor import TODAY, fixed_today, logbook, page, problem, table
from tests.web_kit import H3
from tpmap.dashboard.models import MonthlySnapshot
from tpmap.logbook import services
from tpmap.logbook.models import Problem
from tpmap.site.officers import Act

pytestmark = pytest.mark.django_db
__all__ = ["fixed_today", "logbook"]

JAN, FEB, MAR = date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)


@pytest.fixture(autouse=True)
def kept_when_the_month_ends(settings: Any) -> None:
    """These tests keep a month as soon as it ends (TPMAP_SNAPSHOT_DAY=1); the default, the
    16th of the next month, is tested on its own below."""
    settings.TPMAP_SNAPSHOT_DAY = 1


def charts(text: str) -> dict[str, Any]:
    m = re.search(r'<script id="monitor-charts" type="application/json">(.*?)</script>', text, re.S)
    assert m
    data: dict[str, Any] = json.loads(m.group(1))
    return data


def figures(area: str, month: date) -> dict[str, int]:
    snap = MonthlySnapshot.objects.get(year=2566, area_code=area, month=month)
    out: dict[str, int] = snap.figures
    return out


def test_the_province_officer_s_charts_carry_the_hand_computed_figures(
    client: Any, people: dict[str, Any], logbook: None
) -> None:
    text = page(client, people["prov_health"])
    assert 'data-chart="months"' in text
    assert "vendor/echarts/echarts.min.js" in text and "<script>" not in text
    d = charts(text)
    m = d["months"]
    assert m["labels"] == ["ม.ค. 2567", "ก.พ. 2567", "มี.ค. 2567"]
    assert (m["visited"], m["with_problem"], m["with_activity"]) == (
        [2, 2, 2],
        [2, 2, 0],
        [1, 0, 1],
    )
    assert (m["visited_total"], m["with_problem_total"], m["with_activity_total"]) == (
        [2, 3, 3],
        [2, 3, 3],
        [1, 1, 2],
    )
    # January and February have ended on 15 March: shown from their snapshots.
    assert m["reported"] == [True, True, False]
    # statuses (open, assigned, in progress, resolved, escalated) × dimensions (health ...
    # access, unstated)
    assert d["problems"]["statuses"] == [
        "รอดำเนินการ",
        "มอบหมายหน่วยงานแล้ว",
        "กำลังดำเนินการ",
        "แก้ไขแล้ว",
        "ส่งต่อจังหวัด",
    ]
    assert d["problems"]["series"] == [
        [0, 1, 1, 1, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 1],
        [1, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
    ]
    assert d["agencies"] == {"names": ["พช.", "อบต."], "counts": [2, 1]}
    assert d["star"]["values"] == [50.0, 66.7, 66.7, 0.0, 100.0]
    # No household has a stage yet: the 3 target households are all "not yet".
    assert d["stages"] == {
        "names": ["อยู่รอด", "พอเพียง", "ยั่งยืน", "ยังไม่กำหนดขั้น"],
        "counts": [0, 0, 0, 3],
    }
    # Districts have no bundled shapes: their survey points over the province's outline.
    assert d["map"]["kind"] == "points" and d["map"]["province"] == "34"
    assert d["map"]["areas"] == [
        {
            "code": "3401",
            "name": "เมืองอุบลราชธานี",
            "target": 2,
            "visited": 2,
            "coverage": 100.0,
            "url": "?area=3401&year=2566",
            "lat": 15.24,
            "lon": 104.85,
        },
        {
            "code": "3402",
            "name": "ศรีเมืองใหม่",
            "target": 1,
            "visited": 1,
            "coverage": 100.0,
            "url": "?area=3402&year=2566",
        },
    ]
    assert 'data-chart="map"' in text


def test_the_country_map_colours_the_provinces_and_the_star_is_the_country_s(
    client: Any, people: dict[str, Any], logbook: None
) -> None:
    d = charts(page(client, people["national"]))
    assert d["map"]["kind"] == "provinces" and d["map"]["geo_url"] == "/open/provinces.geojson"
    assert [(a["code"], a["target"], a["visited"], a["coverage"]) for a in d["map"]["areas"]] == [
        ("34", 3, 3, 100.0),
        ("35", 1, 1, 100.0),
    ]
    # 7 target persons: H5's one fails 7 (health), not income: health 4, living 2,
    # education 2, income 6, access 0.
    assert d["star"]["values"] == [42.9, 71.4, 71.4, 14.3, 100.0]
    assert d["agencies"] == {"names": ["พช.", "สสจ.", "อบต."], "counts": [2, 1, 1]}


def test_an_officer_s_charts_hold_only_their_area(
    client: Any, people: dict[str, Any], logbook: None
) -> None:
    d = charts(page(client, people["other_admin"], area="34"))
    assert d["months"]["visited"] == [1] and d["months"]["labels"] == ["ม.ค. 2567"]
    assert d["agencies"] == {"names": ["สสจ."], "counts": [1]}
    assert [a["code"] for a in d["map"]["areas"]] == ["3501"]
    # No household of Yasothon has coordinates: no map, and no district of Ubon anywhere.
    assert d["map"]["kind"] == "none"
    text = page(client, people["other_admin"])
    assert 'data-chart="map"' not in text and "3401" not in json.dumps(d)


def test_a_month_stays_as_reported_after_its_records_change(
    client: Any, people: dict[str, Any], logbook: None
) -> None:
    prov = people["prov_health"]
    page(client, prov)
    assert MonthlySnapshot.objects.filter(area_code="34").count() == 2  # Jan, Feb; not Mar
    assert figures("34", FEB) == {
        "visited": 2,
        "with_problem": 2,
        "with_activity": 0,
        "mentor_assigned": 1,
        "pinned": 1,
        "visited_total": 3,
        "with_problem_total": 3,
        "with_activity_total": 1,
        "with_mentor_total": 1,
        "with_pin_total": 1,
    }
    # Later: a problem of H3 back-dated into February, and H1's January problem deleted.
    problem(people["national"], H3, date(2024, 2, 25), "health")
    p1 = Problem.objects.get(household_id="34010000001", occurred_on=date(2024, 1, 5))
    services.problem_delete(Act(people["national"]), problem=p1)
    text = page(client, prov)
    rows = table(text, "months")
    assert rows[0][:3] == ["ม.ค. 2567", "2", "2"]  # live: 2 visited, 1 with a problem
    assert rows[1][:3] == ["ก.พ. 2567", "2", "2"]  # live: 3 visited, 3 with a problem
    assert 'data-month="2024-02" data-reported="1"' in text
    d = charts(text)
    assert d["months"]["visited"][:2] == [2, 2] and d["months"]["with_problem"][:2] == [2, 2]
    assert figures("34", FEB)["visited"] == 2
    # The month in progress is live.
    assert rows[2][:2] == ["มี.ค. 2567", "2"]
    # An area first viewed after the change is snapshotted as the records are then.
    village = page(client, people["national"], area="34010102")  # H3's village
    assert table(village, "months")[1][:3] == ["ก.พ. 2567", "1", "1"]
    assert figures("34010102", JAN)["with_problem"] == 1


def test_a_month_is_kept_once_its_reports_are_due_on_the_15th(
    client: Any, people: dict[str, Any], logbook: None, settings: Any, monkeypatch: Any
) -> None:
    settings.TPMAP_SNAPSHOT_DAY = 16  # the default: provinces report by the 15th
    prov = people["prov_health"]
    assert charts(page(client, prov))["months"]["reported"] == [True, False, False]
    assert list(MonthlySnapshot.objects.values_list("month", flat=True)) == [JAN]
    # A problem entered late for February, before the deadline, still counts.
    problem(people["national"], H3, date(2024, 2, 25), "health")
    assert table(page(client, prov), "months")[1][:3] == ["ก.พ. 2567", "3", "3"]
    monkeypatch.setattr("tpmap.dashboard.monitor.views.today", lambda: date(2024, 3, 16))
    text = page(client, prov)
    assert charts(text)["months"]["reported"] == [True, True, False]
    assert figures("34", FEB)["visited"] == 3
    assert 'data-month="2024-02" data-reported="1"' in text


def test_a_month_snapshotted_by_the_command_is_shown_as_kept_before_the_15th(
    client: Any, people: dict[str, Any], logbook: None, settings: Any
) -> None:
    settings.TPMAP_SNAPSHOT_DAY = 16
    call_command("tpmap_snapshot", "--month", "2024-02", "--area", "34", stdout=StringIO())
    problem(people["national"], H3, date(2024, 2, 25), "health")
    rows = table(page(client, people["prov_health"]), "months")
    assert rows[1][:3] == ["ก.พ. 2567", "2", "2"]


def test_the_snapshot_command_keeps_what_was_reported(
    people: dict[str, Any], logbook: None
) -> None:
    out = StringIO()
    call_command("tpmap_snapshot", "--month", "2024-02", stdout=out)
    assert out.getvalue() == "2566 2024-02: 9 taken, 0 kept as reported\n"
    assert sorted(
        MonthlySnapshot.objects.filter(month=FEB).values_list("area_code", flat=True)
    ) == ["34", "3401", "340101", "3402", "340201", "35", "3501", "350101", "TH"]
    assert MonthlySnapshot.objects.filter(month=FEB, source="command").count() == 9
    assert figures("TH", FEB)["visited"] == 2 and figures("TH", FEB)["visited_total"] == 4
    assert figures("35", FEB) == {
        "visited": 0,
        "with_problem": 0,
        "with_activity": 0,
        "mentor_assigned": 0,
        "pinned": 0,
        "visited_total": 1,
        "with_problem_total": 1,
        "with_activity_total": 1,
        "with_mentor_total": 0,
        "with_pin_total": 0,
    }
    problem(people["national"], H3, date(2024, 2, 25), "health")
    again = StringIO()
    call_command("tpmap_snapshot", "--month", "2024-02", "--year", "2566", stdout=again)
    assert again.getvalue() == "2566 2024-02: 0 taken, 9 kept as reported\n"
    assert figures("34", FEB)["visited"] == 2
    call_command("tpmap_snapshot", "--month", "2024-02", "--area", "34", "--replace", stdout=out)
    assert figures("34", FEB)["visited"] == 3 and figures("3401", FEB)["visited"] == 1
    # A month before the first visit is all zeros; one after the last keeps the totals.
    call_command("tpmap_snapshot", "--month", "2023-12", "--area", "34", stdout=out)
    assert set(figures("34", date(2023, 12, 1)).values()) == {0}
    call_command("tpmap_snapshot", "--month", "2024-05", "--area", "34", stdout=out)
    may = figures("34", date(2024, 5, 1))
    assert (may["visited"], may["visited_total"], may["with_activity_total"]) == (0, 3, 2)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2024-13"], "bad month"),
        (["--month", "24-02"], "bad month"),
        (["--month", "2024-02", "--area", "34x"], "bad area code"),
    ],
)
def test_the_snapshot_command_refuses_bad_input(args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("tpmap_snapshot", *args)
    assert not MonthlySnapshot.objects.exists()


def test_the_snapshot_command_refuses_a_month_not_ended() -> None:
    month = timezone.localdate().strftime("%Y-%m")
    with pytest.raises(CommandError, match="has not ended"):
        call_command("tpmap_snapshot", "--month", month)
    assert timezone.localdate() > TODAY
