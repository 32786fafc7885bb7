"""The officers' pivot (F25) against the Logbook of tests/dashboard/test_monitor.py and the
web warehouse (tests/web_kit.py), worked out by hand:

| problem | household (district) | month | dimension | status      |
|---------|----------------------|-------|-----------|-------------|
| P1      | H1 (3401)            | Jan   | income    | open        |
| P2      | H1 (3401)            | Feb   | health    | resolved    |
| P3      | H2 (3401)            | Feb   | ไม่ระบุ    | in progress |
| P4      | H3 (3401)            | Jan   | education | open        |
| P5      | H4 (3402)            | Feb   | living    | open        |
| P6      | H5 (3501, Yasothon)  | Jan   | access    | open        |

Activities: A1 H1 Jan พช.; A2 H2 Feb อบต.; A3 H3 Mar พช.; A4 H5 Jan สสจ.
Target persons of Ubon deprived per dimension (warehouse): Mueang (3401) H1's 3 in health
and income, H3's 2 in living, education and income; Si Mueang Mai (3402) H4's 1 in income.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from openpyxl import load_workbook

from tests.dashboard.test_monitor import fixed_today, logbook
from tpmap.accounts.models import AuditEvent
from tpmap.dashboard.analytics import services
from tpmap.dashboard.models import PivotView
from tpmap.site.officers import Act

pytestmark = pytest.mark.django_db
__all__ = ["fixed_today", "logbook"]


def pivot_table(text: str) -> list[list[str]]:
    m = re.search(r'data-table="pivot">(.*?)</table>', text, re.S)
    assert m, "no pivot"
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", m.group(1), re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)
        ]
        for r in rows
    ]


def get(client: Any, user: Any, url: str = "/analytics/", **params: Any) -> Any:
    client.force_login(user)
    return client.get(url, params)


def test_the_pivot_needs_a_login(client: Any) -> None:
    r = client.get("/analytics/")
    assert r.status_code == 302 and "/login/" in r["Location"]


def test_problems_by_district_and_dimension(
    client: Any, people: dict[str, Any], logbook: None
) -> None:
    r = get(client, people["prov_health"])
    assert r.status_code == 200
    assert pivot_table(r.content.decode()) == [
        [
            "พื้นที่ \\ มิติ",
            "ด้านสุขภาพ",
            "ด้านความเป็นอยู่",
            "ด้านการศึกษา",
            "ด้านรายได้",
            "ด้านการเข้าถึงบริการรัฐ",
            "ไม่ระบุ",
            "รวม",
        ],
        ["เมืองอุบลราชธานี", "1", "0", "1", "1", "0", "1", "4"],
        ["ศรีเมืองใหม่", "0", "1", "0", "0", "0", "0", "1"],
        ["รวม", "1", "1", "1", "1", "0", "1", "5"],
    ]


def test_distinct_households_are_counted_once_in_the_totals(
    client: Any, people: dict[str, Any], logbook: None
) -> None:
    r = get(client, people["prov_health"], cols="status", measure="households")
    # H1 has an open and a resolved problem: once in Mueang's total and in the grand total.
    assert pivot_table(r.content.decode())[1:] == [
        ["เมืองอุบลราชธานี", "2", "0", "1", "1", "0", "3"],
        ["ศรีเมืองใหม่", "1", "0", "0", "0", "0", "1"],
        ["รวม", "3", "0", "1", "1", "0", "4"],
    ]


def test_a_filter_keeps_its_values_in_the_columns(
    client: Any, people: dict[str, Any], logbook: None
) -> None:
    r = get(client, people["national"], f_status=["open", "in_progress"], f_dimension="-")
    # Only ไม่ระบุ problems (P3, in progress, Mueang): the two statuses asked for.
    assert pivot_table(r.content.decode()) == [
        ["พื้นที่ \\ มิติ", "ไม่ระบุ"],
        ["อุบลราชธานี", "1"],
    ]
    r = get(client, people["national"], cols="status", f_status=["open", "in_progress"])
    assert pivot_table(r.content.decode())[0] == [
        "พื้นที่ \\ สถานะ",
        "รอดำเนินการ",
        "กำลังดำเนินการ",
        "รวม",
    ]
    assert pivot_table(r.content.decode())[-1] == ["รวม", "4", "1", "5"]


def test_activities_by_agency_and_month_with_a_month_filter(
    client: Any, people: dict[str, Any], logbook: None
) -> None:
    r = get(client, people["national"], source="activities", rows="agency", cols="month")
    assert pivot_table(r.content.decode()) == [
        ["หน่วยงาน \\ เดือน", "ม.ค. 2567", "ก.พ. 2567", "มี.ค. 2567", "รวม"],
        ["พช.", "1", "0", "1", "2"],
        ["สสจ.", "1", "0", "0", "1"],
        ["อบต.", "0", "1", "0", "1"],
        ["รวม", "2", "1", "1", "4"],
    ]
    r = get(
        client,
        people["national"],
        source="activities",
        rows="agency",
        cols="",
        f_month="2024-01",
    )
    assert pivot_table(r.content.decode())[1:] == [["พช.", "1"], ["สสจ.", "1"], ["รวม", "2"]]
    # The page's agency box takes names separated by commas.
    r = get(client, people["national"], source="activities", rows="agency", f_agency="พช., อบต.")
    assert [row[0] for row in pivot_table(r.content.decode())[1:]] == ["พช.", "อบต.", "รวม"]


def test_the_area_statistics_by_district_and_dimension(
    client: Any, people: dict[str, Any], logbook: None
) -> None:
    r = get(client, people["prov_health"], source="statistics")
    # A person deprived in several dimensions counts in each: no total across dimensions.
    assert pivot_table(r.content.decode())[1:] == [
        ["เมืองอุบลราชธานี", "3", "2", "2", "5", "0"],
        ["ศรีเมืองใหม่", "0", "0", "0", "1", "0"],
        ["รวม", "3", "2", "2", "6", "0"],
    ]
    # Without the dimension in the rows or columns, the statistics are shown by dimension.
    r = get(client, people["prov_health"], source="statistics", cols="")
    assert len(pivot_table(r.content.decode())[0]) == 6
    r = get(client, people["prov_health"], source="statistics", cols="", f_dimension="income")
    assert pivot_table(r.content.decode())[1:] == [
        ["เมืองอุบลราชธานี", "5"],
        ["ศรีเมืองใหม่", "1"],
        ["รวม", "6"],
    ]


def test_an_officer_s_pivot_holds_only_their_area(
    client: Any, people: dict[str, Any], logbook: None
) -> None:
    for area in ("34", "35", "TH", "3402"):
        text = get(client, people["district"], area=area, rows="area", cols="").content.decode()
        assert pivot_table(text)[1:] == [["ในเมือง", "4"]]  # subdistrict 340101 only
    text = get(client, people["other_admin"], source="activities", rows="agency").content.decode()
    assert [r[0] for r in pivot_table(text)[1:]] == ["สสจ."]


def test_bad_parameters_give_the_default_pivot_never_an_error(
    client: Any, people: dict[str, Any], logbook: None
) -> None:
    r = get(
        client,
        people["prov_health"],
        source="x",
        rows="<script>",
        cols="nid",
        measure="sum",
        level="99",
        f_status="bogus",
        f_month="2024-13",
    )
    assert r.status_code == 200 and "<script>" not in r.content.decode()
    assert pivot_table(r.content.decode())[-1][-1] == "5"
    assert get(client, people["prov_health"], year="abc").status_code == 400


def test_the_pivot_as_csv_and_xlsx(client: Any, people: dict[str, Any], logbook: None) -> None:
    r = get(client, people["prov_health"], cols="status", format="csv")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0] == ["จำนวนปัญหา: อุบลราชธานี (ปีข้อมูล 2566)"]
    assert rows[2:] == [
        [
            "พื้นที่ \\ สถานะ",
            "รอดำเนินการ",
            "มอบหมายหน่วยงานแล้ว",
            "กำลังดำเนินการ",
            "แก้ไขแล้ว",
            "ส่งต่อจังหวัด",
            "รวม",
        ],
        ["เมืองอุบลราชธานี", "2", "0", "1", "1", "0", "4"],
        ["ศรีเมืองใหม่", "1", "0", "0", "0", "0", "1"],
        ["รวม", "3", "0", "1", "1", "0", "5"],
    ]
    r = get(client, people["prov_health"], cols="status", format="xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws is not None
    assert [c.value for c in ws[6]] == ["รวม", 3, 0, 1, 1, 0, 5]


def test_an_agency_that_looks_like_a_formula_stays_a_text_in_files() -> None:
    from tpmap.site import pivot

    p = pivot.build(
        [("=cmd", "", 1)], pivot.Axis("a", [("=cmd", "=cmd")]), pivot.Axis("b", [("", "all")]), "n"
    )
    assert "'=cmd" in pivot.to_csv(p, title="t").decode("utf-8-sig")
    ws = load_workbook(io.BytesIO(pivot.to_xlsx(p, title="t"))).active
    assert ws is not None and ws["A4"].value == "=cmd" and ws["A4"].data_type == "s"


# -- saved views ---------------------------------------------------------------------------
def save(user: Any, name: str = "ปัญหารายอำเภอ", area: str = "34", query: str = "") -> PivotView:
    return services.pivot_view_create(
        Act(user),
        data=services.PivotViewInput(
            name=name, area=area, query=query or "year=2566&source=problems&cols=status&x=1"
        ),
    )


def test_a_saved_view_keeps_its_normal_query_and_is_audited(people: dict[str, Any]) -> None:
    view = save(people["prov_health"], name="  ปัญหา   รายอำเภอ ")
    assert (view.name, view.area_code, view.owner) == ("ปัญหา รายอำเภอ", "34", people["prov_health"])
    assert view.query == "year=2566&source=problems&rows=area&cols=status&measure=records"
    event = AuditEvent.objects.get(object_type="pivotview", action="create")
    assert event.object_id == str(view.pk) and event.area_code == "34"


@pytest.mark.parametrize(
    ("name", "area", "field"),
    [("", "34", "name"), ("x" * 121, "34", "name"), ("ok", "35", "area"), ("ok", "3x", "area")],
)
def test_a_saved_view_needs_a_name_and_an_area_of_the_officer(
    people: dict[str, Any], name: str, area: str, field: str
) -> None:
    with pytest.raises(ValidationError) as e:
        save(people["prov_health"], name=name, area=area)
    assert field in e.value.message_dict
    assert not PivotView.objects.exists() and not AuditEvent.objects.exists()


def test_a_saved_view_s_query_must_fit(people: dict[str, Any]) -> None:
    agencies = "&".join(f"f_agency=หน่วยงานที่{n}" for n in range(40))
    with pytest.raises(ValidationError) as e:
        save(people["prov_health"], query=f"source=activities&{agencies}")
    assert list(e.value.message_dict) == ["query"]
    assert not PivotView.objects.exists()


def test_a_saved_view_is_shared_by_link_within_its_area(
    client: Any, people: dict[str, Any]
) -> None:
    view = save(people["district"], area="3401")
    client.force_login(people["prov_admin"])  # Ubon holds Mueang: may open it
    r = client.get(f"/analytics/views/{view.pk}/")
    assert r.status_code == 302
    assert r["Location"] == f"/analytics/?area=3401&{view.query}"
    assert client.get(r["Location"]).status_code == 200
    assert view in services.visible_views(people["prov_admin"])
    for other in ("other_admin", "other_district"):  # Yasothon, Si Mueang Mai: not found
        client.force_login(people[other])
        assert client.get(f"/analytics/views/{view.pk}/").status_code == 404
        assert view not in services.visible_views(people[other])


def test_only_the_owner_deletes_a_saved_view(client: Any, people: dict[str, Any]) -> None:
    view = save(people["district"], area="3401")
    with pytest.raises(PermissionDenied):
        services.pivot_view_delete(Act(people["prov_admin"]), view=view)
    with pytest.raises(Http404):
        services.pivot_view_delete(Act(people["other_admin"]), view=view)
    client.force_login(people["prov_admin"])
    assert client.post(f"/analytics/views/{view.pk}/delete/").status_code == 403
    assert PivotView.objects.filter(pk=view.pk).exists()
    client.force_login(people["district"])
    assert client.post(f"/analytics/views/{view.pk}/delete/").status_code == 302
    assert not PivotView.objects.exists()
    assert AuditEvent.objects.filter(object_type="pivotview", action="delete").count() == 1


def test_the_page_saves_a_view_and_shows_a_thai_message_for_a_bad_one(
    client: Any, people: dict[str, Any], logbook: None
) -> None:
    client.force_login(people["prov_health"])
    r = client.post(
        "/analytics/views/", {"name": "", "area": "34", "query": "year=2566&cols=status"}
    )
    assert r.status_code == 400 and "กรุณาตั้งชื่อมุมมอง" in r.content.decode()
    assert not PivotView.objects.exists()
    r = client.post(
        "/analytics/views/", {"name": "สถานะ", "area": "34", "query": "year=2566&cols=status"}
    )
    view = PivotView.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/analytics/views/{view.pk}/"
    assert "สถานะ" in client.get("/analytics/").content.decode()
