"""The dashboard's routing tables, as one tag a monitor template includes."""

from __future__ import annotations

from typing import Any

from django import template

from tpmap.core.areas import COUNTRY_CODE
from tpmap.logbook.routing.selectors import overlaps_by_agency

register = template.Library()


@register.inclusion_tag("logbook/routing/monitor_overlaps.html")
def duplicate_assistance(year: int, area: str) -> dict[str, Any]:
    """Activities saved over a duplicate warning, per agency, in ``area`` and ``year``."""
    prefix = "" if area == COUNTRY_CODE else area
    return {"overlap_rows": overlaps_by_agency(year, prefix)}
