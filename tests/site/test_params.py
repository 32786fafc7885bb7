"""Bad numbers and months in an address are a 400 with a Thai message, never a 500."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from tpmap.site.params import BadParameter, query_int, query_month, query_year

BIG = "99999999999999999999999"


def test_the_parsers_accept_ascii_digits_within_bounds_only() -> None:
    assert query_int({"page": "3"}, "page", minimum=1, maximum=10) == 3
    assert query_int({}, "page", minimum=1, maximum=10) is None
    assert query_int({"page": ""}, "page", minimum=1, maximum=10) is None
    for raw in ("0", "11", BIG, "²", "๓", "-1", "1e3", "3.0", " 3x"):
        with pytest.raises(BadParameter):
            query_int({"page": raw}, "page", minimum=1, maximum=10)
    assert query_year({"year": "2566"}) == 2566
    with pytest.raises(BadParameter, match="ปีข้อมูลไม่ถูกต้อง"):
        query_year({"year": "25660"})
    assert query_month({"month": "2567-01"}) == date(2024, 1, 1)
    assert query_month({"month": "2024-12"}) == date(2024, 12, 1)
    assert query_month({"month": "2401-01"}) == date(1858, 1, 1)  # above 2400: Buddhist era
    for raw in ("10542-12", f"{BIG}-01", "2567-13", "2567-00", "abc", "2567", "2567-1-1"):
        with pytest.raises(BadParameter, match="เดือนไม่ถูกต้อง"):
            query_month({"month": raw})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "message"),
    [
        (f"/households/?page={BIG}", "หมายเลขหน้าไม่ถูกต้อง"),
        (f"/households/?page={BIG}&q=x", "หมายเลขหน้าไม่ถูกต้อง"),
        ("/households/?page=0", "หมายเลขหน้าไม่ถูกต้อง"),
        ("/households/?year=²", "ปีข้อมูลไม่ถูกต้อง"),
        (f"/households/?year={BIG}", "ปีข้อมูลไม่ถูกต้อง"),
        ("/map/?year=²", "ปีข้อมูลไม่ถูกต้อง"),
        (f"/reports/?year={BIG}", "ปีข้อมูลไม่ถูกต้อง"),
        ("/reports/?month=10542-12", "เดือนไม่ถูกต้อง"),
        (f"/reports/?month={BIG}-01", "เดือนไม่ถูกต้อง"),
        ("/reports/?month=abc", "เดือนไม่ถูกต้อง"),
        ("/reports/assistance/34.xlsx?month=10542-12", "เดือนไม่ถูกต้อง"),
        ("/reports/assistance/34.pdf?month=2567-13", "เดือนไม่ถูกต้อง"),
        (f"/reports/register/34.xlsx?year={BIG}", "ปีข้อมูลไม่ถูกต้อง"),
        (f"/monitor/?year={BIG}", "ปีข้อมูลไม่ถูกต้อง"),
        ("/monitor/?year=abc", "ปีข้อมูลไม่ถูกต้อง"),
        (
            f"/households/2566/34010000001/activities/new/?problem={BIG}",
            "ค่า problem ในที่อยู่หน้าเว็บไม่ถูกต้อง",
        ),
    ],
)
def test_an_out_of_range_number_is_a_bad_request_in_thai(
    people: Any, settings: Any, url: str, message: str
) -> None:
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(people["prov_admin"])
    r = client.get(url)
    assert r.status_code == 400
    text = r.content.decode()
    assert "คำขอไม่ถูกต้อง" in text and message in text
    assert BIG not in text  # the typed value is never echoed


@pytest.mark.django_db
def test_an_unknown_but_well_formed_year_is_still_not_found(people: Any) -> None:
    client = Client()
    client.force_login(people["prov_admin"])
    assert client.get("/reports/?year=2400").status_code == 404
    assert client.get("/reports/register/34.xlsx?year=2400").status_code == 404
