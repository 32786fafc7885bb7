"""The one data-year parser every login-only page uses."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import Http404
from django.test import RequestFactory

from tpmap.site.params import BadParameter
from tpmap.site.warehouse import WarehouseUnavailable
from tpmap.site.years import data_year

YEARS = [2562, 2566]


def ask(query: str) -> int:
    return data_year(RequestFactory().get("/", {"year": query} if query else {}), YEARS)


def test_no_year_asked_is_the_latest_and_a_held_year_is_itself() -> None:
    assert (ask(""), ask("2562"), ask(" 2566 ")) == (2566, 2562, 2566)


@pytest.mark.parametrize("unknown", ["2570", "2499", "0001"])
def test_a_year_the_warehouse_does_not_hold_is_not_found(unknown: str) -> None:
    with pytest.raises(Http404) as e:
        ask(unknown)
    assert str(e.value) == "ไม่มีข้อมูลของปีที่ระบุ" and unknown not in str(e.value)


@pytest.mark.parametrize("bad", ["abc", "-1", "2566.0", "1100000000016", "²"])
def test_a_value_that_is_not_a_year_is_a_bad_request(bad: str) -> None:
    with pytest.raises(BadParameter) as e:
        ask(bad)
    assert str(e.value) == "ปีข้อมูลไม่ถูกต้อง" and bad not in str(e.value)


def test_no_year_at_all_means_no_warehouse_yet() -> None:
    with pytest.raises(WarehouseUnavailable):
        data_year(RequestFactory().get("/"), [])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/households/", "/map/", "/monitor/", "/reports/", "/reports/register/34.xlsx"]
)
def test_every_login_only_page_answers_a_bad_year_with_400_or_404_never_500(
    client: Any, people: dict[str, Any], url: str
) -> None:
    client.force_login(people["prov_admin"])
    assert client.get(url, {"year": "25x6"}).status_code == 400
    assert client.get(url, {"year": "2499"}).status_code == 404
