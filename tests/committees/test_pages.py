"""The committee pages through the test client: each flow with its database state, the
public list, the downloads, and the authorization matrix (404 outside the area, 403 for a
role that may not, the login page for the public)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.committees.kit import committee, order, real_pdf
from tpmap.accounts.models import AuditEvent
from tpmap.committees import services
from tpmap.committees.models import Committee, Member, Order, Report
from tpmap.site.officers import Act

pytestmark = pytest.mark.django_db


def as_(people: dict[str, Any], who: str) -> Client:
    c = Client()
    c.force_login(people[who])
    return c


@pytest.fixture
def setup(people: dict[str, Any]) -> dict[str, Committee]:
    """Ubon's committee with its order, Mueang Ubon's (3401) with a chair, the Nai Mueang
    team (340101), and Yasothon's (35)."""
    admin = people["prov_admin"]
    out = {
        "34": committee(admin, "34"),
        "3401": committee(admin, "3401"),
        "340101": committee(admin, "340101"),
        "35": committee(people["other_admin"], "35"),
    }
    order(admin, out["34"], date(2026, 10, 1), number="100/2569")
    services.member_add(
        Act(admin),
        committee=out["3401"],
        data=services.MemberInput(
            name="นายสมหมาย ใจงาม",
            position="นายอำเภอเมืองอุบลราชธานี",
            role="chair",
            agency="ที่ว่าการอำเภอ",
        ),
    )
    return out


def test_the_list_shows_the_area_s_committees_and_the_work_list(
    people: dict[str, Any], setup: dict[str, Committee]
) -> None:
    r = as_(people, "prov_admin").get("/committees/")
    assert r.status_code == 200
    body = r.content.decode()
    assert "ศจพ.จ.อุบลราชธานี" in body and "ศจพ.อ.เมืองอุบลราชธานี" in body
    assert "ศจพ.จ.ยโสธร" not in body
    assert 'id="worklist"' in body and "ยังไม่จัดตั้ง" in body  # 24 districts without one
    r = as_(people, "district").get("/committees/")
    body = r.content.decode()
    assert "ศจพ.จ.อุบลราชธานี" not in body and "ทีมปฏิบัติการตำบลในเมือง" in body
    assert 'id="due"' in body  # the chief's own committee owes its last month and quarter


def test_a_province_officer_sets_up_a_district_committee_by_the_page(
    people: dict[str, Any], setup: dict[str, Committee]
) -> None:
    client = as_(people, "prov_admin")
    r = client.post("/committees/", {"area_code": "3402"})
    made = Committee.objects.get(area_code="3402")
    assert r.status_code == 302 and r["Location"] == f"/committees/{made.pk}/"
    r = client.post("/committees/", {"area_code": "3501"})  # not one of the choices
    assert r.status_code == 400 and not Committee.objects.filter(area_code="3501").exists()
    for who in ("mentor", "team", "other_district"):
        r = as_(people, who).post("/committees/", {"area_code": people[who].area_code})
        assert r.status_code == 403
    assert Committee.objects.count() == 5


def test_members_and_orders_by_the_page(
    people: dict[str, Any], setup: dict[str, Committee]
) -> None:
    client = as_(people, "district")
    pk = setup["3401"].pk
    r = client.post(
        f"/committees/{pk}/members/",
        {"name": "นางสาวดวงใจ รักดี", "position": "พัฒนาการอำเภอ", "agency": "", "role": "secretary"},
    )
    assert r.status_code == 302
    assert Member.objects.filter(committee_id=pk, role="secretary").count() == 1
    r = client.post(f"/committees/{pk}/members/", {"name": "", "position": "", "role": "chair"})
    assert r.status_code == 400
    assert "ศจพ. นี้มีประธานแล้ว" in r.content.decode()
    pdf = SimpleUploadedFile("order.pdf", real_pdf(), content_type="application/pdf")
    r = client.post(
        f"/committees/{pk}/orders/", {"number": "55/2569", "signed_on": "2026-10-20", "file": pdf}
    )
    assert r.status_code == 302
    made = Order.objects.get(committee_id=pk)
    assert (made.number, made.signed_on) == ("55/2569", date(2026, 10, 20))
    fake = SimpleUploadedFile("order.pdf", b"not a pdf at all", content_type="application/pdf")
    r = client.post(
        f"/committees/{pk}/orders/", {"number": "56/2569", "signed_on": "2026-10-21", "file": fake}
    )
    assert r.status_code == 400 and "ไฟล์นี้ไม่ใช่ไฟล์ PDF" in r.content.decode()
    assert Order.objects.filter(committee_id=pk).count() == 1
    body = client.get(f"/committees/{pk}/").content.decode()
    assert "55/2569" in body and "20 ต.ค. 2569" in body


def test_a_district_chief_writes_and_submits_a_quarterly_report(
    people: dict[str, Any], setup: dict[str, Committee]
) -> None:
    client = as_(people, "district")
    pk = setup["3401"].pk
    r = client.post(f"/committees/{pk}/reports/", {"period": "quarterly:2026-07-01"})
    report = Report.objects.get(committee_id=pk)
    assert r.status_code == 302 and r["Location"] == f"/committees/reports/{report.pk}/"
    r = client.post(
        f"/committees/reports/{report.pk}/",
        {"results": "", "obstacles": "ฝนตก", "suggestions": "", "submit": "1"},
    )
    assert r.status_code == 400 and "กรุณาระบุผลการดำเนินการ" in r.content.decode()
    report.refresh_from_db()
    assert (report.status, report.obstacles) == ("draft", "")  # nothing half-saved
    r = client.post(
        f"/committees/reports/{report.pk}/",
        {"results": "เยี่ยมบ้าน 20 หลัง", "obstacles": "ฝนตก", "suggestions": "-", "submit": "1"},
    )
    assert r.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted" and report.figures is not None
    body = client.get(f"/committees/reports/{report.pk}/").content.decode()
    assert "ไตรมาส 4 ปีงบประมาณ 2569" in body and "เยี่ยมบ้าน 20 หลัง" in body


def test_the_province_reads_the_consolidated_report_and_downloads_it(
    people: dict[str, Any], setup: dict[str, Committee]
) -> None:
    chief = people["district"]
    report = services.report_create(
        Act(chief),
        committee=setup["3401"],
        data=services.ReportInput(
            kind="quarterly", period_start=date(2026, 7, 1), results="ผล =1+1"
        ),
    )
    services.report_submit(Act(chief), report=report)
    client = as_(people, "prov_admin")
    pk = setup["34"].pk
    r = client.get(f"/committees/{pk}/consolidated/", {"p": "quarterly:2026-07-01"})
    body = r.content.decode()
    assert r.status_code == 200 and 'id="submitted-count">1 / 1<' in body
    r = client.get(f"/committees/{pk}/consolidated.xlsx", {"p": "quarterly:2026-07-01"})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxml")
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws is not None
    assert ws["A1"].value == "รายงานสรุปของ ศจพ.จ.อุบลราชธานี"
    assert ws["A2"].value == "รอบรายงาน: ไตรมาส 4 ปีงบประมาณ 2569 (กรกฎาคม - กันยายน 2569)"
    assert ws["A3"].value == "กำหนดส่ง: 15 ตุลาคม 2569"
    assert ws["A6"].value == "ศจพ." and ws["A7"].value == "ศจพ.อ.เมืองอุบลราชธานี"
    assert ws["C7"].value in ("ส่งแล้ว", "ส่งแล้ว (หลังกำหนด)")
    assert ws["A8"].value == "รวมที่ส่งแล้ว 1 จาก 1"
    r = client.get(f"/committees/{pk}/consolidated.pdf", {"p": "quarterly:2026-07-01"})
    assert r.status_code == 200 and r.content[:5] == b"%PDF-"
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(r.content)).pages[0].extract_text()
    assert "อุบลราชธานี" in text
    assert AuditEvent.objects.filter(action="export", object_type="committee_report").count() == 2


def test_the_consolidated_xlsx_keeps_a_typed_formula_a_text(
    people: dict[str, Any], setup: dict[str, Committee]
) -> None:
    admin = people["prov_admin"]
    own = services.report_create(
        Act(admin),
        committee=setup["34"],
        data=services.ReportInput(
            kind="quarterly", period_start=date(2026, 7, 1), results='=HYPERLINK("http://x")'
        ),
    )
    assert own.results.startswith("=")
    r = as_(people, "prov_admin").get(
        f"/committees/{setup['34'].pk}/consolidated.xlsx", {"p": "quarterly:2026-07-01"}
    )
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws is not None
    cells = [c for row in ws.iter_rows() for c in row if c.value == '=HYPERLINK("http://x")']
    assert len(cells) == 1 and cells[0].data_type == "s"


def test_the_pages_speak_english_when_asked(
    people: dict[str, Any], setup: dict[str, Committee]
) -> None:
    client = as_(people, "district")
    client.post("/i18n/setlang/", {"language": "en", "next": "/committees/"})
    body = client.get("/committees/").content.decode()
    assert "Committees and operations teams" in body and "Reports due" in body
    body = client.get(f"/committees/{setup['3401'].pk}/").content.decode()
    assert "Establishment order" in body and "Chair" in body


# -- the public list -----------------------------------------------------------------------
def test_the_public_sees_committees_members_and_orders_without_login(
    setup: dict[str, Committee],
) -> None:
    client = Client()
    r = client.get("/open/committees/")
    assert r.status_code == 200 and "/open/committees/34/" in r.content.decode()
    r = client.get("/open/committees/34/")
    body = r.content.decode()
    assert r.status_code == 200
    assert "100/2569" in body and "1 ตุลาคม 2569" in body
    assert "นายสมหมาย ใจงาม" in body and "นายอำเภอเมืองอุบลราชธานี" in body
    assert "ที่ว่าการอำเภอ<" not in body  # the agency is not published, only name and position
    order_pk = Order.objects.get(committee=setup["34"]).pk
    r = client.get(f"/open/committees/orders/{order_pk}.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.getvalue()[:5] == b"%PDF-"
    officer = Client()
    officer.force_login(setup["34"].created_by)
    assert officer.get(f"/open/committees/orders/{order_pk}.pdf").status_code == 200
    downloads = AuditEvent.objects.filter(object_type="committee_order", action="export")
    assert [(e.actor_username, e.object_id) for e in downloads] == [("prov_admin", str(order_pk))]
    assert client.get("/open/committees/99/").status_code == 404
    assert client.get("/open/committees/orders/9999.pdf").status_code == 404


# -- the authorization matrix ---------------------------------------------------------------
PAGES = ["detail", "consolidated", "xlsx"]


def _url(kind: str, pk: int) -> str:
    return {
        "detail": f"/committees/{pk}/",
        "consolidated": f"/committees/{pk}/consolidated/",
        "xlsx": f"/committees/{pk}/consolidated.xlsx",
    }[kind]


@pytest.mark.parametrize(
    ("who", "area", "status"),
    [
        ("national", "34", 200),
        ("prov_admin", "34", 200),
        ("prov_admin", "340101", 200),
        ("prov_health", "3401", 200),
        ("district", "3401", 200),
        ("district", "340101", 200),
        ("district", "34", 404),  # the level above is not the district's to open
        ("team", "340101", 200),
        ("team", "3401", 404),
        ("mentor", "3401", 404),
        ("other_district", "3401", 404),
        ("other_admin", "34", 404),
        ("prov_admin", "35", 404),
    ],
)
@pytest.mark.parametrize("page", PAGES)
def test_who_opens_a_committee_s_pages(
    people: dict[str, Any], setup: dict[str, Committee], who: str, area: str, status: int, page: str
) -> None:
    assert as_(people, who).get(_url(page, setup[area].pk)).status_code == status


@pytest.mark.parametrize("page", [*PAGES, "list"])
def test_the_public_is_sent_to_the_login_page(setup: dict[str, Committee], page: str) -> None:
    url = "/committees/" if page == "list" else _url(page, setup["34"].pk)
    r = Client().get(url)
    assert r.status_code == 302 and r["Location"].startswith("/login/")


@pytest.mark.parametrize(
    ("who", "area", "status"),
    [
        ("prov_admin", "340101", 302),
        ("district", "3401", 302),
        ("district", "340101", 403),  # a team's members are the province's to keep
        ("team", "340101", 403),
        ("mentor", "340101", 404),
        ("other_admin", "3401", 404),
    ],
)
def test_who_adds_members(
    people: dict[str, Any], setup: dict[str, Committee], who: str, area: str, status: int
) -> None:
    before = Member.objects.count()
    r = as_(people, who).post(
        f"/committees/{setup[area].pk}/members/",
        {"name": "ก ข", "position": "ปลัดอำเภอ", "role": "member"},
    )
    assert r.status_code == status
    assert Member.objects.count() == before + (1 if status == 302 else 0)


@pytest.mark.parametrize(
    ("who", "area", "status"),
    [
        ("district", "3401", 302),
        ("other_district", "3401", 404),
        ("prov_admin", "3401", 403),  # the province reads a district's report, never writes it
        ("team", "340101", 302),
        ("district", "340101", 403),
    ],
)
def test_who_starts_a_report(
    people: dict[str, Any], setup: dict[str, Committee], who: str, area: str, status: int
) -> None:
    r = as_(people, who).post(
        f"/committees/{setup[area].pk}/reports/", {"period": "monthly:2026-11-01"}
    )
    assert r.status_code == status
    assert Report.objects.count() == (1 if status == 302 else 0)


def test_a_report_outside_the_area_is_404_and_the_level_above_reads_it(
    people: dict[str, Any], setup: dict[str, Committee]
) -> None:
    chief = people["district"]
    report = services.report_create(
        Act(chief),
        committee=setup["3401"],
        data=services.ReportInput(kind="monthly", period_start=date(2026, 11, 1)),
    )
    url = f"/committees/reports/{report.pk}/"
    assert as_(people, "other_admin").get(url).status_code == 404
    assert as_(people, "team").get(url).status_code == 404
    page = as_(people, "prov_admin").get(url)
    assert page.status_code == 200 and 'id="report-texts"' not in page.content.decode()
    r = as_(people, "prov_admin").post(url, {"results": "x"})
    assert r.status_code == 403
    report.refresh_from_db()
    assert report.results == ""
