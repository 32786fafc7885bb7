from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _web(web_settings: Any) -> None:
    """Every accounts test runs with the web settings of tests/web_kit.py."""


@pytest.fixture
def officer(client: Any, people: dict[str, Any]) -> Any:
    """The district officer of Mueang Ubon (3401), logged in."""
    client.force_login(people["district"])
    return client
