"""The project form: it only translates what an officer typed into ``ProjectInput``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tpmap.projects import strategy
from tpmap.site.forms import DateInput


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("ชื่อโครงการ"), max_length=300, required=False)
    agency = forms.CharField(label=_("หน่วยงานเจ้าของโครงการ"), max_length=200, required=False)
    budget = forms.DecimalField(
        label=_("งบประมาณ (บาท)"), required=False, max_digits=14, decimal_places=2, min_value=0
    )
    strategy_target = forms.CharField(
        label=_("รหัสเป้าหมายแผนแม่บทย่อย"),
        max_length=6,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "110201"}),
        help_text=_("ตัวเลข 6 หลัก: แผนแม่บท 2 หลัก แผนย่อย 2 หลัก เป้าหมาย 2 หลัก เช่น 110201"),
    )
    fiscal_year = forms.IntegerField(
        label=_("ปีงบประมาณ (พ.ศ.)"),
        required=False,
        min_value=strategy.FIRST_YEAR,
        max_value=strategy.LAST_YEAR,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    start_on = forms.DateField(label=_("วันเริ่มต้น"), widget=DateInput(), required=False)
    end_on = forms.DateField(label=_("วันสิ้นสุด"), widget=DateInput(), required=False)
    objective = forms.CharField(
        label=_("วัตถุประสงค์"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    areas = forms.MultipleChoiceField(
        label=_("พื้นที่ดำเนินการ"), widget=forms.CheckboxSelectMultiple, required=False
    )
    activities = forms.TypedMultipleChoiceField(
        label=_("กิจกรรมในโครงการ (จากสมุดบันทึก)"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        coerce=int,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        areas: list[tuple[str, str]],
        activities: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        area_field: Any = self.fields["areas"]
        area_field.choices = areas
        activity_field: Any = self.fields["activities"]
        activity_field.choices = activities
