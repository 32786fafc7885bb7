"""Finding a household inside the officer's area (404 otherwise, never telling whether it
exists elsewhere), its address and the brief every household page shows at its top."""

from __future__ import annotations

from typing import Any

from django.http import (
    Http404,
    HttpRequest,
)
from django.urls import reverse
from django.utils.translation import gettext as _

from tpmap.logbook import selectors
from tpmap.logbook.services import HouseholdRef
from tpmap.site.warehouse import get_warehouse
from tpmap.warehouse import web_selectors
from tpmap.warehouse.selectors import Warehouse


def household_or_404(
    request: HttpRequest, year: int, household_id: str
) -> tuple[Warehouse, HouseholdRef]:
    wh = get_warehouse()
    ref = selectors.household_locate(wh, request.user, year=year, household_id=household_id)
    if ref is None:
        raise Http404(_("ไม่พบครัวเรือนนี้ในพื้นที่ของท่าน"))
    return wh, ref


def household_url(ref: HouseholdRef, anchor: str = "") -> str:
    url = reverse("logbook:household", args=[ref.year, ref.household_id])
    return f"{url}#{anchor}" if anchor else url


def head(wh: Warehouse, ref: HouseholdRef) -> dict[str, Any]:
    brief = web_selectors.households_brief(wh, year=ref.year, household_ids=[ref.household_id])
    return {"brief": brief.get(ref.household_id, {})}
