"""The one reading of "which data year" a page asks for (``?year=``), the same answer for
the Logbook, the dashboard and the reports."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from tpmap.site.params import query_year
from tpmap.site.warehouse import WarehouseUnavailable


def data_year(request: HttpRequest, years: Sequence[int], *, name: str = "year") -> int:
    """Absent or empty: the latest year; a year the warehouse holds: that year; a value that
    is not a year (letters, out of range): 400 (``query_year``); a year not built: 404, both
    with a Thai message, never a 500. No year at all means no warehouse yet (the pages
    answer 503 with the "no warehouse" page)."""
    if not years:
        raise WarehouseUnavailable("no data year")
    year = query_year(request.GET, name)
    if year is None:
        return max(years)
    if year not in years:
        # The typed value is not repeated: it could be anything, a national ID included.
        raise Http404(_("ไม่มีข้อมูลของปีที่ระบุ"))
    return year
