"""Area statistics rows for the officers' pivot (unsuppressed, for logged-in officers of
the area; the public pivot reads tpmap.warehouse.read.public)."""

from __future__ import annotations

from typing import Any

from tpmap.core import areas as area_catalog
from tpmap.warehouse.read.base import Warehouse


def area_rows(
    wh: Warehouse, *, year: int, parent: str, width: int, scope: str = "all"
) -> list[dict[str, Any]]:
    """The ``area_stats`` rows of the areas with ``width``-digit codes inside ``parent``."""
    wh.require_year(year)
    if parent == area_catalog.COUNTRY_CODE:
        return wh.engine.fetchdicts(
            "SELECT * FROM area_stats WHERE year = ? AND scope = ? AND length(area_code) = ? "
            "AND area_code <> 'TH' ORDER BY area_code",
            [year, scope, width],
        )
    return wh.engine.fetchdicts(
        "SELECT * FROM area_stats WHERE year = ? AND scope = ? AND length(area_code) = ? "
        "AND starts_with(area_code, ?) ORDER BY area_code",
        [year, scope, width, parent],
    )
