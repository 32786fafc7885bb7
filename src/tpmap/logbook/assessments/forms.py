"""The re-assessment form: one pass/fail/not-applicable choice per MPI indicator."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tpmap.logbook.forms import details_field, today
from tpmap.logbook.models import AssessmentResult
from tpmap.site.forms import DateInput

CHOICES = [("", _("ไม่ได้ประเมิน")), *AssessmentResult.choices]


class AssessmentForm(forms.Form):
    assessed_on = forms.DateField(label=_("วันที่ประเมิน"), widget=DateInput(), initial=today)
    note = details_field(_("หมายเหตุ"))

    def __init__(self, *args: Any, indicators: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for no, name in indicators:
            self.fields[f"mpi_{no}"] = forms.ChoiceField(
                label=f"{no}. {name}",
                choices=CHOICES,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "tri"}),
            )

    def results(self) -> dict[int, str]:
        """MPI indicator -> result, the indicators left "not assessed" left out."""
        return {
            no: self.cleaned_data[f"mpi_{no}"]
            for no, _name in self.indicators
            if self.cleaned_data.get(f"mpi_{no}")
        }
