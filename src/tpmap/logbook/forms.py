"""Forms of the Logbook: parse what a person typed into a service's input; the rules
(dates, required texts, defaults) are the services'. Photos are decoded and cleaned here
so a bad photo is a form error and nothing is written."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from tpmap.accounts.models import User
from tpmap.core.geo import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN
from tpmap.core.indicators import DIMENSION_NAMES_EN, DIMENSION_NAMES_TH, DIMENSIONS, questionnaire
from tpmap.logbook.models import (
    COMMUNITY_FUNDS,
    DIMENSION_CHOICES,
    FOLDER_PHOTO_KINDS,
    HELP_KINDS,
    KHOK_NONG_NA_BUDGETS,
    KHOK_NONG_NA_ROLES,
    HouseholdType,
    PhotoKind,
    Pin,
    Problem,
    ProblemStatus,
    WantsHelp,
)
from tpmap.logbook.photos import (
    MAX_BYTES,
    MAX_PHOTOS_PER_RECORD,
    CleanPhoto,
    PhotoError,
    clean_photo,
    safe_name,
)
from tpmap.logbook.services import future_date_error
from tpmap.site.forms import DateInput
from tpmap.site.privacy import NID_PATTERN, mask_text

PHOTO_ACCEPT = "image/jpeg,image/png,image/webp"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Up to 5 photos, each checked by decoding it (see tpmap.logbook.photos)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": PHOTO_ACCEPT, "multiple": True})
        )
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[CleanPhoto]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_PHOTOS_PER_RECORD:
            raise forms.ValidationError(
                _("แนบรูปภาพได้ไม่เกิน %(n)s รูป") % {"n": MAX_PHOTOS_PER_RECORD}
            )
        return [_clean_upload(f) for f in files]


class PhotoField(forms.FileField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": PHOTO_ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> CleanPhoto | None:
        return _clean_upload(data) if data else None


def _clean_upload(f: UploadedFile[Any]) -> CleanPhoto:
    if f.size is not None and f.size > MAX_BYTES:
        raise forms.ValidationError(
            _("ไฟล์ %(name)s มีขนาด %(mb).1f MB เกิน 10 MB กรุณาย่อขนาดภาพ")
            % {"name": safe_name(f.name), "mb": f.size / 1024 / 1024}
        )
    try:
        return clean_photo(f.read(), f.name)
    except PhotoError as e:
        raise forms.ValidationError(str(e)) from None


def _today() -> date:
    return timezone.localdate()


class ProblemForm(forms.Form):
    title = forms.CharField(label=_("ปัญหา"), max_length=200)
    details = forms.CharField(
        label=_("รายละเอียดปัญหา"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    performer = forms.CharField(label=_("ผู้ดำเนินการ"), max_length=200)
    agency = forms.CharField(label=_("หน่วยงาน"), max_length=200)
    occurred_on = forms.DateField(label=_("วันที่"), widget=DateInput(), initial=_today)
    dimension = forms.ChoiceField(label=_("มิติปัญหา (ดัชนี 5 มิติ)"), required=False)
    # Not required: a form without it (an older page, a script) keeps the status it had.
    status = forms.ChoiceField(
        label=_("สถานะ"), choices=ProblemStatus.choices, initial=ProblemStatus.OPEN, required=False
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
        names = DIMENSION_NAMES_EN if translation.get_language() == "en" else DIMENSION_NAMES_TH
        dim: Any = self.fields["dimension"]
        dim.choices = [("", _("— ไม่ระบุ —"))] + [(d, names[d]) for d, _th in DIMENSION_CHOICES]

    def clean_occurred_on(self) -> date:
        # The service's rule, asked early so it shows beside the form's other mistakes.
        d: date = self.cleaned_data["occurred_on"]
        message = future_date_error(d)
        if message is not None:
            raise forms.ValidationError(message)
        return d


class MentorForm(forms.Form):
    """F16: a household's mentor, an account of the area or a name (a team, a civil
    servant without an account)."""

    user = forms.TypedChoiceField(
        label=_("บัญชีผู้ใช้ของพี่เลี้ยง"), coerce=int, required=False, empty_value=None
    )
    name = forms.CharField(
        label=_("ชื่อพี่เลี้ยงหรือทีม"),
        max_length=200,
        required=False,
        help_text=_("เว้นว่างได้เมื่อเลือกบัญชีผู้ใช้"),
    )
    agency = forms.CharField(label=_("หน่วยงาน"), max_length=200, required=False)
    assigned_on = forms.DateField(label=_("วันที่มอบหมาย"), widget=DateInput(), initial=_today)

    def __init__(self, *args: Any, accounts: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["user"]
        field.choices = [("", _("— ไม่มีบัญชี (ระบุชื่อ) —"))] + [
            (u.pk, f"{u.display_name} · {u.agency}" if u.agency else u.display_name)
            for u in accounts
        ]
        self._accounts = {u.pk: u for u in accounts}

    def account(self) -> User | None:
        pk = self.cleaned_data.get("user")
        return self._accounts.get(pk) if pk is not None else None


class ActivityForm(forms.Form):
    name = forms.CharField(label=_("ชื่อกิจกรรม"), max_length=200)
    details = forms.CharField(
        label=_("รายละเอียดกิจกรรม"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    performer = forms.CharField(label=_("ผู้ดำเนินการ"), max_length=200)
    agency = forms.CharField(label=_("หน่วยงาน"), max_length=200)
    start_on = forms.DateField(label=_("วันเริ่มต้น"), widget=DateInput(), initial=_today)
    end_on = forms.DateField(label=_("วันสิ้นสุด"), widget=DateInput(), required=False)
    indicator = forms.TypedChoiceField(
        label=_("ตัวชี้วัดตาม จปฐ."), coerce=int, required=False, empty_value=None
    )
    problem = forms.TypedChoiceField(
        label=_("แก้ปัญหา/ความต้องการ"), coerce=int, required=False, empty_value=None
    )
    photos = MultiplePhotoField(label=_("เพิ่มรูปภาพกิจกรรม"))

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

    def problem_object(self) -> Problem | None:
        pk = self.cleaned_data.get("problem")
        return self._problems.get(pk) if pk is not None else None


class ClassificationForm(forms.Form):
    household_type = forms.ChoiceField(
        label=_("ประเภทครัวเรือน"), choices=HouseholdType.choices, widget=forms.RadioSelect
    )
    household_type_other = forms.CharField(label=_("อื่น ๆ (ระบุ)"), max_length=200, required=False)
    wants_help = forms.ChoiceField(
        label=_("ครัวเรือนนี้มีความประสงค์รับการช่วยเหลือหรือไม่"),
        choices=WantsHelp.choices,
        widget=forms.RadioSelect,
    )
    help_kinds = forms.MultipleChoiceField(
        label=_("ความต้องการการช่วยเหลือของครัวเรือน"),
        choices=HELP_KINDS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    help_other = forms.CharField(label=_("ความต้องการอื่น ๆ (ระบุ)"), max_length=200, required=False)
    debt_cause = forms.CharField(label=_("สาเหตุของการเป็นหนี้"), max_length=300, required=False)
    occupational_skills = forms.CharField(
        label=_("ทักษะด้านอาชีพของคนในครัวเรือน"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    khok_nong_na_role = forms.ChoiceField(
        label=_("การมีส่วนร่วมในโครงการ โคก หนอง นา โมเดล"),
        choices=KHOK_NONG_NA_ROLES,
        widget=forms.RadioSelect,
        initial="none",
    )
    khok_nong_na_budgets = forms.MultipleChoiceField(
        label=_("แหล่งงบประมาณ (เจ้าของแปลง)"),
        choices=KHOK_NONG_NA_BUDGETS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    community_funds = forms.MultipleChoiceField(
        label=_("แหล่งทุนภายในชุมชนที่เข้าถึงได้ (ตอบได้มากกว่า 1 ตัวเลือก)"),
        choices=COMMUNITY_FUNDS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    community_funds_other = forms.CharField(
        label=_("แหล่งทุนอื่น ๆ (ระบุ)"), max_length=200, required=False
    )
    photo_head = PhotoField(label=PhotoKind.HEAD.label)
    photo_members = PhotoField(label=PhotoKind.MEMBERS.label)
    photo_house = PhotoField(label=PhotoKind.HOUSE.label)
    photo_surroundings_1 = PhotoField(label=PhotoKind.SURROUNDINGS_1.label)
    photo_surroundings_2 = PhotoField(label=PhotoKind.SURROUNDINGS_2.label)

    def photos(self) -> dict[str, CleanPhoto]:
        return {
            k: self.cleaned_data[f"photo_{k}"]
            for k in FOLDER_PHOTO_KINDS
            if self.cleaned_data.get(f"photo_{k}")
        }


class PinForm(forms.Form):
    latitude = forms.DecimalField(
        label=_("ละติจูด"), max_digits=9, decimal_places=6, min_value=LAT_MIN, max_value=LAT_MAX
    )
    longitude = forms.DecimalField(
        label=_("ลองจิจูด"), max_digits=9, decimal_places=6, min_value=LON_MIN, max_value=LON_MAX
    )
    source = forms.ChoiceField(choices=Pin.Source.choices, initial="map", widget=forms.HiddenInput)
    accuracy_m = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)

    def clean_latitude(self) -> Any:
        return self._round("latitude")

    def clean_longitude(self) -> Any:
        return self._round("longitude")

    def _round(self, name: str) -> Any:
        value = self.cleaned_data[name]
        return value.quantize(type(value)("0.000001"))

    def full_clean(self) -> None:
        # Phones give 15 decimals: round before the max_digits check.
        if self.data:
            data = self.data.copy()  # type: ignore[attr-defined]
            for k in ("latitude", "longitude"):
                raw = str(data.get(k, "")).strip()
                with contextlib.suppress(ValueError):
                    data[k] = f"{float(raw):.6f}" if raw else raw
            if data.get("accuracy_m"):
                with contextlib.suppress(ValueError):
                    data["accuracy_m"] = str(round(float(data["accuracy_m"])))
            self.data = data
        super().full_clean()


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
        if self.is_bound and NID_PATTERN.search(str(self.data.get("q", ""))):
            # A national ID typed by mistake is never shown back (box, errors, links).
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
