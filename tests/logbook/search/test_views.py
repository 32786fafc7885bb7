"""F6 search through the test client, as a district officer would use it."""

import re
from typing import Any

import pytest

from tests.logbook.pages import text
from tests.web_kit import H1, YEAR

pytestmark = pytest.mark.django_db


def test_the_search_lists_only_the_officers_households_with_the_total(officer: Any) -> None:
    r = officer.get("/households/", {"year": YEAR})
    html = text(r)
    assert r.status_code == 200
    assert "บุญมี มีสุข" in html and "สมชาย ใจดี" in html
    assert "ทองดี มั่นคง" not in html and "เพชร ดาวเด่น" not in html
    assert "แสดง 1 ถึง 2 จาก 2 รายการ" in html
    # The officer's province and district are fixed in the cascade.
    assert re.search(r'<input type="hidden" name="district" value="3401">', html)


def test_asking_for_another_district_shows_nothing_of_it(officer: Any) -> None:
    r = officer.get("/households/", {"year": YEAR, "province": "34", "district": "3402"})
    html = text(r)
    assert "ทองดี มั่นคง" not in html


def test_an_htmx_search_returns_only_the_results_fragment(officer: Any) -> None:
    r = officer.get(
        "/households/",
        {"year": YEAR, "q": "สมชาย"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="results",
    )
    html = text(r)
    assert "<html" not in html
    assert "แสดง 1 ถึง 1 จาก 1 รายการ" in html
    assert f"/households/{YEAR}/{H1}/" in html


def test_the_cascade_offers_only_areas_inside_the_officers_area(officer: Any, client: Any) -> None:
    html = text(officer.get("/households/areas/", {"province": "34", "district": "3401"}))
    assert '<option value="340101">ในเมือง</option>' in html
    assert "340201" not in html  # a subdistrict of another district
    html = text(
        officer.get(
            "/households/areas/", {"province": "34", "district": "3401", "subdistrict": "340101"}
        )
    )
    assert '<option value="34010101">หมู่ 1 บ้านนาคำ</option>' in html


def test_sorting_and_paging_links_keep_the_filters(officer: Any) -> None:
    html = text(
        officer.get("/households/", {"year": YEAR, "per_page": 10, "sort": "name", "dir": "asc"})
    )
    names = re.findall(r'class="name" href="[^"]+">([^<]+)</a>', html)
    assert names == ["บุญมี มีสุข", "สมชาย ใจดี"]


def test_without_a_warehouse_the_search_explains_itself(
    officer: Any, settings: Any, tmp_path: Any
) -> None:
    from tpmap.site import warehouse

    settings.TPMAP_WAREHOUSE = tmp_path / "none"
    warehouse.reset()
    r = officer.get("/households/")
    assert r.status_code == 503 and "ยังไม่มีคลังข้อมูลครัวเรือน" in text(r)


def test_a_national_id_typed_into_search_is_refused_and_never_shown_back(officer: Any) -> None:
    typed = "1100000000016"
    r = officer.get("/households/", {"year": YEAR, "q": typed})
    html = text(r)
    assert r.status_code == 200
    assert typed not in html
    assert "x-xxxx-xxxxx-00-16" in html  # the box shows the masked form
    assert "ช่องนี้ไม่รับเลขประจำตัวประชาชน" in html


def test_the_search_filters_by_the_17_mpi_indicator_numbers(officer: Any) -> None:
    html = text(officer.get("/households/", {"year": YEAR}))
    select = html.split('name="indicator"', 1)[1].split("</select>", 1)[0]
    numbers = [int(n) for n in re.findall(r'<option value="(\d+)"', select)]
    assert numbers == [1, 4, 5, 7, 8, 9, 10, 11, 15, 16, 17, 19, 20, 21, 22, 27, 28]
