"""Forms of the committee pages: each only translates what a person typed into a service
input (tpmap.committees.services); the rules are the services'."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tpmap.committees import periods
from tpmap.committees.models import MemberRole, ReportKind
from tpmap.committees.pdfcheck import MAX_ORDER_BYTES
from tpmap.site.forms import DateInput


class CommitteeForm(forms.Form):
    area_code = forms.ChoiceField(label=_("พื้นที่"))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["area_code"]
        field.choices = choices


class MemberForm(forms.Form):
    name = forms.CharField(label=_("ชื่อ-นามสกุล"), max_length=200, required=False)
    position = forms.CharField(label=_("ตำแหน่ง"), max_length=200, required=False)
    agency = forms.CharField(label=_("หน่วยงาน"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("บทบาท"), choices=MemberRole.choices, initial="member")


class OrderForm(forms.Form):
    number = forms.CharField(label=_("เลขที่คำสั่ง"), max_length=50, required=False)
    signed_on = forms.DateField(label=_("ลงวันที่"), widget=DateInput(), required=False)
    file = forms.FileField(
        label=_("ไฟล์คำสั่ง (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=_("ไฟล์ PDF ไม่เกิน %(mb)s MB") % {"mb": MAX_ORDER_BYTES // (1024 * 1024)},
    )

    def content(self) -> tuple[bytes, str]:
        """The uploaded bytes (at most one byte over the limit, so an oversize file is told
        as such without reading it all) and the file's name."""
        upload = self.cleaned_data.get("file")
        if upload is None:
            return b"", ""
        return upload.read(MAX_ORDER_BYTES + 1), str(upload.name or "")


class ReportNewForm(forms.Form):
    """One choice names the kind and the period (``quarterly:2026-07-01``)."""

    period = forms.ChoiceField(label=_("รอบรายงาน"))

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["period"]
        field.choices = [
            (
                label,
                [
                    (f"{kind}:{s.isoformat()}", periods.label(kind, s))
                    for s in periods.recent(kind, today, n)
                ],
            )
            for kind, label, n in (
                ("quarterly", ReportKind.QUARTERLY.label, 4),
                ("monthly", ReportKind.MONTHLY.label, 12),
            )
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind, _sep, start = str(cleaned.get("period", "")).partition(":")
        cleaned["kind"] = kind
        cleaned["period_start"] = date.fromisoformat(start) if start else None
        return cleaned


class ReportTextsForm(forms.Form):
    results = forms.CharField(label=_("ผลการดำเนินการ"), widget=forms.Textarea, required=False)
    obstacles = forms.CharField(label=_("ปัญหาและอุปสรรค"), widget=forms.Textarea, required=False)
    suggestions = forms.CharField(label=_("ข้อเสนอแนะ"), widget=forms.Textarea, required=False)
