"""Issue 10's done-when walk at 360 px, in Thai: a team member marks one member of a
target household deceased, re-assesses the household's failed MPI indicators and adds a
person the survey missed (group 4); the district chief approves the addition after the
identity check and sees the live MPI on the dashboard; the export for the next build and
a rebuild then move the summary of Nai Mueang exactly as hand-computed (the same numbers
as tests/logbook/test_knock_knock_loop.py, reached through the pages this time)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from tests.e2e.test_visit_flow import no_horizontal_scroll
from tests.logbook.fieldwork_kit import NEW_NID
from tests.web_kit import H1, PASSWORD, YEAR, write_web_sources
from tpmap.accounts.models import AuditEvent
from tpmap.logbook.models import Addition, Correction
from tpmap.site.warehouse import get_warehouse
from tpmap.warehouse.build import build
from tpmap.warehouse.read.base import Warehouse as Reader
from tpmap.warehouse.read.statistics import summary

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: What a finger taps: buttons, links styled as buttons, form fields and the labels of
#: radio buttons and check boxes (the whole label is the target).
TAPPABLE = (
    "main .btn, main button, main input:not([type=hidden]):not([type=radio])"
    ":not([type=checkbox]), main select, main textarea, main label:has(input[type=radio]),"
    " main label:has(input[type=checkbox])"
)


def small_targets(page: Any) -> list[str]:
    """The visible tap targets of the page's main content under 44 px high."""
    return list(
        page.eval_on_selector_all(
            TAPPABLE,
            """els => els.filter(e => e.offsetParent !== null)
                 .filter(e => e.getBoundingClientRect().height < 44)
                 .map(e => e.tagName + ':' + (e.innerText || e.name || '').trim().slice(0, 30)
                      + ':' + Math.round(e.getBoundingClientRect().height))""",
        )
    )


def login(page: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_url("**/households/**")


def fits(page: Any) -> None:
    assert no_horizontal_scroll(page), page.url
    assert small_targets(page) == [], page.url


def test_a_death_and_a_missed_person_reach_the_next_build_through_the_pages(
    phone: Any, people: dict[str, Any], tmp_path: Path
) -> None:
    page = phone
    wh = get_warehouse()
    before = summary(wh, year=YEAR, area="340101")

    # 1. The team member opens H1 and records that Somsri died.
    login(page, "team")
    page.goto(f"/households/{YEAR}/{H1}/")
    page.wait_for_selector("#members")
    fits(page)
    somsri = page.locator("#members .member").filter(has_text="สมศรี")
    somsri.get_by_role("link", name="บันทึกผลการเยี่ยมของสมาชิก").first.click()
    page.wait_for_selector("form")
    assert "สมศรี" in page.locator("#id_member_no option:checked").inner_text()
    fits(page)
    page.get_by_label("เสียชีวิต").check()
    page.fill("#id_effective_on", "2026-11-28")
    page.fill("#id_note", "เสียชีวิตที่บ้าน ญาติแจ้ง")
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_selector("#visits")
    visits = page.inner_text("#visits")
    assert "เสียชีวิต" in visits and "สมศรี" in visits and "28 พ.ย. 2569" in visits
    correction = Correction.objects.get()
    assert (correction.kind, correction.created_by.username) == ("deceased", "team")
    assert "สมศรี" in correction.member_name
    fits(page)

    # ... re-assesses the two MPI indicators H1 failed (7 and 22): both pass now.
    page.get_by_role("link", name="ประเมินตัวชี้วัดใหม่").click()
    page.wait_for_selector("form")
    fits(page)
    page.fill("#id_assessed_on", "2026-11-28")
    page.check('input[name="mpi_7"][value="pass"]')
    page.check('input[name="mpi_22"][value="pass"]')
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_selector("#members")
    assert "ผ่านเกณฑ์แล้ว 2 จาก 2 ตัวชี้วัด" in page.inner_text("body")
    fits(page)

    # 2. ... and adds a woman the survey missed, living alone in a new house of the village.
    page.goto("/additions/new/")
    fits(page)
    page.select_option("#id_village_code", "34010101")
    page.check("#id_new_household")
    page.fill("#id_house_no", "99/1")
    page.fill("#id_nid", NEW_NID[:-1] + "0")  # bad checksum
    page.fill("#id_title", "นาง")
    page.fill("#id_first_name", "บัวผัน")
    page.fill("#id_last_name", "ตกหล่น")
    page.select_option("#id_sex", "F")
    page.fill("#id_age", "67")
    page.fill("#id_reason", "อาศัยอยู่คนเดียว ไม่ได้อยู่ในการสำรวจ")
    page.get_by_role("button", name="บันทึก").click()
    # A bad NID: a Thai message, nothing saved, and the NID is never written back.
    page.wait_for_selector(".errorlist")
    assert "เลขประจำตัวประชาชน" in page.inner_text(".errorlist >> nth=0")
    assert Addition.objects.count() == 0
    assert page.input_value("#id_nid") == ""
    fits(page)
    page.fill("#id_nid", NEW_NID)
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_selector('[data-key="status"]')
    assert page.inner_text('[data-key="status"]') == "รออนุมัติ"
    body = page.inner_text("body")
    assert NEW_NID not in body and NEW_NID[-4:] in body and " 2569" in body
    fits(page)
    addition = Addition.objects.get()
    assert (addition.status, addition.place, addition.nid) == ("pending", "new", NEW_NID)

    # 3. The district chief of Mueang finds it pending, checks the identity and approves.
    login(page, "district")
    page.goto("/additions/")
    fits(page)
    item = page.locator('#additions [data-key="addition"]').filter(has_text="บัวผัน")
    item.get_by_role("link", name="พิจารณา").click()
    page.wait_for_selector('[data-key="status"]')
    fits(page)
    page.get_by_role("button", name="อนุมัติ", exact=True).click()
    # Approving without the identity check is refused, in Thai.
    page.wait_for_selector(".errorlist")
    assert "ทะเบียนราษฎร" in page.inner_text(".errorlist >> nth=0")
    assert Addition.objects.get().status == "pending"
    fits(page)
    page.check("#id_identity_checked")
    page.fill("#id_note", "ตรวจทะเบียนบ้านแล้ว")
    page.get_by_role("button", name="อนุมัติ", exact=True).click()
    page.wait_for_selector("text=อนุมัติแล้ว")
    addition.refresh_from_db()
    assert addition.decided_by is not None
    assert (addition.status, addition.identity_checked, addition.decided_by.username) == (
        "approved",
        True,
        "district",
    )
    assert AuditEvent.objects.filter(object_type="addition", action="change").count() == 1
    page.goto("/additions/?status=approved")
    assert "บัวผัน" in page.inner_text("#additions")
    fits(page)

    # The chief's dashboard shows the live MPI of the district before any rebuild.
    page.get_by_role("link", name="ติดตามผล").click()
    page.wait_for_selector("#live-mpi")
    assert page.inner_text('[data-key="live_passing"]') == "ผ่านเกณฑ์แล้ว 2 จาก 2 ตัวชี้วัด"
    assert page.inner_text('[data-key="live_share"]') == "(100.0%)"
    fits(page)

    # 4. The export for the next build and a rebuild move the counts as hand-computed.
    sources = tmp_path / "sources"
    write_web_sources(sources / str(YEAR))
    out = StringIO()
    call_command("tpmap_export_sources", "--year", str(YEAR), "--out", str(sources), stdout=out)
    build(sources, tmp_path / "wh")
    report = json.loads(next((tmp_path / "wh").rglob("build_report.json")).read_text())
    assert NEW_NID not in json.dumps(report)
    with Reader(tmp_path / "wh") as after_wh:
        after = summary(after_wh, year=YEAR, area="340101")
    # Somsri (H1, group 1.2, a target person) died; the added woman is a group-4 person
    # of Nai Mueang; the survey counts stay as surveyed.
    assert (after["households_surveyed"], after["persons_surveyed"]) == (3, 6)
    assert (before["target_persons"], after["target_persons"]) == (5, 4)
    assert (before["mpi_poor_persons"], after["mpi_poor_persons"]) == (5, 4)
    assert (before["target_households"], after["target_households"]) == (2, 2)
    assert (before["groups"]["1.2"], after["groups"]["1.2"]) == (3, 2)
    assert (before["groups"]["4"], after["groups"]["4"]) == (0, 1)
    logbook = report["years"][str(YEAR)]["logbook"]
    assert logbook["logbook_person"]["persons_added"] == 1
    assert logbook["logbook_correction"]["applied_by_kind"] == {"deceased": 1}
