"""F14: the household's family folder (its classification) with its 5 photos."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tpmap.accounts.audit import client_ip
from tpmap.logbook import selectors, services
from tpmap.logbook.folder.forms import ClassificationForm
from tpmap.logbook.household.access import head, household_or_404, household_url, saved_or_none
from tpmap.logbook.models import FOLDER_PHOTO_KINDS, PhotoKind
from tpmap.site.decorators import warehouse_view
from tpmap.site.forms import form_status, input_from
from tpmap.site.officers import officer_of


# -- F14 family folder --------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
@warehouse_view
def classify(request: HttpRequest, year: int, household_id: str) -> HttpResponse:
    wh, ref = household_or_404(request, year, household_id)
    folder = selectors.household_classification(request.user, ref)
    initial: dict[str, Any] = {"khok_nong_na_role": "none"}
    if folder is not None:
        initial = {f: getattr(folder, f) for f in services.FOLDER_FIELDS}
    form = ClassificationForm(request.POST or None, request.FILES or None, initial=initial)
    saved = saved_or_none(
        request,
        form,
        lambda: services.classification_save(
            officer=officer_of(request),
            household=ref,
            data=input_from(services.FolderInput, form.cleaned_data, photos=form.photos()),
            ip=client_ip(request),
        ),
        done=_("บันทึกแบบสรุปข้อมูลครัวเรือนแล้ว"),
        to=household_url(ref, "folder"),
    )
    if saved is not None:
        return saved
    existing = {p.kind: p for p in folder.photos.all()} if folder else {}
    photo_slots = [
        (form[f"photo_{k}"], existing.get(k), PhotoKind(k).label) for k in FOLDER_PHOTO_KINDS
    ]
    return render(
        request,
        "logbook/classify.html",
        {"form": form, "ref": ref, "folder": folder, "photo_slots": photo_slots, **head(wh, ref)},
        status=form_status(form),
    )
