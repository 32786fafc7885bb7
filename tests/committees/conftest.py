from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _web(web_settings: Any) -> None:
    """Every committees test runs with the web settings of tests/web_kit.py."""
