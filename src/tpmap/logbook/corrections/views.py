"""F13: a visit's outcome for a household or a member (found as surveyed, or a
correction), and its reversal."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from tpmap.accounts.scope import Scoped
from tpmap.logbook import selectors, services
from tpmap.logbook.corrections.forms import CorrectionForm, ReverseForm
from tpmap.logbook.household.access import FormPage, household_url, saved_or_none
from tpmap.logbook.services import HouseholdRef
from tpmap.site.decorators import warehouse_view
from tpmap.site.forms import form_status, input_from
from tpmap.site.officers import Act, act_of
from tpmap.site.warehouse import Warehouse, get_warehouse


def _none(user: Scoped, ref: HouseholdRef) -> None:
    return None


def _form(request: HttpRequest, wh: Warehouse, ref: HouseholdRef, _now: None) -> CorrectionForm:
    initial: dict[str, Any] = {}
    member = request.GET.get("member", "")
    if member.isdigit():
        initial["member_no"] = int(member)
    return CorrectionForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        members=services.household_members(wh, ref),
    )


def _context(wh: Warehouse, ref: HouseholdRef, _now: None, form: CorrectionForm) -> dict[str, Any]:
    return {}


def _save(act: Act, ref: HouseholdRef, form: CorrectionForm) -> object:
    data = input_from(services.CorrectionInput, form.cleaned_data)
    return services.correction_create(act, wh=get_warehouse(), household=ref, data=data)


SAVED = gettext_lazy("บันทึกผลการเยี่ยมบ้านแล้ว")
CORRECTION = FormPage("logbook/correction.html", "visits", SAVED, _none, _form, _save, _context)


@require_http_methods(["GET", "POST"])
@login_required
@warehouse_view
def correction_reverse(request: HttpRequest, pk: int) -> HttpResponse:
    correction = get_object_or_404(selectors.visible_corrections(request.user), pk=pk)
    ref = HouseholdRef(correction.year, correction.household_id, correction.village_code)
    form = ReverseForm(request.POST or None)
    save = lambda: services.correction_reverse(  # noqa: E731 - a callback
        act_of(request),
        wh=get_warehouse(),
        correction=correction,
        reason=form.cleaned_data["reason"],
    )
    done = gettext_lazy("ยกเลิกผลการเยี่ยมบ้านแล้ว")
    saved = saved_or_none(request, form, save, done=done, to=household_url(ref, "visits"))
    if saved is not None:
        return saved
    context = {"form": form, "correction": correction, "ref": ref}
    return render(request, "logbook/correction_reverse.html", context, status=form_status(form))
