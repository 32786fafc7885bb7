"""Form helpers every app shares: a form only translates what a person typed into a
service's input, and a service's error back onto the form."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from datetime import date
from typing import Any, TypeVar

from django import forms
from django.utils.translation import gettext_lazy as _

from tpmap.site.errors import add_to_form
from tpmap.site.thaidate import BE_INPUT_PATTERN, format_be, parse_be

T = TypeVar("T")

__all__ = ["DateInput", "add_to_form", "form_status", "input_from"]


class DateInput(forms.DateInput):
    """Every date of every form, in the Buddhist era: shown and typed as ``20/11/2569``
    (day/month/year พ.ศ.), with the Thai calendar of ``tpmap/datepicker.js`` on a button
    beside it (the field still works typed, without script). What the form's DateField
    parses is the ISO date: ``value_from_datadict`` turns a BE date into ``2026-11-20``.
    An ISO date (what a script or the API sends) passes as it is; anything else reaches the
    field as typed and fails there with its Thai message, never read as a
    month-first or Christian-era date."""

    input_type = "text"
    template_name = "widgets/thai_date.html"

    def __init__(self, attrs: dict[str, Any] | None = None, **kwargs: Any) -> None:
        base = {
            "inputmode": "numeric",
            "autocomplete": "off",
            "placeholder": _("วว/ดด/ปปปป (พ.ศ.)"),
            "pattern": BE_INPUT_PATTERN.strip("^$"),
            "maxlength": "10",
            "data-thai-date": "",
        }
        super().__init__(attrs={**base, **(attrs or {})}, **kwargs)

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, date):
            return format_be(value)
        if isinstance(value, str) and _ISO.match(value):
            try:
                return format_be(date.fromisoformat(value))
            except ValueError:
                return value
        if value in (None, ""):
            return None
        return str(value).removeprefix(_UNREADABLE)

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        raw = data.get(name)
        if not isinstance(raw, str):
            return raw
        raw = raw.strip()
        if not raw or _ISO.match(raw):
            return raw
        parsed = parse_be(raw)
        if parsed is not None:
            return parsed.isoformat()
        # No other input format of the field may read it (20/11/2026 is no AD date here):
        # marked, it fails in every format and is shown again as typed.
        return _UNREADABLE + raw


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_UNREADABLE = "!"


def input_from(cls: type[T], cleaned: Mapping[str, Any], **given: Any) -> T:
    """A service input (a dataclass) from a form's cleaned data: every field of the input
    the form has, plus ``given`` (what the form holds as objects, not values)."""
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    values = {n: cleaned[n] for n in names if n in cleaned and n not in given}
    return cls(**values, **given)


def form_status(form: forms.BaseForm) -> int:
    """400 for a sent form with errors (so scripts and tests see the failure), else 200."""
    return 400 if form.is_bound and form.errors else 200
