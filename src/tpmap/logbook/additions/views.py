"""F12: people the data missed (group 4): the proposal, the district's list and the
district chief's decision after the identity check."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tpmap.accounts.audit import client_ip
from tpmap.accounts.scope import scope_prefix
from tpmap.logbook import selectors, services
from tpmap.logbook.additions.forms import AdditionForm, DecisionForm
from tpmap.logbook.household.access import saved_or_none
from tpmap.logbook.models import Addition, AdditionStatus
from tpmap.site.decorators import warehouse_view
from tpmap.site.forms import form_status, input_from
from tpmap.site.officers import Act, act_of, officer_of
from tpmap.site.warehouse import get_warehouse
from tpmap.site.years import data_year

STATUSES = ("pending", "approved", "rejected", "all")


@require_http_methods(["GET"])
@warehouse_view
def addition_list(request: HttpRequest) -> HttpResponse:
    """The additions of the officer's area, pending first by default (the chief's list)."""
    status = request.GET.get("status", "pending")
    if status not in STATUSES:
        status = "pending"
    qs = selectors.visible_additions(request.user)
    if status != "all":
        qs = qs.filter(status=status)
    officer = officer_of(request)
    rows = [(a, services.may_decide(officer, a)) for a in qs.order_by("created_at", "id")[:500]]
    context = {"rows": rows, "status": status, "statuses": AdditionStatus.choices}
    return render(request, "logbook/additions.html", context)


@require_http_methods(["GET", "POST"])
@warehouse_view
def addition_new(request: HttpRequest) -> HttpResponse:
    wh = get_warehouse()
    officer = officer_of(request)
    year = data_year(request, wh.years)
    initial: dict[str, Any] = {"year": year}
    household_id = request.GET.get("household", "")
    if household_id:
        ref = selectors.household_locate(wh, officer, year=year, household_id=household_id)
        if ref is None:
            raise Http404(_("ไม่พบครัวเรือนนี้ในพื้นที่ของท่าน"))
        initial.update(household_id=ref.household_id, village_code=ref.village_code)
    village = request.GET.get("village", "")
    if village.isdigit():
        initial["village_code"] = village
    prefix = scope_prefix(officer)
    villages = None if prefix is None else selectors.villages_in(wh, area=prefix)
    form = AdditionForm(request.POST or None, initial=initial, years=wh.years, villages=villages)
    saved = saved_or_none(
        request,
        form,
        lambda: services.addition_create(
            Act(officer, ip=client_ip(request)),
            wh=wh,
            data=input_from(services.AdditionInput, form.cleaned_data),
        ),
        done=_("บันทึกการเพิ่มคนตกหล่นแล้ว รอนายอำเภออนุมัติ"),
        to=lambda addition: reverse("logbook:addition", args=[addition.pk]),
    )
    if saved is not None:
        return saved
    return render(request, "logbook/addition_new.html", {"form": form}, status=form_status(form))


@require_http_methods(["GET"])
@warehouse_view
def addition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    addition = get_object_or_404(selectors.visible_additions(request.user), pk=pk)
    officer = officer_of(request)
    decide = addition.status == AdditionStatus.PENDING and services.may_decide(officer, addition)
    context = {"a": addition, "form": DecisionForm() if decide else None}
    return render(request, "logbook/addition.html", context)


@require_POST
@warehouse_view
def addition_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision. An addition of another district answers 403 (the brief's rule: the
    chief of another district is refused, not told the record is missing)."""
    addition = get_object_or_404(Addition, pk=pk)
    form = DecisionForm(request.POST)
    saved = saved_or_none(
        request,
        form,
        lambda: services.addition_decide(
            act_of(request),
            addition=addition,
            data=input_from(services.DecisionInput, form.cleaned_data),
        ),
        done=lambda decided: (
            _("อนุมัติแล้ว") if decided.status == AdditionStatus.APPROVED else _("ไม่อนุมัติ")
        ),
        to=reverse("logbook:additions"),
    )
    if saved is not None:
        return saved
    context = {"a": addition, "form": form}
    return render(request, "logbook/addition.html", context, status=400)
