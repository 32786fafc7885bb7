"""The monitoring dashboard's case-work panel (F16, issue 11 item 5): target households by
contacts (0, 1, 2, 3 or more visits) and the counts of the officer's work lists, read from
the dashboard's own context (area, year, target households), so the dashboard includes it
with one line."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.context import Context
from django.utils import timezone

from tpmap.core.areas import COUNTRY_CODE
from tpmap.logbook.worklists import registry
from tpmap.site.officers import officer_of
from tpmap.site.warehouse import get_warehouse

register = template.Library()

#: Ubon's KPI: a target household is visited at least this many times a year.
KPI_CONTACTS = 3


def share(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


@register.simple_tag(takes_context=True)
def casework_summary(context: Context) -> dict[str, Any]:
    request = context["request"]
    area = str(context.get("area") or COUNTRY_CODE)
    prefix = "" if area == COUNTRY_CODE else area
    year = int(context["year"])
    targets = int(context.get("target_households") or 0)
    officer = officer_of(request)
    visits = registry.visit_distribution(year, prefix, officer)
    visits = {"0": max(0, targets - sum(visits.values())), **visits}
    q = registry.WorkQuery(
        viewer=officer,
        wh=get_warehouse(),
        year=year,
        area=prefix,
        today=context.get("today") or timezone.localdate(),
    )
    return {
        "visits": [(k, n, share(n, targets)) for k, n in visits.items()],
        "kpi": visits["3+"],
        "kpi_share": share(visits["3+"], targets),
        "kpi_contacts": KPI_CONTACTS,
        "lists": registry.counts(q),
        "area": prefix,
        "year": year,
    }
