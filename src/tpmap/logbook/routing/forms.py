"""Forms of routing: they only parse what a person chose into the services' inputs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tpmap.core.indicators import MPI_DIMENSIONS, default_mpi_mapping
from tpmap.logbook.models import DIMENSION_CHOICES, Agency, MenuItem, ProblemStatus
from tpmap.site.forms import DateInput
from tpmap.site.lang import dimension_names


def agency_choices(agencies: Iterable[Agency], blank: Any = None) -> list[tuple[Any, Any]]:
    """Agencies as select options, grouped by level (ministries, departments, offices)."""
    groups: dict[str, list[tuple[Any, Any]]] = {}
    for a in agencies:
        label = a.name if not a.parent_id else f"{a.name} ({a.parent.name})"  # type: ignore[union-attr]
        groups.setdefault(str(a.get_level_display()), []).append((a.pk, label))
    out: list[tuple[Any, Any]] = [("", blank or _("— เลือกหน่วยงาน —"))]
    return out + [(level, rows) for level, rows in groups.items()]


def mpi_indicator_choices() -> list[tuple[Any, Any]]:
    """The 17 MPI indicators with their Thai names (questionnaire 2560's texts)."""
    mapping = default_mpi_mapping("2560")
    rows: list[tuple[Any, Any]] = [("", _("— ทั้งมิติ —"))]
    for ids in MPI_DIMENSIONS.values():
        rows += [(no, f"{no}. {mapping.name_th(no)}") for no in ids]
    return rows


class AssignmentForm(forms.Form):
    menu_item_id = forms.TypedChoiceField(
        label=_("เมนูแก้จน"), coerce=int, required=False, empty_value=None
    )
    not_in_menu = forms.BooleanField(label=_("ไม่มีในเมนูแก้จน"), required=False)
    agency_id = forms.TypedChoiceField(
        label=_("หน่วยงานที่รับผิดชอบ"), coerce=int, required=False, empty_value=None
    )
    due_on = forms.DateField(label=_("กำหนดแล้วเสร็จ"), widget=DateInput(), required=False)
    note = forms.CharField(
        label=_("หมายเหตุ / แนวทางแก้ไข (จำเป็นเมื่อไม่มีในเมนู)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )

    def __init__(
        self, *args: Any, agencies: Iterable[Agency], items: Iterable[MenuItem], **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        ag: Any = self.fields["agency_id"]
        ag.choices = agency_choices(agencies)
        menu: Any = self.fields["menu_item_id"]
        menu.choices = [("", _("— เลือกจากเมนู —"))] + [
            (m.pk, f"{m.name} · {m.agency.name}") for m in items
        ]


class EscalationForm(forms.Form):
    reason = forms.CharField(
        label=_("เหตุผลที่ส่งต่อจังหวัด"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("สถานะ"),
        choices=[
            (ProblemStatus.IN_PROGRESS.value, ProblemStatus.IN_PROGRESS.label),
            (ProblemStatus.RESOLVED.value, ProblemStatus.RESOLVED.label),
        ],
    )
    resolved_on = forms.DateField(
        label=_("วันที่แก้ไขแล้ว"),
        widget=DateInput(),
        required=False,
        help_text=_("เมื่อสถานะเป็น “แก้ไขแล้ว”: เว้นว่างไว้ = วันนี้"),
    )
    note = forms.CharField(
        label=_("หมายเหตุ"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=5000,
    )


class AgencyForm(forms.Form):
    name = forms.CharField(label=_("ชื่อหน่วยงาน"), max_length=200)
    district_code = forms.ChoiceField(label=_("ระดับ / อำเภอ"), required=False)
    parent_id = forms.TypedChoiceField(
        label=_("สังกัด (กระทรวง/กรม)"), coerce=int, required=False, empty_value=None
    )
    active = forms.BooleanField(label=_("ใช้งาน"), required=False, initial=True)

    def __init__(
        self,
        *args: Any,
        districts: list[tuple[str, str]],
        parents: Iterable[Agency],
        **kw: Any,
    ) -> None:
        super().__init__(*args, **kw)
        dc: Any = self.fields["district_code"]
        dc.choices = [("", _("หน่วยงานระดับจังหวัด"))] + [
            (code, _("อำเภอ: %(name)s") % {"name": name}) for code, name in districts
        ]
        pa: Any = self.fields["parent_id"]
        pa.choices = agency_choices(parents, blank=_("— ไม่ระบุ —"))


class MenuItemForm(forms.Form):
    name = forms.CharField(label=_("โครงการ/บริการ"), max_length=200)
    dimension = forms.ChoiceField(label=_("มิติ"))
    indicator = forms.TypedChoiceField(
        label=_("ตัวชี้วัด MPI"), coerce=int, required=False, empty_value=None
    )
    agency_id = forms.TypedChoiceField(label=_("หน่วยงาน"), coerce=int)
    qualifies = forms.CharField(label=_("ผู้มีสิทธิ์"), max_length=300, required=False)
    active = forms.BooleanField(label=_("ใช้งาน"), required=False, initial=True)

    def __init__(self, *args: Any, agencies: Iterable[Agency], **kw: Any) -> None:
        super().__init__(*args, **kw)
        names = dimension_names()
        dim: Any = self.fields["dimension"]
        dim.choices = [(d, names[d]) for d, _th in DIMENSION_CHOICES]
        ind: Any = self.fields["indicator"]
        ind.choices = mpi_indicator_choices()
        ag: Any = self.fields["agency_id"]
        ag.choices = agency_choices(agencies)
