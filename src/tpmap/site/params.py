"""One parser for the numbers and months that come in a query string.

A number typed into an address can be anything: ``?page=99999999999999999999999`` overflows
DuckDB's INT64, ``?month=10542-12`` is past the last date Python can hold, ``?year=²``
passes ``str.isdigit`` and fails ``int``. Every view reads such values through these
functions, which accept only ASCII digits within declared bounds and raise
:class:`BadParameter` otherwise; Django answers it with the 400 page, which shows the Thai
message of the exception (``tpmap.site.errors.bad_request``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _

# Data years are Buddhist-era years; any four-digit year is a year, a longer one is not.
YEAR_MIN, YEAR_MAX = 1, 9999
# Above this a year is a Buddhist-era year (2400 BE is 1857 CE; 2400 CE is far away).
BUDDHIST_ERA_FROM = 2400
BE_OFFSET = 543
# A month must leave room for the month after it (the end of a monthly report's period).
MONTH_YEAR_MAX = 9998
# A database id (a signed 64-bit integer everywhere) and a page of a list: far beyond any
# real list, far below DuckDB's INT64 once multiplied by the page size.
MAX_ID = 2**63 - 1
MAX_PAGE = 1_000_000
_DIGITS = re.compile(r"[0-9]{1,18}")
_MONTH = re.compile(r"([0-9]{1,4})-([0-9]{1,2})")


class BadParameter(BadRequest):
    """A query-string value that is not what the page accepts; the message is Thai and is
    shown to the user."""


def parse_int(raw: str, *, minimum: int, maximum: int, message: str) -> int:
    if not _DIGITS.fullmatch(raw):
        raise BadParameter(message)
    value = int(raw)
    if not minimum <= value <= maximum:
        raise BadParameter(message)
    return value


def query_int(
    query: Mapping[str, str], name: str, *, minimum: int, maximum: int, message: str = ""
) -> int | None:
    """``query[name]`` as an int in ``[minimum, maximum]``; None when absent or empty."""
    raw = (query.get(name) or "").strip()
    if not raw:
        return None
    return parse_int(
        raw,
        minimum=minimum,
        maximum=maximum,
        message=message or _("ค่า %(name)s ในที่อยู่หน้าเว็บไม่ถูกต้อง") % {"name": name},
    )


def query_year(query: Mapping[str, str], name: str = "year") -> int | None:
    """A data year (Buddhist era) of the query string; None when absent or empty. Whether
    the warehouse holds it is the caller's question (an unknown year is not found)."""
    return query_int(query, name, minimum=YEAR_MIN, maximum=YEAR_MAX, message=_("ปีข้อมูลไม่ถูกต้อง"))


def query_month(query: Mapping[str, str], name: str = "month") -> date | None:
    """The first day of a month written ``YYYY-MM`` in either era (``2567-01`` or
    ``2024-01``); None when absent or empty."""
    raw = (query.get(name) or "").strip()
    if not raw:
        return None
    message = _("เดือนไม่ถูกต้อง (เช่น 2567-01)")
    match = _MONTH.fullmatch(raw)
    if match is None:
        raise BadParameter(message)
    year, month = int(match[1]), int(match[2])
    if year > BUDDHIST_ERA_FROM:
        year -= BE_OFFSET
    if not (YEAR_MIN <= year <= MONTH_YEAR_MAX and 1 <= month <= 12):
        raise BadParameter(message)
    return date(year, month, 1)
