"""F6: the search form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tpmap.core.indicators import DIMENSION_NAMES_EN, DIMENSION_NAMES_TH, DIMENSIONS
from tpmap.site.privacy import MASKED_PATTERN, NID_PATTERN, mask_text

SORT_CHOICES = [
    ("failed", _("จำนวนตัวชี้วัดที่ตกเกณฑ์")),
    ("name", _("ชื่อหัวหน้าครัวเรือน")),
    ("house", _("บ้านเลขที่")),
    ("address", _("ที่อยู่")),
]


class SearchForm(forms.Form):
    year = forms.TypedChoiceField(label=_("ปีข้อมูล"), coerce=int, required=False)
    province = forms.CharField(required=False, max_length=2)
    district = forms.CharField(required=False, max_length=4)
    subdistrict = forms.CharField(required=False, max_length=6)
    village = forms.CharField(required=False, max_length=8)
    dimension = forms.ChoiceField(
        label=_("ดัชนี 5 มิติ"),
        required=False,
        choices=[("", _("ทุกมิติ"))] + [(d, DIMENSION_NAMES_TH[d]) for d in DIMENSIONS],
    )
    indicator = forms.TypedChoiceField(
        label=_("ตัวชี้วัด"), coerce=int, required=False, empty_value=None
    )
    group = forms.ChoiceField(label=_("กลุ่มเป้าหมาย"), required=False)
    status = forms.ChoiceField(
        label=_("ครัวเรือน"),
        required=False,
        choices=[("poor", _("ยากจนตามดัชนี MPI")), ("all", _("ทุกครัวเรือนที่สำรวจ"))],
    )
    q = forms.CharField(label=_("ชื่อหัวหน้าครัวเรือนหรือบ้านเลขที่"), required=False, max_length=100)
    sort = forms.ChoiceField(required=False, choices=SORT_CHOICES)
    dir = forms.ChoiceField(
        required=False, choices=[("desc", _("มากไปน้อย")), ("asc", _("น้อยไปมาก"))]
    )
    page = forms.IntegerField(required=False, min_value=1)
    per_page = forms.TypedChoiceField(
        label=_("แสดง"), coerce=int, required=False, choices=[(10, "10"), (20, "20"), (50, "50")]
    )

    def __init__(
        self,
        *args: Any,
        years: list[int],
        indicators: list[tuple[int, str]],
        groups: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._nid_typed = False
        q = str(self.data.get("q", "")) if self.is_bound else ""
        if NID_PATTERN.search(q) or MASKED_PATTERN.search(q):
            # A national ID typed by mistake is never shown back (box, errors, links); the
            # input middleware has usually masked it already, so the masked form counts.
            data = dict(self.data.items())
            data["q"] = mask_text(str(data["q"]))
            self.data = data
            self._nid_typed = True
        year: Any = self.fields["year"]
        year.choices = [(y, str(y)) for y in sorted(years, reverse=True)]
        ind: Any = self.fields["indicator"]
        ind.choices = [("", _("ทุกตัวชี้วัด"))] + [(n, f"{n}. {t}") for n, t in indicators]
        grp: Any = self.fields["group"]
        grp.choices = [("", _("ทุกกลุ่ม")), *groups]
        if translation.get_language() == "en":
            dim: Any = self.fields["dimension"]
            dim.choices = [("", _("ทุกมิติ")), *((d, DIMENSION_NAMES_EN[d]) for d in DIMENSIONS)]

    def clean_q(self) -> str:
        q = str(self.cleaned_data.get("q") or "")
        if self._nid_typed:
            raise forms.ValidationError(
                _(
                    "ช่องนี้ไม่รับเลขประจำตัวประชาชน (เพื่อคุ้มครองข้อมูลส่วนบุคคล) "
                    "กรุณาค้นด้วยชื่อหัวหน้าครัวเรือนหรือบ้านเลขที่"
                )
            )
        return q

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for key, width in (("province", 2), ("district", 4), ("subdistrict", 6), ("village", 8)):
            v = data.get(key) or ""
            if v and (len(v) != width or not v.isdigit()):
                self.add_error(key, _("รหัสพื้นที่ไม่ถูกต้อง"))
        return data

    def area(self) -> str:
        """The narrowest area chosen in the cascade ('' = none)."""
        d = self.cleaned_data
        for key, parent_width in (("village", 6), ("subdistrict", 4), ("district", 2)):
            v = d.get(key) or ""
            parent = (
                d.get(
                    {"village": "subdistrict", "subdistrict": "district", "district": "province"}[
                        key
                    ]
                )
                or ""
            )
            if v and (not parent or v[:parent_width] == parent):
                return str(v)
        return str(d.get("province") or "")
