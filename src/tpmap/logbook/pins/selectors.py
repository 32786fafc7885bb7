"""Reads of the maps: the survey's coordinates of an area's households (the points a map
without tiles shows) and what every Logbook map is drawn on."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from tpmap.accounts.scope import Scoped, scope_prefix
from tpmap.core import areas
from tpmap.core.geo import provinces_geojson
from tpmap.logbook.services import HouseholdRef
from tpmap.warehouse.read import households as warehouse_households
from tpmap.warehouse.read.base import Warehouse

#: At most this many survey points travel with one map page.
SURVEY_POINT_LIMIT = 3000


def survey_points(
    wh: Warehouse, viewer: Scoped, *, year: int, area: str, limit: int = SURVEY_POINT_LIMIT
) -> list[dict[str, Any]]:
    """The survey's coordinates of the households of ``area`` (an area code inside the
    viewer's scope; nothing outside it), each with the link to its household page."""
    area = "" if area == areas.COUNTRY_CODE else area
    prefix = scope_prefix(viewer)
    if prefix is None or not area.startswith(prefix):
        return []
    return _linked(warehouse_households.survey_points(wh, year=year, area=area, limit=limit), year)


def village_points(wh: Warehouse, household: HouseholdRef) -> list[dict[str, Any]]:
    """The survey's coordinates of the households of a household's village (the household
    reached its page through the area check, so its village is the officer's)."""
    points = warehouse_households.survey_points(
        wh, year=household.year, area=household.village_code, limit=SURVEY_POINT_LIMIT
    )
    return _linked(points, household.year)


def _linked(points: list[dict[str, Any]], year: int) -> list[dict[str, Any]]:
    for p in points:
        p["url"] = reverse("logbook:household", args=[year, p["household_id"]])
    return points


def outlines(codes: set[str] | None) -> dict[str, Any]:
    """The bundled province outlines (all of them for ``None``). District shapes are not
    bundled: a district's map shows its province's outline and its households' points."""
    gj = provinces_geojson()
    feats = [f for f in gj["features"] if codes is None or f["properties"]["code"] in codes]
    return {"type": "FeatureCollection", "features": feats}


def map_settings() -> dict[str, str]:
    """The tile layer a deployment configures (TPMAP_TILE_URL); empty: outlines only."""
    return {
        "tile_url": settings.TPMAP_TILE_URL,
        "tile_attribution": settings.TPMAP_TILE_ATTRIBUTION,
    }
