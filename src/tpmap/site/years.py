"""The one reading of "which data year" a page asks for (``?year=``), the same answer for
the Logbook, the dashboard and the reports."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from tpmap.site.warehouse import WarehouseUnavailable


def data_year(request: HttpRequest, years: Sequence[int], *, name: str = "year") -> int:
    """Absent or empty: the latest year; a year the warehouse holds: that year; anything
    else (letters, a year not built): 404 with a Thai message, never a 500. No year at all
    means no warehouse yet (the pages answer 503 with the "no warehouse" page)."""
    if not years:
        raise WarehouseUnavailable("no data year")
    raw = request.GET.get(name, "").strip()
    if not raw:
        return max(years)
    if not raw.isdigit() or int(raw) not in years:
        # The typed value is not repeated: it could be anything, a national ID included.
        raise Http404(_("ไม่มีข้อมูลของปีที่ระบุ"))
    return int(raw)
