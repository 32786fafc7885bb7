"""F8 / F9: new, edit and delete of a household's records (problems, activities), written
once and driven by each kind's ``RecordKind`` (records/problems.py, records/activities.py).
Who may change a record is the services' rule (``services.require_editor``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Generic, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tpmap.accounts.scope import Scoped
from tpmap.logbook import services
from tpmap.logbook.household.access import FormPage, head, household_url, saved_or_none
from tpmap.logbook.models import Activity, Problem, Visit
from tpmap.logbook.services import HouseholdRef
from tpmap.site.decorators import warehouse_view
from tpmap.site.forms import form_status
from tpmap.site.officers import Act, act_of, officer_of
from tpmap.site.warehouse import Warehouse, get_warehouse

R = TypeVar("R", Problem, Activity, Visit)
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
    # The module of the kind's writes, named after it: <name>_create(act, household=, data=),
    # <name>_update(act, <name>=, data=), <name>_delete(act, <name>=).
    writes: ModuleType
    name: str
    new_title: StrOrPromise
    edit_title: StrOrPromise
    created: StrOrPromise  # the message once a new record is saved
    anchor: str = "timeline"  # where on the household page the records are listed

    def create(self, act: Act, ref: HouseholdRef, data: I) -> R:
        write = getattr(self.writes, f"{self.name}_create")
        return write(act, household=ref, data=data)  # type: ignore[no-any-return]

    def update(self, act: Act, record: R, data: I) -> R:
        write = getattr(self.writes, f"{self.name}_update")
        return write(act, **{self.name: record}, data=data)  # type: ignore[no-any-return]

    def delete(self, act: Act, record: R) -> None:
        getattr(self.writes, f"{self.name}_delete")(act, **{self.name: record})


def _ref(record: Problem | Activity | Visit) -> HouseholdRef:
    return HouseholdRef(record.year, record.household_id, record.village_code)


def new_page(kind: RecordKind[Any, Any]) -> FormPage[None, forms.Form]:
    """The page adding a record of ``kind`` to a household."""

    def form(request: HttpRequest, wh: Warehouse, ref: HouseholdRef, _: None) -> forms.Form:
        return kind.form(request, wh, ref, services.record_defaults(officer_of(request)))

    def save(act: Act, ref: HouseholdRef, form: forms.Form) -> object:
        return kind.create(act, ref, kind.to_input(form))

    return FormPage(
        template="logbook/record_form.html",
        anchor=kind.anchor,
        done=kind.created,
        current=lambda viewer, ref: None,
        form=form,
        save=save,
        context=lambda wh, ref, _, form: {"title": kind.new_title},
    )


def _editable_or_404(request: HttpRequest, kind: RecordKind[R, Any], pk: int) -> R:
    """A record the officer may change: inside their area (else 404) and one the
    services' ownership rule lets them edit (else 403)."""
    record = get_object_or_404(kind.visible(request.user), pk=pk)
    services.require_editor(officer_of(request), record)
    return record


@require_http_methods(["GET", "POST"])
@warehouse_view
def record_edit(request: HttpRequest, pk: int, *, kind: RecordKind[Any, Any]) -> HttpResponse:
    record = _editable_or_404(request, kind, pk)
    wh = get_warehouse()
    ref = _ref(record)
    form = kind.form(request, wh, ref, kind.initial_of(record))
    save = lambda: kind.update(act_of(request), record, kind.to_input(form))  # noqa: E731 - a callback
    done, to = _("บันทึกการแก้ไขแล้ว"), household_url(ref, kind.anchor)
    return saved_or_none(request, form, save, done=done, to=to) or render(
        request,
        "logbook/record_form.html",
        {"form": form, "ref": ref, "title": kind.edit_title, **head(wh, ref)},
        status=form_status(form),
    )


@require_POST
@login_required
def record_delete(request: HttpRequest, pk: int, *, kind: RecordKind[Any, Any]) -> HttpResponse:
    record = get_object_or_404(kind.visible(request.user), pk=pk)
    kind.delete(act_of(request), record)
    messages.success(request, _("ลบรายการแล้ว"))
    return redirect(household_url(_ref(record), kind.anchor))
