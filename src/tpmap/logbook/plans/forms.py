"""The plan's forms: they parse what a person typed into the services' inputs; the rules
(required texts, dates, stages, links) are the services'."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tpmap.logbook.forms import details_field, today
from tpmap.logbook.models import (
    DIMENSION_CHOICES,
    Activity,
    PlanActionStatus,
    PlanStage,
    Problem,
)
from tpmap.site.forms import DateInput
from tpmap.site.thaidate import thai_date


def _date(label: Any, *, required: bool = True, initial: Any = None) -> forms.DateField:
    """A day typed and shown in the Buddhist era (the site's one date widget)."""
    return forms.DateField(label=label, widget=DateInput(), required=required, initial=initial)


def _text_area(label: Any, *, required: bool = False, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=required,
        max_length=5000,
    )


class PlanForm(forms.Form):
    goal = _text_area(_("เป้าหมายสูงสุดของครัวเรือน"), required=True)


if TYPE_CHECKING:
    _RecordChoices = forms.ModelMultipleChoiceField[Any]
else:  # generic in django-stubs only
    _RecordChoices = forms.ModelMultipleChoiceField


class ProblemChoice(_RecordChoices):
    """The household's problems or activities as checkboxes, each with its day (BE)."""

    def label_from_instance(self, obj: Any) -> str:
        if isinstance(obj, Problem):
            return f"{obj.title} ({thai_date(obj.occurred_on)})"
        if isinstance(obj, Activity):
            return f"{obj.name} ({thai_date(obj.start_on)})"
        return str(obj)


class PlanActionForm(forms.Form):
    dimension = forms.ChoiceField(
        label=_("มิติการพัฒนา"), choices=[("", _("เลือกมิติ")), *DIMENSION_CHOICES]
    )
    household_does = _text_area(_("กิจกรรม/สิ่งที่ครัวเรือนจะทำ (พึ่งตนเอง)"))
    support = _text_area(_("กิจกรรมที่พี่เลี้ยง/หน่วยงานจะสนับสนุน"))
    agency = forms.CharField(label=_("หน่วยงานที่สนับสนุน"), max_length=200, required=False)
    start_on = _date(_("ระยะเวลาดำเนินการ ตั้งแต่"), initial=today)
    end_on = _date(_("ถึง"), required=False)
    status = forms.ChoiceField(
        label=_("สถานะ"),
        choices=PlanActionStatus.choices,
        initial=PlanActionStatus.CONTINUING,
        widget=forms.RadioSelect,
    )
    problems = ProblemChoice(
        label=_("ปัญหาที่แผนนี้แก้"),
        queryset=Problem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    activities = ProblemChoice(
        label=_("กิจกรรมช่วยเหลือที่เกี่ยวข้อง"),
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        problems: list[Problem],
        activities: list[Activity],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # Only the household's own records of the year (the service checks it again).
        problem_field = self.fields["problems"]
        activity_field = self.fields["activities"]
        assert isinstance(problem_field, ProblemChoice)
        assert isinstance(activity_field, ProblemChoice)
        problem_field.queryset = Problem.objects.filter(pk__in=[p.pk for p in problems])
        activity_field.queryset = Activity.objects.filter(pk__in=[a.pk for a in activities])
        if not problems:
            del self.fields["problems"]
        if not activities:
            del self.fields["activities"]


class AnalysisForm(forms.Form):
    analysed_on = _date(_("วันที่เยี่ยมบ้าน/วิเคราะห์"), initial=today)
    attitude = _text_area(_("ทัศนคติ"), required=True)
    skills = _text_area(_("ทักษะ"), required=True)
    resources = _text_area(_("ทรัพยากร"), required=True)
    way_out = _text_area(_("ทางออก"), required=True)


class StageForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("ขั้นการพัฒนา"), choices=PlanStage.choices, widget=forms.RadioSelect
    )
    set_on = _date(_("วันที่"), initial=today)
    note = details_field(_("หมายเหตุ"))
