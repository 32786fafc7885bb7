"""F15: the pin form."""

from __future__ import annotations

import contextlib
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tpmap.core.geo import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN
from tpmap.logbook.models import Pin


class PinForm(forms.Form):
    latitude = forms.DecimalField(
        label=_("ละติจูด"), max_digits=9, decimal_places=6, min_value=LAT_MIN, max_value=LAT_MAX
    )
    longitude = forms.DecimalField(
        label=_("ลองจิจูด"), max_digits=9, decimal_places=6, min_value=LON_MIN, max_value=LON_MAX
    )
    source = forms.ChoiceField(choices=Pin.Source.choices, initial="map", widget=forms.HiddenInput)
    accuracy_m = forms.IntegerField(
        min_value=0, max_value=1_000_000, required=False, widget=forms.HiddenInput
    )

    def clean_latitude(self) -> Any:
        return self._round("latitude")

    def clean_longitude(self) -> Any:
        return self._round("longitude")

    def _round(self, name: str) -> Any:
        value = self.cleaned_data[name]
        return value.quantize(type(value)("0.000001"))

    def full_clean(self) -> None:
        # Phones give 15 decimals: round before the max_digits check.
        if self.data:
            data = self.data.copy()  # type: ignore[attr-defined]
            for k in ("latitude", "longitude"):
                raw = str(data.get(k, "")).strip()
                with contextlib.suppress(ValueError):
                    data[k] = f"{float(raw):.6f}" if raw else raw
            if data.get("accuracy_m"):
                with contextlib.suppress(ValueError):
                    data["accuracy_m"] = str(round(float(data["accuracy_m"])))
            self.data = data
        super().full_clean()
