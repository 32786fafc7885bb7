"""Form fields every Logbook form shares. Forms parse what a person typed into a service's
input; the rules (dates, required texts, defaults) are the services'. Photos are decoded
and cleaned here so a bad photo is a form error and nothing is written."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tpmap.logbook.photos import (
    MAX_BYTES,
    MAX_PHOTOS_PER_RECORD,
    CleanPhoto,
    PhotoError,
    clean_photo,
    safe_name,
)
from tpmap.site.forms import DateInput

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

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


def today() -> date:
    return timezone.localdate()


class RecordedDayField(forms.DateField):
    """The day a visit or a problem happened, today to start with: the service's rule "not
    in the future" (``future_date_error``) is asked here too, so it shows beside the form's
    other mistakes."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", DateInput())
        kwargs.setdefault("initial", today)
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        from tpmap.logbook.services import future_date_error

        super().validate(value)
        message = future_date_error(value)
        if message is not None:
            raise forms.ValidationError(message)


def details_field(label: _StrOrPromise) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": 3}), required=False)


class RecordForm(forms.Form):
    """What a problem's and an activity's forms share: who did it and for which agency
    (the services default both to the officer; the page starts with them filled in).
    The agency is chosen from the catalogue (routing, F18), never typed: ``agency`` only
    carries a record's old text the catalogue does not know, kept when none is chosen."""

    performer = forms.CharField(label=_("ผู้ดำเนินการ"), max_length=200)
    agency_id = forms.TypedChoiceField(
        label=_("หน่วยงาน"), coerce=int, required=False, empty_value=None
    )
    agency = forms.CharField(max_length=200, required=False, widget=forms.HiddenInput)

    def set_agencies(self, village_code: str) -> None:
        """The catalogue's agencies for the household's area; the initial text matched."""
        from tpmap.logbook.routing import selectors as routing
        from tpmap.logbook.routing.forms import agency_choices

        field: Any = self.fields["agency_id"]
        field.choices = agency_choices(
            routing.agencies_for(village_code), blank=_("— หน่วยงานของผู้บันทึก —")
        )
        if self.initial.get("agency_id") is None and self.initial.get("agency"):
            match = routing.agency_match(str(self.initial["agency"]), village_code)
            if match is not None and routing.agency_usable(match, village_code):
                self.initial["agency_id"] = match.pk
