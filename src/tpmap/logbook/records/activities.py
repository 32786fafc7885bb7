"""F9: assistance activities, possibly answering a problem: the form and the record kind."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tpmap.core.indicators import questionnaire
from tpmap.logbook import selectors, services
from tpmap.logbook.forms import MultiplePhotoField, RecordForm, details_field, today
from tpmap.logbook.models import Activity, Problem
from tpmap.logbook.records.views import RecordKind
from tpmap.logbook.services import HouseholdRef
from tpmap.site.forms import DateInput, input_from
from tpmap.site.params import MAX_ID, query_int
from tpmap.site.warehouse import Warehouse

_FIELD_ORDER = (
    "name details performer agency_id start_on end_on indicator problem photos confirm_duplicate"
)


class ActivityForm(RecordForm):
    # The page shows the shared fields (RecordForm) amid the kind's own.
    field_order = _FIELD_ORDER.split()

    name = forms.CharField(label=_("ชื่อกิจกรรม"), max_length=200)
    details = details_field(_("รายละเอียดกิจกรรม"))
    start_on = forms.DateField(label=_("วันเริ่มต้น"), widget=DateInput(), initial=today)
    end_on = forms.DateField(label=_("วันสิ้นสุด"), widget=DateInput(), required=False)
    indicator = forms.TypedChoiceField(
        label=_("ตัวชี้วัดตาม จปฐ."), coerce=int, required=False, empty_value=None
    )
    problem = forms.TypedChoiceField(
        label=_("แก้ปัญหา/ความต้องการ"), coerce=int, required=False, empty_value=None
    )
    photos = MultiplePhotoField(label=_("เพิ่มรูปภาพกิจกรรม"))
    # F27: shown with the service's duplicate warning; ticking it saves anyway (recorded).
    confirm_duplicate = forms.BooleanField(
        label=_("ตรวจสอบแล้ว ยืนยันบันทึกแม้ซ้ำซ้อนกับหน่วยงานอื่น"),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(
        self, *args: Any, questionnaire_code: str, problems: list[Problem], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        q = questionnaire(questionnaire_code)
        ind: Any = self.fields["indicator"]
        ind.choices = [("", _("— ไม่ระบุ —"))] + [
            (i.no, f"{i.no}. {i.name_th}") for i in q.indicators
        ]
        prob: Any = self.fields["problem"]
        prob.choices = [("", _("— ไม่ระบุ —"))] + [(p.pk, p.title) for p in problems]
        self._problems = {p.pk: p for p in problems}

    def add_error(self, field: str | None, error: Any) -> None:
        # The service's duplicate warning shows the box that confirms it.
        if field == "confirm_duplicate":
            self.fields[field].widget = forms.CheckboxInput()
        super().add_error(field, error)

    def problem_object(self) -> Problem | None:
        pk = self.cleaned_data.get("problem")
        return self._problems.get(pk) if pk is not None else None


def _form(
    request: HttpRequest, wh: Warehouse, ref: HouseholdRef, initial: dict[str, Any]
) -> ActivityForm:
    problems = list(
        selectors.visible_problems(request.user).filter(
            household_id=ref.household_id, year=ref.year
        )
    )
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        questionnaire_code=wh.questionnaire(ref.year),
        problems=problems,
    )
    form.set_agencies(ref.village_code)
    # "Add an activity for this problem" links carry the problem.
    problem = query_int(request.GET, "problem", minimum=1, maximum=MAX_ID)
    if request.method == "GET" and problem is not None:
        form.initial["problem"] = problem
    return form


def _input(form: ActivityForm) -> services.ActivityInput:
    return input_from(services.ActivityInput, form.cleaned_data, problem=form.problem_object())


_EDITED = ("name", "details", "performer", "agency", "start_on", "end_on", "indicator")

ACTIVITIES: RecordKind[Activity, services.ActivityInput] = RecordKind(
    visible=selectors.visible_activities,
    form=_form,
    to_input=_input,
    initial_of=lambda a: {
        **{f: getattr(a, f) for f in _EDITED},
        "problem": a.problem_id,
        "agency_id": a.agency_ref_id,
    },
    writes=services,
    name="activity",
    new_title=_("เพิ่มกิจกรรมให้ความช่วยเหลือ"),
    edit_title=_("แก้ไขกิจกรรมให้ความช่วยเหลือ"),
    created=_("บันทึกกิจกรรมให้ความช่วยเหลือแล้ว"),
)
