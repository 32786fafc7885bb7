"""F8 / F9: new, edit and delete of a household's records (problems, activities), written
once and driven by each kind's ``RecordKind`` (records/problems.py, records/activities.py).
Who may change a record is the services' rule (``services.require_editor``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tpmap.accounts.audit import client_ip
from tpmap.accounts.models import User
from tpmap.accounts.scope import Scoped
from tpmap.logbook import services
from tpmap.logbook.household.access import head, household_or_404, household_url, saved_or_none
from tpmap.logbook.models import Activity, Problem
from tpmap.logbook.services import HouseholdRef
from tpmap.site.decorators import warehouse_view
from tpmap.site.forms import form_status
from tpmap.site.officers import officer_of
from tpmap.site.warehouse import get_warehouse
from tpmap.warehouse.selectors import Warehouse

R = TypeVar("R", Problem, Activity)
StrOrPromise = Any  # a text or a gettext_lazy one (translated when shown)
I = TypeVar("I")  # noqa: E741 - the conventional name of an input type variable


@dataclass(frozen=True)
class RecordKind(Generic[R, I]):
    """What differs between the record kinds; everything else is the views below."""

    visible: Callable[[Scoped], QuerySet[R]]
    # (request, warehouse, household, initial) -> the kind's bound or blank form
    form: Callable[[HttpRequest, Warehouse, HouseholdRef, dict[str, Any]], forms.Form]
    to_input: Callable[[Any], I]  # cleaned form -> the service's input
    initial_of: Callable[[R], dict[str, Any]]  # a record -> its edit form's values
    create: Callable[..., R]  # services.<kind>_create(officer=, household=, data=, ip=)
    update: Callable[[User, R, I, str | None], R]
    delete: Callable[[User, R, str | None], None]
    new_title: StrOrPromise
    edit_title: StrOrPromise
    created: StrOrPromise  # the message once a new record is saved


def _ref(record: Problem | Activity) -> HouseholdRef:
    return HouseholdRef(record.year, record.household_id, record.village_code)


def _page(
    request: HttpRequest, form: forms.Form, wh: Warehouse, ref: HouseholdRef, title: Any
) -> HttpResponse:
    return render(
        request,
        "logbook/record_form.html",
        {"form": form, "ref": ref, "title": title, **head(wh, ref)},
        status=form_status(form),
    )


def new_initial(request: HttpRequest) -> dict[str, Any]:
    return services.record_defaults(officer_of(request))


@require_http_methods(["GET", "POST"])
@warehouse_view
def record_new(
    request: HttpRequest, year: int, household_id: str, *, kind: RecordKind[Any, Any]
) -> HttpResponse:
    wh, ref = household_or_404(request, year, household_id)
    form = kind.form(request, wh, ref, new_initial(request))
    saved = saved_or_none(
        request,
        form,
        lambda: kind.create(
            officer=officer_of(request),
            household=ref,
            data=kind.to_input(form),
            ip=client_ip(request),
        ),
        done=kind.created,
        to=household_url(ref, "timeline"),
    )
    if saved is not None:
        return saved
    return _page(request, form, wh, ref, kind.new_title)


def _editable_or_404(request: HttpRequest, kind: RecordKind[R, Any], pk: int) -> R:
    """A record the officer may change: inside their area (else 404) and one the
    services' ownership rule lets them edit (else 403)."""
    record = kind.visible(request.user).filter(pk=pk).first()
    if record is None:
        raise Http404
    services.require_editor(officer_of(request), record)
    return record


@require_http_methods(["GET", "POST"])
@warehouse_view
def record_edit(request: HttpRequest, pk: int, *, kind: RecordKind[Any, Any]) -> HttpResponse:
    record = _editable_or_404(request, kind, pk)
    wh = get_warehouse()
    ref = _ref(record)
    form = kind.form(request, wh, ref, kind.initial_of(record))
    saved = saved_or_none(
        request,
        form,
        lambda: kind.update(officer_of(request), record, kind.to_input(form), client_ip(request)),
        done=_("บันทึกการแก้ไขแล้ว"),
        to=household_url(ref, "timeline"),
    )
    if saved is not None:
        return saved
    return _page(request, form, wh, ref, kind.edit_title)


@require_POST
@login_required
def record_delete(request: HttpRequest, pk: int, *, kind: RecordKind[Any, Any]) -> HttpResponse:
    record = kind.visible(request.user).filter(pk=pk).first()
    if record is None:
        raise Http404
    kind.delete(officer_of(request), record, client_ip(request))
    messages.success(request, _("ลบรายการแล้ว"))
    return redirect(household_url(_ref(record), "timeline"))
