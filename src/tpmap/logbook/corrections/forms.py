"""F13: the visit outcome form and the reversal form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tpmap.logbook import labels
from tpmap.logbook.forms import MultiplePhotoField, details_field, today
from tpmap.logbook.models import CorrectionKind
from tpmap.site.forms import DateInput


class CorrectionForm(forms.Form):
    # A number, not a choice: a member that does not exist is the service's refusal.
    member_no = forms.IntegerField(label=_("ผลของ"), required=False, min_value=0)
    kind = forms.ChoiceField(
        label=_("ผลการเยี่ยมบ้าน"), choices=CorrectionKind.choices, widget=forms.RadioSelect
    )
    field_name = forms.ChoiceField(label=_("ข้อมูลที่ไม่ถูกต้อง"), required=False)
    correct_value = forms.CharField(
        label=_("ค่าที่ถูกต้อง"),
        max_length=200,
        required=False,
        help_text=_("เฉพาะ “ข้อมูลไม่ถูกต้อง”"),
    )
    effective_on = forms.DateField(label=_("วันที่"), widget=DateInput(), initial=today)
    note = details_field(_("หมายเหตุ"))
    photos = MultiplePhotoField(label=_("รูปภาพ (ไม่เกิน 5 รูป)"))

    def __init__(self, *args: Any, members: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        widget: Any = forms.Select(
            choices=[("", gettext("ทั้งครัวเรือน"))]
            + [(no, name) for no, name in sorted(members.items())]
        )
        self.fields["member_no"].widget = widget
        field: Any = self.fields["field_name"]
        field.choices = [
            ("", "—"),
            (
                gettext("ข้อมูลครัวเรือน"),
                [(k, gettext(v)) for k, v in labels.HOUSEHOLD_FIELDS.items()],
            ),
            (gettext("ข้อมูลสมาชิก"), [(k, gettext(v)) for k, v in labels.MEMBER_FIELDS.items()]),
        ]


class ReverseForm(forms.Form):
    reason = forms.CharField(
        label=_("เหตุผลที่ยกเลิก"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )
