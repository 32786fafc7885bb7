"""F14: the household's family folder (its classification) with its 5 photos."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tpmap.logbook import selectors, services
from tpmap.logbook.folder.forms import ClassificationForm
from tpmap.logbook.household.access import FormPage
from tpmap.logbook.models import FOLDER_PHOTO_KINDS, Classification, PhotoKind
from tpmap.logbook.services import HouseholdRef
from tpmap.site.forms import input_from
from tpmap.site.officers import Act
from tpmap.site.warehouse import Warehouse


def _form(
    request: HttpRequest, wh: Warehouse, ref: HouseholdRef, folder: Classification | None
) -> ClassificationForm:
    initial: dict[str, Any] = {"khok_nong_na_role": "none"}
    if folder is not None:
        initial = {f: getattr(folder, f) for f in services.FOLDER_FIELDS}
    return ClassificationForm(request.POST or None, request.FILES or None, initial=initial)


def _save(act: Act, ref: HouseholdRef, form: ClassificationForm) -> object:
    data = input_from(services.FolderInput, form.cleaned_data, photos=form.photos())
    return services.classification_save(act, household=ref, data=data)


def _context(
    wh: Warehouse, ref: HouseholdRef, folder: Classification | None, form: ClassificationForm
) -> dict[str, Any]:
    existing = {p.kind: p for p in folder.photos.all()} if folder else {}
    slots = [(form[f"photo_{k}"], existing.get(k), PhotoKind(k).label) for k in FOLDER_PHOTO_KINDS]
    return {"folder": folder, "photo_slots": slots}


SAVED = _("บันทึกแบบสรุปข้อมูลครัวเรือนแล้ว")
FOLDER = FormPage(
    "logbook/classify.html",
    "folder",
    SAVED,
    selectors.household_classification,
    _form,
    _save,
    _context,
)
