"""Dates in forms are Buddhist-era dates (dd/mm/พ.ศ.), shown and read both ways by one
widget that every date field of every form uses."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date
from typing import Any

import pytest
from django import forms
from django.utils import translation

import tpmap
from tpmap.site.forms import DateInput
from tpmap.site.thaidate import format_be, parse_be


def test_a_be_date_is_shown_and_read_back() -> None:
    assert format_be(date(2026, 11, 20)) == "20/11/2569"
    assert format_be(date(2027, 1, 5)) == "05/01/2570"
    assert format_be(None) == ""
    assert parse_be("20/11/2569") == date(2026, 11, 20)
    assert parse_be(" 5/1/2570 ") == date(2027, 1, 5)
    assert parse_be("29/02/2567") == date(2024, 2, 29)  # a leap year (ค.ศ. 2024)
    for bad in ("29/02/2569", "31/04/2569", "20/11/2026", "11/20/2569", "2569-11-20", "", "x"):
        assert parse_be(bad) is None, bad
    for d in (date(2026, 11, 20), date(2024, 2, 29), date(1999, 12, 31)):
        assert parse_be(format_be(d)) == d


class _Form(forms.Form):
    on = forms.DateField(widget=DateInput())
    until = forms.DateField(widget=DateInput(), required=False)


def test_the_widget_shows_be_and_posts_what_the_field_parses() -> None:
    html = str(_Form(initial={"on": date(2026, 11, 20)})["on"])
    assert 'type="text"' in html and 'value="20/11/2569"' in html
    assert 'inputmode="numeric"' in html and "data-thai-date" in html
    assert 'placeholder="วว/ดด/ปปปป (พ.ศ.)"' in html
    assert 'data-picker-for="id_on"' in html
    assert 'type="date"' not in html

    form = _Form({"on": "20/11/2569", "until": "1/12/2569"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"on": date(2026, 11, 20), "until": date(2026, 12, 1)}
    # What a script or the API sends (ISO) is read as it is.
    form = _Form({"on": "2026-11-20"})
    assert form.is_valid() and form.cleaned_data["on"] == date(2026, 11, 20)


@pytest.mark.parametrize("typed", ["11/20/2026", "20/11/2026", "31/02/2569", "20 พ.ย. 2569"])
def test_a_month_first_or_christian_era_date_is_refused_in_thai_and_shown_as_typed(
    typed: str,
) -> None:
    with translation.override("th"):
        form = _Form({"on": typed})
        assert not form.is_valid()
        assert form.errors["on"] == ["กรุณากรอกวันที่เป็น วัน/เดือน/ปี พ.ศ. เช่น 20/11/2569"]
        assert f'value="{typed}"' in str(form["on"])


def _project_forms() -> list[type[forms.BaseForm]]:
    for info in pkgutil.walk_packages(tpmap.__path__, "tpmap."):
        if ".migrations" in info.name or info.name.endswith("__main__"):
            continue
        if info.name.startswith(("tpmap.site.wsgi", "tpmap.site.asgi", "tpmap.site.gunicorn")):
            continue
        importlib.import_module(info.name)
    found: list[type[forms.BaseForm]] = []
    todo: list[Any] = [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("tpmap."):
                found.append(sub)
    return found


def test_every_date_field_of_every_form_uses_the_thai_date_widget() -> None:
    checked = []
    for form_class in _project_forms():
        for name, field in getattr(form_class, "base_fields", {}).items():
            if isinstance(field, forms.DateField):
                assert isinstance(field.widget, DateInput), f"{form_class.__qualname__}.{name}"
                checked.append(f"{form_class.__name__}.{name}")
    assert {"ProblemForm.occurred_on", "ActivityForm.start_on", "ActivityForm.end_on"} <= set(
        checked
    ), checked
    assert len(checked) >= 7, checked
