"""The live MPI of the monitoring dashboard, against numbers worked out by hand.

The web warehouse (tests/web_kit.py): target households H1 (34010101, fails MPI
indicators 7 and 22), H3 (34010102, fails 8, 9, 10, 11, 15, 20, 21), H4 (district 3402,
fails 22); H2 (34010101) passes all and is no target. Re-assessments:

| household | assessed on | results                              | counts as                  |
|-----------|-------------|--------------------------------------|----------------------------|
| H1        | 20 Nov      | 7 pass, 22 pass                      | 2 of 2 pass: all passing   |
| H3        | 10 Nov      | 8, 9, 10, 11, 15, 20, 21 pass        | older: ignored             |
| H3        | 25 Nov      | 8, 9, 10 pass, 11 fail, 15 na        | 3 of 7 pass                |
| H4        | 28 Nov      | 22 fail                              | 0 of 1 pass                |
| H2        | 28 Nov      | 7 pass                               | no target: not counted     |

Province 34: 3 households, 1 all passing, 5 of 10 indicators (50.0%); its districts
3401: 5/9 and 3402: 0/1. District 3401: 2 households, 1 all passing, 5 of 9 (55.6%); its
subdistrict 340101: 5/9. After H1 is corrected as moved out (an active correction takes
it out of the targets): district 3401 has 1 household, 0 all passing, 3 of 7 (42.9%).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from tests.dashboard.test_monitor import children, page, ref, value
from tests.web_kit import H1, H2, H3, H4, YEAR
from tpmap.dashboard.monitor.live import LiveCount, live_mpi
from tpmap.logbook import services
from tpmap.site.officers import Act
from tpmap.site.warehouse import get_warehouse

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)


def assess(user: Any, hh: str, day: date, results: dict[int, str]) -> None:
    services.assessment_create(
        Act(user, today=TODAY),
        wh=get_warehouse(),
        household=ref(user, hh),
        data=services.AssessmentInput(assessed_on=day, results=results),
    )


@pytest.fixture
def assessed(people: dict[str, Any]) -> None:
    u = people["national"]
    assess(u, H1, date(2026, 11, 20), {7: "pass", 22: "pass"})
    assess(u, H3, date(2026, 11, 10), {n: "pass" for n in (8, 9, 10, 11, 15, 20, 21)})
    assess(u, H3, date(2026, 11, 25), {8: "pass", 9: "pass", 10: "pass", 11: "fail", 15: "na"})
    assess(u, H4, date(2026, 11, 28), {22: "fail"})
    assess(u, H2, date(2026, 11, 28), {7: "pass"})


def live_cell(text: str, code: str) -> str:
    row = re.search(rf'<tr data-code="{code}">(.*?)</tr>', text, re.S)
    assert row
    cell = re.search(r'data-key="live">([^<]*)<', row.group(1))
    assert cell
    return cell.group(1)


def test_the_selector_counts_the_latest_assessment_of_each_target_household(
    assessed: None,
) -> None:
    wh = get_warehouse()
    total, kids = live_mpi(wh, year=YEAR, area="34", width=4)
    assert total == LiveCount(households=3, all_passing=1, failed=10, passing=5)
    assert total.share == 50.0
    assert kids == {
        "3401": LiveCount(households=2, all_passing=1, failed=9, passing=5),
        "3402": LiveCount(households=1, all_passing=0, failed=1, passing=0),
    }
    assert live_mpi(wh, year=YEAR, area="35") == (LiveCount(), {})
    assert LiveCount().share is None


def test_the_province_sees_its_live_mpi_and_each_districts(
    client: Any, people: dict[str, Any], assessed: None
) -> None:
    text = page(client, people["prov_health"])
    assert value(text, "live_passing") == "ผ่านเกณฑ์แล้ว 5 จาก 10 ตัวชี้วัด"
    assert value(text, "live_share") == "(50.0%)"
    assert "ครัวเรือนเป้าหมายที่ประเมินซ้ำ 3 ครัวเรือน" in text
    assert "ผ่านทุกตัวชี้วัดที่เคยไม่ผ่าน 1 ครัวเรือน" in text
    assert (live_cell(text, "3401"), live_cell(text, "3402")) == ("5/9", "0/1")
    # The live column comes after the 10 columns the other tests read.
    assert len(children(text)["3401"]) == 10


def test_the_district_sees_only_its_own_households(
    client: Any, people: dict[str, Any], assessed: None
) -> None:
    text = page(client, people["district"], area="34")  # asks for the province: gets 3401
    assert value(text, "live_passing") == "ผ่านเกณฑ์แล้ว 5 จาก 9 ตัวชี้วัด"
    assert value(text, "live_share") == "(55.6%)"
    assert "ครัวเรือนเป้าหมายที่ประเมินซ้ำ 2 ครัวเรือน" in text
    assert live_cell(text, "340101") == "5/9"


def test_a_household_corrected_as_moved_out_leaves_the_live_mpi(
    client: Any, people: dict[str, Any], assessed: None
) -> None:
    team = people["team"]
    services.correction_create(
        Act(team, today=TODAY),
        wh=get_warehouse(),
        household=ref(team, H1),
        data=services.CorrectionInput(kind="moved_out", effective_on=date(2026, 11, 30)),
    )
    text = page(client, people["district"])
    assert value(text, "live_passing") == "ผ่านเกณฑ์แล้ว 3 จาก 7 ตัวชี้วัด"
    assert value(text, "live_share") == "(42.9%)"
    assert "ครัวเรือนเป้าหมายที่ประเมินซ้ำ 1 ครัวเรือน" in text
    assert "ผ่านทุกตัวชี้วัดที่เคยไม่ผ่าน 0 ครัวเรือน" in text


def test_without_a_re_assessment_the_card_says_so(client: Any, people: dict[str, Any]) -> None:
    text = page(client, people["district"])
    assert value(text, "live_none") == "ยังไม่มีครัวเรือนเป้าหมายที่ประเมินซ้ำ"
