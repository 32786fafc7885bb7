"""F8: a household's problems and needs: the form and the record kind."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tpmap.logbook import selectors, services
from tpmap.logbook.forms import (
    MultiplePhotoField,
    RecordedDayField,
    RecordForm,
    details_field,
)
from tpmap.logbook.models import DIMENSION_CHOICES, Problem, ProblemStatus
from tpmap.logbook.records.views import RecordKind
from tpmap.logbook.services import ROUTED, HouseholdRef
from tpmap.site.forms import DateInput, input_from
from tpmap.site.lang import dimension_names
from tpmap.site.warehouse import Warehouse

MANUAL_STATUSES = [
    (s.value, s.label) for s in ProblemStatus if s.value not in ("assigned", "escalated")
]
_FIELD_ORDER = "title details performer agency_id occurred_on dimension status resolved_on photos"


class ProblemForm(RecordForm):
    # The page shows the shared fields (RecordForm) amid the kind's own.
    field_order = _FIELD_ORDER.split()

    title = forms.CharField(label=_("ปัญหา"), max_length=200)
    details = details_field(_("รายละเอียดปัญหา"))
    occurred_on = RecordedDayField(label=_("วันที่"))
    dimension = forms.ChoiceField(label=_("มิติปัญหา (ดัชนี 5 มิติ)"), required=False)
    # Not required: a form without it (an older page, a script) keeps the status it had.
    status = forms.ChoiceField(
        label=_("สถานะ"), choices=MANUAL_STATUSES, initial=ProblemStatus.OPEN, required=False
    )
    resolved_on = forms.DateField(
        label=_("วันที่แก้ไขแล้ว"),
        widget=DateInput(),
        required=False,
        help_text=_("เมื่อสถานะเป็น “แก้ไขแล้ว”: เว้นว่างไว้ = วันนี้"),
    )
    photos = MultiplePhotoField(label=_("เพิ่มรูปภาพปัญหา/ความต้องการ"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Assigned and escalated come from routing: a routed problem's form keeps them.
        current = self.initial.get("status")
        if current in ROUTED:
            st: Any = self.fields["status"]
            st.choices = [*MANUAL_STATUSES, (current, ProblemStatus(current).label)]
        names = dimension_names()
        dim: Any = self.fields["dimension"]
        dim.choices = [("", _("— ไม่ระบุ —"))] + [(d, names[d]) for d, _th in DIMENSION_CHOICES]


def _form(
    request: HttpRequest, wh: Warehouse, ref: HouseholdRef, initial: dict[str, Any]
) -> ProblemForm:
    form = ProblemForm(request.POST or None, request.FILES or None, initial=initial)
    form.set_agencies(ref.village_code)
    return form


def _input(form: ProblemForm) -> services.ProblemInput:
    # A form without a status (an older page, a script) keeps the status the problem has.
    status = form.cleaned_data["status"] or None
    return input_from(services.ProblemInput, form.cleaned_data, status=status)


_EDITED = ("title", "details", "performer", "agency", "occurred_on", "dimension", "status")

PROBLEMS: RecordKind[Problem, services.ProblemInput] = RecordKind(
    visible=selectors.visible_problems,
    form=_form,
    to_input=_input,
    initial_of=lambda p: {
        **{f: getattr(p, f) for f in (*_EDITED, "resolved_on")},
        "agency_id": p.agency_ref_id,
    },
    writes=services,
    name="problem",
    new_title=_("เพิ่มปัญหา / ความต้องการ"),
    edit_title=_("แก้ไขปัญหา / ความต้องการ"),
    created=_("บันทึกปัญหา/ความต้องการแล้ว"),
)
