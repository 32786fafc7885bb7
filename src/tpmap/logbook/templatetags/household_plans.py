"""Template tags of the household development plan (F17), so that a page shows the plan
with one line: the household page's section ``{% plan_section ref %}`` and the monitor's
table of households by stage ``{% stage_table year area target_households %}``."""

from __future__ import annotations

from typing import Any

from django import template

from tpmap.logbook.plans import selectors
from tpmap.logbook.services import HouseholdRef
from tpmap.site.warehouse import get_warehouse

register = template.Library()


@register.inclusion_tag("logbook/plan_section.html", takes_context=True)
def plan_section(context: template.Context, ref: HouseholdRef) -> dict[str, Any]:
    request = context["request"]
    sheet = selectors.plan_sheet(request.user, get_warehouse(), ref)
    return {"ref": ref, "sheet": sheet, "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("logbook/stage_table.html")
def stage_table(year: int, area: str, target_households: int) -> dict[str, Any]:
    counts = selectors.stage_counts(year, area, int(target_households or 0))
    return {"counts": counts, "target_households": target_households}
