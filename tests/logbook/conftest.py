from __future__ import annotations

from typing import Any

import pytest

from tests.web_kit import make_user
from tpmap.site.warehouse import Warehouse, get_warehouse


@pytest.fixture(autouse=True)
def _web(web_settings: Any) -> None:
    """Every accounts test runs with the web settings of tests/web_kit.py."""


@pytest.fixture
def officer(client: Any, people: dict[str, Any]) -> Any:
    """The district officer of Mueang Ubon (3401), logged in."""
    client.force_login(people["district"])
    return client


@pytest.fixture
def wh(web_settings: Any) -> Warehouse:
    return get_warehouse()


@pytest.fixture
def other_chief(people: dict[str, Any]) -> Any:
    """The district chief of Si Mueang Mai (3402): not the chief of H1's district."""
    return make_user("other_chief", "district_chief", "3402", "ที่ว่าการอำเภอศรีเมืองใหม่")
