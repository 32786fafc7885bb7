"""F16: a household's home visits (บันทึกการเยี่ยมบ้าน): the form and the record kind, so
new, edit and delete are the records' pages (tpmap.logbook.records.views), written once."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tpmap.logbook.forms import MultiplePhotoField, RecordedDayField, details_field
from tpmap.logbook.models import Visit, VisitOutcome
from tpmap.logbook.records.views import RecordKind
from tpmap.logbook.services import HouseholdRef
from tpmap.logbook.visits import services
from tpmap.logbook.visits.selectors import visible_visits
from tpmap.site.forms import input_from
from tpmap.site.warehouse import Warehouse


class VisitForm(forms.Form):
    visited_on = RecordedDayField(label=_("วันที่เยี่ยมบ้าน"))
    found = forms.CharField(
        label=_("สิ่งที่พบ"),
        max_length=services.FOUND_MAX,
        help_text=_("สั้น ๆ เช่น “พบหัวหน้าครัวเรือน ปลูกผักสวนครัวแล้ว”"),
    )
    outcome = forms.ChoiceField(
        label=_("ผลการเยี่ยม"),
        choices=[("", _("— ไม่ระบุ —")), *VisitOutcome.choices],
        required=False,
    )
    note = details_field(_("หมายเหตุ"))
    photos = MultiplePhotoField(label=_("รูปภาพการเยี่ยมบ้าน"))


def _form(
    request: HttpRequest, wh: Warehouse, ref: HouseholdRef, initial: dict[str, Any]
) -> VisitForm:
    return VisitForm(request.POST or None, request.FILES or None, initial=initial)


def _input(form: VisitForm) -> services.VisitInput:
    return input_from(services.VisitInput, form.cleaned_data)


VISITS: RecordKind[Visit, services.VisitInput] = RecordKind(
    visible=visible_visits,
    form=_form,
    to_input=_input,
    initial_of=lambda v: {f: getattr(v, f) for f in ("visited_on", "found", "outcome", "note")},
    writes=services,
    name="visit",
    new_title=_("บันทึกการเยี่ยมบ้าน"),
    edit_title=_("แก้ไขบันทึกการเยี่ยมบ้าน"),
    created=_("บันทึกการเยี่ยมบ้านแล้ว"),
    anchor="home-visits",
)
