"""Finding a household inside the officer's area (404 otherwise, never telling whether it
exists elsewhere), its address and the brief every household page shows at its top."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tpmap.accounts.scope import Scoped
from tpmap.logbook import selectors
from tpmap.logbook.services import HouseholdRef
from tpmap.site.decorators import warehouse_view
from tpmap.site.errors import add_to_form
from tpmap.site.forms import form_status
from tpmap.site.officers import Act, act_of
from tpmap.site.warehouse import Warehouse, get_warehouse


def household_or_404(
    request: HttpRequest, year: int, household_id: str
) -> tuple[Warehouse, HouseholdRef]:
    wh = get_warehouse()
    ref = selectors.household_locate(wh, request.user, year=year, household_id=household_id)
    if ref is None:
        raise Http404(_("ไม่พบครัวเรือนนี้ในพื้นที่ของท่าน"))
    return wh, ref


def household_url(ref: HouseholdRef, anchor: str = "") -> str:
    url = reverse("logbook:household", args=[ref.year, ref.household_id])
    return f"{url}#{anchor}" if anchor else url


def head(wh: Warehouse, ref: HouseholdRef) -> dict[str, Any]:
    brief = selectors.households_brief(wh, year=ref.year, household_ids=[ref.household_id])
    return {"brief": brief.get(ref.household_id, {})}


C = TypeVar("C")  # what the household has (its folder, mentor, pin)
F = TypeVar("F", bound=forms.BaseForm)
T = TypeVar("T")  # what a write returns


@dataclass(frozen=True)
class FormPage(Generic[C, F]):
    """A household's form page (folder, mentor, pin, a new record): what differs between
    them; finding the household, writing through the service and answering is
    ``household_form``, written once."""

    template: str
    anchor: str  # where on the household page to go back to once saved
    done: Any  # the message once saved (a text or a gettext_lazy one)
    current: Callable[[Scoped, HouseholdRef], C | None]  # what the household has, if any
    form: Callable[[HttpRequest, Warehouse, HouseholdRef, C | None], F]
    save: Callable[[Act, HouseholdRef, F], object]  # calls one service
    context: Callable[[Warehouse, HouseholdRef, C | None, F], dict[str, Any]] = lambda *_: {}


@require_http_methods(["GET", "POST"])
@warehouse_view
def household_form(
    request: HttpRequest, year: int, household_id: str, *, page: FormPage[Any, Any]
) -> HttpResponse:
    wh, ref = household_or_404(request, year, household_id)
    current = page.current(request.user, ref)
    form = page.form(request, wh, ref, current)
    save = lambda: page.save(act_of(request), ref, form)  # noqa: E731 - a callback
    saved = saved_or_none(request, form, save, done=page.done, to=household_url(ref, page.anchor))
    if saved is not None:
        return saved
    context = {"form": form, "ref": ref, **page.context(wh, ref, current, form), **head(wh, ref)}
    return render(request, page.template, context, status=form_status(form))


def saved_or_none(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[], T],
    *,
    done: Any,
    to: str | Callable[[T], str],
) -> HttpResponse | None:
    """The one way a form page writes (the Logbook's, routing's, the committees'): when the
    form is sent and parses, call the service (``save``); once it saved, say ``done`` (a
    message, or the saved object -> the message; None: nothing) and go to ``to`` (an
    address, or the saved object -> one); when it refused, its messages land on the form
    and the page is shown again (None)."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save()
        except ValidationError as e:
            add_to_form(form, e)
        else:
            message = done(saved) if callable(done) else done
            if message is not None:
                messages.success(request, message)
            return redirect(to(saved) if callable(to) else to)
    return None
