"""Helpers of the Logbook page tests."""

from __future__ import annotations

from typing import Any


def text(r: Any) -> str:
    return str(r.content.decode())
