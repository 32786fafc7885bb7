"""Template filters for Thai display: Buddhist-era dates and baht amounts."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django import template
from django.utils import translation

from tpmap.site.privacy import mask_url_text
from tpmap.site.thaidate import thai_date, thai_month

register = template.Library()


@register.filter(name="thai_date")
def thai_date_filter(value: date | datetime | None, arg: str = "") -> str:
    """``{{ d|thai_date }}`` -> ``21 พ.ย. 2569``; ``{{ d|thai_date:"full" }}``,
    ``{{ dt|thai_date:"time" }}``. In English the Gregorian ISO date is shown."""
    if value is None or value == "":
        return ""
    if translation.get_language() == "en":
        if isinstance(value, datetime):
            from django.utils import timezone

            if timezone.is_aware(value):
                value = timezone.localtime(value)
            return value.strftime("%Y-%m-%d %H:%M" if "time" in arg else "%Y-%m-%d")
        return value.isoformat()
    return thai_date(value, full="full" in arg, with_time="time" in arg)


@register.filter(name="thai_month")
def thai_month_filter(value: date | None) -> str:
    """``{{ month|thai_month }}`` -> ``ม.ค. 2567`` (``2024-01`` in English)."""
    if value is None or value == "":
        return ""
    if translation.get_language() == "en":
        return value.strftime("%Y-%m")
    return thai_month(value)


@register.filter(name="baht")
def baht(value: float | int | Decimal | None, digits: int = 0) -> str:
    """``270000`` -> ``270,000``; '' for None (no data)."""
    if value is None or value == "":
        return ""
    return f"{float(value):,.{int(digits)}f}"


@register.filter(name="get_item")
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, "") if isinstance(mapping, dict) else ""


@register.filter(name="split")
def split(value: str) -> list[str]:
    return value.split()


@register.filter(name="field")
def field(form: Any, name: str) -> Any:
    return form[name]


@register.filter(name="json_attr")
def json_attr(value: Any) -> str:
    """JSON for a data-* attribute (the template's auto-escaping makes it attribute-safe)."""
    return json.dumps(value, ensure_ascii=False, default=str)


@register.filter(name="mask_nid")
def mask_nid(value: str) -> str:
    """Any national ID in the text (e.g. a URL's query string, percent- or
    ``+``-encoded) as its masked form."""
    return mask_url_text(str(value))
