"""Form helpers every app shares: a form only translates what a person typed into a
service's input, and a service's error back onto the form."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, TypeVar

from django import forms

from tpmap.site.errors import add_to_form

T = TypeVar("T")

__all__ = ["DateInput", "add_to_form", "form_status", "input_from"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def input_from(cls: type[T], cleaned: Mapping[str, Any], **given: Any) -> T:
    """A service input (a dataclass) from a form's cleaned data: every field of the input
    the form has, plus ``given`` (what the form holds as objects, not values)."""
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    values = {n: cleaned[n] for n in names if n in cleaned and n not in given}
    return cls(**values, **given)


def form_status(form: forms.BaseForm) -> int:
    """400 for a sent form with errors (so scripts and tests see the failure), else 200."""
    return 400 if form.is_bound and form.errors else 200
