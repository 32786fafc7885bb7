"""F12: the form proposing a person the data missed, and the district chief's decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tpmap.site.forms import DateInput


class NidInput(forms.TextInput):
    """A NID field that never writes the NID back into a page (a refused form is shown
    again with the field empty), so no page ever holds one in full."""

    def format_value(self, value: Any) -> str | None:
        return None


class AdditionForm(forms.Form):
    year = forms.TypedChoiceField(label=_("ปีข้อมูล"), coerce=int)
    village_code = forms.CharField(label=_("หมู่บ้าน"), max_length=8, required=False)
    household_id = forms.CharField(
        label=_("รหัสบ้าน (ครัวเรือนที่สำรวจแล้ว)"),
        max_length=32,
        required=False,
        help_text=_("เว้นว่างเมื่อไม่อยู่ในครัวเรือนที่สำรวจ"),
    )
    new_household = forms.BooleanField(label=_("อยู่ในครัวเรือนใหม่ที่ยังไม่ได้สำรวจ"), required=False)
    house_no = forms.CharField(label=_("บ้านเลขที่ (ครัวเรือนใหม่)"), max_length=30, required=False)
    nid = forms.CharField(
        label=_("เลขประจำตัวประชาชน (ถ้ามี)"),
        max_length=17,
        required=False,
        widget=NidInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("คนไร้บ้าน กลุ่มชาติพันธุ์ หรือคนไทยที่ไม่มีบัตร เว้นว่างได้"),
    )
    title = forms.CharField(label=_("คำนำหน้า"), max_length=30, required=False)
    first_name = forms.CharField(label=_("ชื่อ"), max_length=100, required=False)
    last_name = forms.CharField(label=_("นามสกุล"), max_length=100, required=False)
    sex = forms.ChoiceField(
        label=_("เพศ"), required=False, choices=[("", "—"), ("M", _("ชาย")), ("F", _("หญิง"))]
    )
    birth_date = forms.DateField(label=_("วันเกิด"), widget=DateInput(), required=False)
    age = forms.IntegerField(label=_("หรืออายุ (ปี)"), required=False, min_value=0, max_value=130)
    reason = forms.CharField(
        label=_("เหตุผลที่เพิ่ม"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(
        self, *args: Any, years: list[int], villages: list[tuple[str, str]] | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        year: Any = self.fields["year"]
        year.choices = [(y, str(y)) for y in years]
        if villages is not None:
            # A select when the officer's area is small enough to list its villages.
            self.fields["village_code"].widget = forms.Select(
                choices=[("", gettext("เลือกหมู่บ้าน")), *villages]
            )


class DecisionForm(forms.Form):
    identity_checked = forms.BooleanField(label=_("ตรวจสอบตัวตนกับทะเบียนราษฎรแล้ว"), required=False)
    note = forms.CharField(
        label=_("บันทึก: สิ่งที่ตรวจสอบ หรือเหตุผลที่ไม่อนุมัติ"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    approve = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1", widget=forms.HiddenInput
    )
