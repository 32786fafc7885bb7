"""The plan's pages (status codes and database state), its section on the household page,
the one-page A4 PDF in Thai, and the monitor's table of households by stage."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.test import Client

from tests.logbook.pages import text
from tests.logbook.plans.kit import GOAL, HH1, add_action, make_plan, set_stage
from tests.web_kit import H1, H4, YEAR
from tpmap.accounts.models import AuditEvent
from tpmap.logbook import services as logbook_services
from tpmap.logbook.models import Plan, PlanAction, PlanAnalysis, StageChange
from tpmap.logbook.plans import selectors
from tpmap.logbook.plans.pdf import plan_pdf
from tpmap.site.officers import Act
from tpmap.site.warehouse import get_warehouse

pytestmark = pytest.mark.django_db
BASE = f"/households/{YEAR}/{H1}"


def test_the_household_page_offers_the_plan_section(officer: Client) -> None:
    r = officer.get(f"{BASE}/")
    assert r.status_code == 200
    page = text(r)
    assert 'id="plan"' in page and "แผนพัฒนาครัวเรือน" in page
    assert "ยังไม่มีแผนพัฒนาครัวเรือน" in page
    assert f"{BASE}/plan/" in page and f"{BASE}/plan.pdf" in page


def test_an_officer_writes_the_goal_then_two_rows(officer: Client, people: dict[str, Any]) -> None:
    assert officer.get(f"{BASE}/plan/").status_code == 200
    r = officer.post(f"{BASE}/plan/", {"goal": GOAL})
    assert r.status_code == 302 and r["Location"] == f"{BASE}/#plan"
    plan = Plan.objects.get()
    assert (plan.goal, plan.created_by) == (GOAL, people["district"])

    problem = logbook_services.problem_create(
        Act(people["district"]),
        household=HH1,
        data=logbook_services.ProblemInput(title="รายได้ไม่พอ", occurred_on=date(2026, 11, 2)),
    )
    assert officer.get(f"{BASE}/plan/actions/new/").status_code == 200
    r = officer.post(
        f"{BASE}/plan/actions/new/",
        {
            "dimension": "income",
            "household_does": "ปลูกผักสวนครัว",
            "support": "ประสานต้นกล้า",
            "agency": "เกษตรอำเภอ",
            "start_on": "2026-12-01",
            "end_on": "2027-01-31",
            "status": "continuing",
            "problems": [str(problem.pk)],
        },
    )
    assert r.status_code == 302
    r = officer.post(
        f"{BASE}/plan/actions/new/",
        {
            "dimension": "health",
            "household_does": "ออกกำลังกาย",
            "start_on": "2026-12-01",
            "status": "done",
        },
    )
    assert r.status_code == 302
    rows = list(PlanAction.objects.order_by("id"))
    assert [(a.dimension, a.status) for a in rows] == [("income", "continuing"), ("health", "done")]
    assert list(rows[0].problems.all()) == [problem]

    page = text(officer.get(f"{BASE}/"))
    assert GOAL in page and "ปลูกผักสวนครัว" in page and "ออกกำลังกาย" in page
    assert "1 ธ.ค. 2569 – 31 ม.ค. 2570" in page  # the period in the Buddhist era
    assert "แก้ปัญหา: รายได้ไม่พอ" in page


def test_a_row_breaking_a_rule_shows_the_thai_message_and_saves_nothing(
    officer: Client, people: dict[str, Any]
) -> None:
    make_plan(people["district"])
    r = officer.post(
        f"{BASE}/plan/actions/new/",
        {"dimension": "income", "start_on": "2026-12-01", "status": "continuing"},
    )
    assert r.status_code == 400
    assert "กรุณาระบุสิ่งที่ครัวเรือนจะทำ หรือสิ่งที่พี่เลี้ยง/หน่วยงานจะสนับสนุน" in text(r)
    assert PlanAction.objects.count() == 0


def test_a_row_without_a_plan_is_refused_on_the_page(officer: Client) -> None:
    r = officer.post(
        f"{BASE}/plan/actions/new/",
        {"dimension": "income", "household_does": "x", "start_on": "2026-12-01", "status": "done"},
    )
    assert r.status_code == 400
    assert "กรุณาบันทึกเป้าหมายสูงสุดของครัวเรือนก่อนเพิ่มแผนปฏิบัติการ" in text(r)
    assert PlanAction.objects.count() == 0


def test_a_row_is_edited_and_deleted(officer: Client, people: dict[str, Any]) -> None:
    make_plan(people["team"])
    action = add_action(people["team"])
    assert officer.get(f"/plan-actions/{action.pk}/edit/").status_code == 200
    r = officer.post(
        f"/plan-actions/{action.pk}/edit/",
        {
            "dimension": "income",
            "household_does": "ทำบัญชีครัวเรือน",
            "start_on": "2026-12-01",
            "status": "done",
        },
    )
    assert r.status_code == 302
    action.refresh_from_db()
    assert (action.household_does, action.status, action.version, action.support) == (
        "ทำบัญชีครัวเรือน",
        "done",
        2,
        "",
    )
    r = officer.post(f"/plan-actions/{action.pk}/delete/")
    assert r.status_code == 302 and PlanAction.objects.count() == 0


def test_the_4t_analysis_and_the_stage_pages(officer: Client, people: dict[str, Any]) -> None:
    assert officer.get(f"{BASE}/plan/analysis/").status_code == 200
    r = officer.post(
        f"{BASE}/plan/analysis/",
        {
            "analysed_on": "2026-11-20",
            "attitude": "อยากพึ่งตนเอง",
            "skills": "จักสาน",
            "resources": "ที่ดิน 2 ไร่",
            "way_out": "ขายผัก",
        },
    )
    assert r.status_code == 302
    assert PlanAnalysis.objects.get().created_by == people["district"]
    assert officer.get(f"{BASE}/plan/stage/").status_code == 200
    r = officer.post(f"{BASE}/plan/stage/", {"stage": "sustainable", "set_on": "2026-11-21"})
    assert r.status_code == 400 and "ครัวเรือนต้องผ่านขั้นอยู่รอดก่อน" in text(r)
    r = officer.post(f"{BASE}/plan/stage/", {"stage": "survive", "set_on": "2026-11-21"})
    assert r.status_code == 302
    assert list(StageChange.objects.values_list("stage", "is_target")) == [("survive", True)]
    page = text(officer.get(f"{BASE}/"))
    assert "อยากพึ่งตนเอง" in page and "ขายผัก" in page
    assert "อยู่รอด" in page and "21 พ.ย. 2569" in page


def test_the_plan_prints_on_one_a4_page_in_thai(officer: Client, people: dict[str, Any]) -> None:
    from pypdf import PdfReader

    officer_user = people["district"]
    make_plan(officer_user)
    add_action(officer_user, household_does="ปลูกผักสวนครัว", support="ประสานต้นกล้า")
    add_action(
        officer_user,
        dimension="health",
        household_does="ออกกำลังกายสม่ำเสมอ",
        support="ประสาน รพ.สต. ตรวจสุขภาพ",
        status="done",
    )
    set_stage(officer_user, "survive", date(2026, 11, 21))
    r = officer.get(f"{BASE}/plan.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(r.content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 portrait
    # pypdf reads a shaped sara am (ำ) back as two glyphs: the texts checked have none.
    content = reader.pages[0].extract_text()
    for thai in (
        "แบบแผนพัฒนาคุณภาพชีวิตครัวเรือน",
        "ชื่อหัวหน้าครัวเรือน: สมชาย ใจดี",
        "เป้าหมายสูงสุดของครัวเรือน: มีรายได้พอใช้ ไม่มีหนี้นอกระบบ",
        "อยู่รอด (ตั้งแต่ 21 พ.ย. 2569)",
        "ด้านรายได้ ปลูกผักสวนครัว ประสานต้นกล้า",
        "ด้านสุขภาพ",
        "ตรวจสุขภาพ",
    ):
        assert thai in content, thai
    fonts = reader.pages[0]["/Resources"]["/Font"].values()  # type: ignore[index]
    assert all("Sarabun" in str(f.get_object()["/BaseFont"]) for f in fonts)
    assert AuditEvent.objects.filter(object_type="plan_pdf", household_id=H1).count() == 1


def test_a_long_plan_still_prints_on_one_page(people: dict[str, Any]) -> None:
    from pypdf import PdfReader

    make_plan(people["district"])
    for i in range(30):
        add_action(people["district"], household_does=f"กิจกรรมที่ {i + 1} " + "ทำต่อเนื่อง " * 10)
    sheet = selectors.plan_sheet(people["district"], get_warehouse(), HH1)
    reader = PdfReader(io.BytesIO(plan_pdf(sheet, today=date(2026, 12, 1))))
    assert len(reader.pages) == 1
    assert "ดูได้ในแฟ้มบ้าน" in reader.pages[0].extract_text()


def test_plan_pages_of_a_household_outside_the_area_are_404(
    officer: Client, people: dict[str, Any]
) -> None:
    for page in ("plan/", "plan/actions/new/", "plan/analysis/", "plan/stage/", "plan.pdf"):
        assert officer.get(f"/households/{YEAR}/{H4}/{page}").status_code == 404, page
    r = officer.post(f"/households/{YEAR}/{H4}/plan/", {"goal": GOAL})
    assert r.status_code == 404 and Plan.objects.count() == 0


def test_the_monitor_counts_target_households_by_stage(
    client: Client, people: dict[str, Any]
) -> None:
    set_stage(people["team"], "survive", date(2026, 11, 1))
    set_stage(people["team"], "sufficient", date(2026, 11, 5))
    client.force_login(people["district"])
    r = client.get("/monitor/", {"area": "3401", "year": str(YEAR)})
    assert r.status_code == 200
    page = text(r)
    assert 'id="stages"' in page
    assert 'data-key="stage-sufficient">1<' in page and 'data-key="stage-survive">0<' in page


def test_plan_dates_are_typed_and_shown_in_the_buddhist_era(
    officer: Client, people: dict[str, Any]
) -> None:
    from tpmap.logbook.plans.forms import PlanActionForm
    from tpmap.site.forms import DateInput

    # The plan's dates use the site's one date widget (tests/site/test_dates.py).
    assert isinstance(PlanActionForm.base_fields["start_on"].widget, DateInput)
    make_plan(people["district"])
    r = officer.post(
        f"{BASE}/plan/actions/new/",
        {"dimension": "income", "household_does": "x", "start_on": "31/2/2569", "status": "done"},
    )
    assert r.status_code == 400
    assert "วว/ดด/ปปปป" in text(r)  # the date shown again as typed, with the BE format
    r = officer.post(
        f"{BASE}/plan/actions/new/",
        {
            "dimension": "income",
            "household_does": "x",
            "start_on": "1/12/2569",
            "end_on": "31/1/2570",
            "status": "done",
        },
    )
    assert r.status_code == 302
    row = PlanAction.objects.get()
    assert (row.start_on, row.end_on) == (date(2026, 12, 1), date(2027, 1, 31))
    page = text(officer.get(f"/plan-actions/{row.pk}/edit/"))
    assert 'value="01/12/2569"' in page and 'value="31/01/2570"' in page


def test_the_plan_section_reads_in_english_after_switching(
    officer: Client, people: dict[str, Any]
) -> None:
    make_plan(people["district"])
    set_stage(people["district"], "survive", date(2026, 11, 21))
    officer.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = text(officer.get(f"{BASE}/"))
    for expected in (
        "Household development plan",
        "Survive",
        "Print the plan (PDF)",
        "4T analysis",
    ):
        assert expected in page, expected


def test_an_empty_plan_prints_the_blank_form(officer: Client) -> None:
    from pypdf import PdfReader

    r = officer.get(f"{BASE}/plan.pdf")
    assert r.status_code == 200
    reader = PdfReader(io.BytesIO(r.content))
    assert len(reader.pages) == 1
    content = reader.pages[0].extract_text()
    assert "ชื่อหัวหน้าครัวเรือน: สมชาย ใจดี" in content and "ยังไม่มีแผนปฏิบัติการ" in content
    assert Plan.objects.count() == 0
