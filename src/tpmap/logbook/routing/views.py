"""Routing pages (F18): a problem's routing (proposal, assignment, escalation, progress and
history), the province's agency catalogue and its solution menu. The rules are the
services'; a problem outside the officer's area is a 404, an action their role may not
take a 403."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tpmap.accounts.audit import client_ip
from tpmap.core import areas
from tpmap.logbook import selectors as logbook_selectors
from tpmap.logbook.household.access import saved_or_none
from tpmap.logbook.models import Agency, AgencyLevel, MenuItem, Problem, ProblemStatus
from tpmap.logbook.routing import selectors, services
from tpmap.logbook.routing.forms import (
    AgencyForm,
    AssignmentForm,
    EscalationForm,
    MenuItemForm,
    StatusForm,
)
from tpmap.site.decorators import warehouse_view
from tpmap.site.forms import form_status, input_from
from tpmap.site.officers import officer_of
from tpmap.site.warehouse import get_warehouse


# -- a problem's routing -----------------------------------------------------------------------
def _problem(request: HttpRequest, pk: int) -> Problem:
    return get_object_or_404(logbook_selectors.visible_problems(request.user), pk=pk)


def _routing_page(
    request: HttpRequest, problem: Problem, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    officer = officer_of(request)
    bound = bound or {}
    wh = get_warehouse()
    proposal = selectors.proposal(
        problem, wh.questionnaire(problem.year), wh.mpi_mapping(problem.year)
    )
    province = selectors.province_of(problem.village_code)
    assign = escalate = status = None
    if services.may_assign(officer, problem) and problem.status != ProblemStatus.RESOLVED:
        agencies = selectors.agencies_for(problem.village_code)
        menu = list(selectors.province_menu(province))
        items = proposal.items + [m for m in menu if m not in proposal.items]
        initial: dict[str, Any] = {
            "agency_id": proposal.agency.pk if proposal.agency else None,
            "menu_item_id": proposal.items[0].pk if proposal.items else None,
        }
        assign = bound.get("assign") or AssignmentForm(
            initial=initial, agencies=agencies, items=items
        )
    if services.may_escalate(officer, problem) and problem.status in services.ESCALABLE:
        escalate = bound.get("escalate") or EscalationForm()
    if services.may_set_status(officer, problem) and problem.status != ProblemStatus.RESOLVED:
        status = bound.get("status") or StatusForm()
    context = {
        "p": problem,
        "proposal": proposal,
        "events": selectors.problem_events(problem),
        "assign": assign,
        "escalate": escalate,
        "status_form": status,
    }
    code = 400 if any(f.is_bound and f.errors for f in bound.values()) else 200
    return render(request, "logbook/routing/problem.html", context, status=code)


@require_http_methods(["GET"])
@warehouse_view
def problem_routing(request: HttpRequest, pk: int) -> HttpResponse:
    return _routing_page(request, _problem(request, pk))


def _post(
    request: HttpRequest, pk: int, name: str, form: forms.Form, save: Any, done: str
) -> HttpResponse:
    problem = _problem(request, pk)
    saved = saved_or_none(
        request,
        form,
        lambda: save(officer_of(request), problem, form.cleaned_data),
        done=done,
        to=reverse("logbook:problem_routing", args=[problem.pk]),
    )
    if saved is not None:
        return saved
    problem.refresh_from_db()
    return _routing_page(request, problem, {name: form})


@require_POST
@warehouse_view
def problem_assign(request: HttpRequest, pk: int) -> HttpResponse:
    problem = _problem(request, pk)
    if not services.may_assign(officer_of(request), problem):
        raise PermissionDenied
    menu = selectors.province_menu(selectors.province_of(problem.village_code))
    form = AssignmentForm(
        request.POST, agencies=selectors.agencies_for(problem.village_code), items=menu
    )

    def save(officer: Any, p: Problem, data: dict[str, Any]) -> None:
        services.problem_assign(
            officer=officer,
            problem=p,
            data=input_from(services.AssignmentInput, data),
            ip=client_ip(request),
        )

    return _post(request, pk, "assign", form, save, _("มอบหมายหน่วยงานแล้ว"))


@require_POST
@warehouse_view
def problem_escalate(request: HttpRequest, pk: int) -> HttpResponse:
    def save(officer: Any, p: Problem, data: dict[str, Any]) -> None:
        services.problem_escalate(
            officer=officer,
            problem=p,
            data=input_from(services.EscalationInput, data),
            ip=client_ip(request),
        )

    form = EscalationForm(request.POST)
    return _post(request, pk, "escalate", form, save, _("ส่งต่อจังหวัดแล้ว"))


@require_POST
@warehouse_view
def problem_status(request: HttpRequest, pk: int) -> HttpResponse:
    def save(officer: Any, p: Problem, data: dict[str, Any]) -> None:
        services.problem_set_status(
            officer=officer,
            problem=p,
            data=input_from(services.StatusInput, data),
            ip=client_ip(request),
        )

    form = StatusForm(request.POST)
    return _post(request, pk, "status", form, save, _("บันทึกสถานะแล้ว"))


@require_http_methods(["GET"])
@login_required
def routed_list(request: HttpRequest) -> HttpResponse:
    """The area's problems escalated to the province (the governor's list), assigned, or
    past their due date, each linked to its routing page."""
    which = request.GET.get("list", "escalated")
    if which not in selectors.ROUTED_LISTS:
        which = "escalated"
    visible = logbook_selectors.visible_problems(request.user)
    rows = selectors.routed_problems(visible, which, timezone.localdate())
    context = {"rows": rows[:500], "total": rows.count(), "which": which}
    return render(request, "logbook/routing/routed.html", context)


# -- the province's catalogue and menu -----------------------------------------------------
def _province(request: HttpRequest) -> str:
    """The province whose catalogue and menu the page shows: the officer's own, or (the
    national administrator) the one asked with ``?province=``."""
    officer = officer_of(request)
    if officer.area_code == areas.COUNTRY_CODE:
        asked = request.GET.get("province", "")
        if len(asked) == 2 and areas.admin_area(asked) is not None:
            return asked
        return ""
    return officer.area_code[: areas.CODE_LENGTH["province"]]


def _districts(province: str) -> list[tuple[str, str]]:
    return [(a.code, a.name_th) for a in areas.children(province)] if province else []


def _parents() -> Any:
    return Agency.objects.filter(
        active=True, level__in=[AgencyLevel.MINISTRY, AgencyLevel.DEPARTMENT]
    ).select_related("parent")


def _agency_form(request: HttpRequest, province: str, **kw: Any) -> AgencyForm:
    return AgencyForm(
        request.POST if request.method == "POST" else None,
        districts=_districts(province),
        parents=_parents(),
        **kw,
    )


@require_http_methods(["GET", "POST"])
@login_required
def agencies(request: HttpRequest) -> HttpResponse:
    """The catalogue as the province sees it; its administrator adds offices here."""
    officer = officer_of(request)
    province = _province(request)
    keeper = bool(province) and services.keeps_catalogue(officer, province)
    if request.method == "POST" and not keeper:
        raise PermissionDenied
    form = _agency_form(request, province) if keeper else None
    if form is not None:
        saved = saved_or_none(
            request,
            form,
            lambda: services.agency_save(
                officer=officer,
                data=input_from(services.AgencyInput, form.cleaned_data, province_code=province),
                ip=client_ip(request),
            ),
            done=_("เพิ่มหน่วยงานแล้ว"),
            to=reverse("logbook:agencies") + _query(province, officer.area_code),
        )
        if saved is not None:
            return saved
    rows = Agency.objects.select_related("parent").order_by("level", "name", "id")
    local = rows.filter(province_code=province) if province else rows.none()
    context = {
        "province": province,
        "province_name": areas.admin_area(province).name_th if province else "",  # type: ignore[union-attr]
        "local": local,
        "national": rows.filter(province_code="", district_code="").exclude(
            level=AgencyLevel.OTHER
        ),
        "old_text": rows.filter(level=AgencyLevel.OTHER),
        "form": form,
        "keeper": keeper,
        "query": _query(province, officer.area_code),
    }
    return render(
        request, "logbook/routing/agencies.html", context, status=form_status(form) if form else 200
    )


def _query(province: str, own: str) -> str:
    return f"?province={province}" if own == areas.COUNTRY_CODE and province else ""


@require_http_methods(["GET", "POST"])
@login_required
def agency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    officer = officer_of(request)
    agency = get_object_or_404(Agency.objects.exclude(province_code=""), pk=pk)
    if not services.keeps_catalogue(officer, agency.province_code):
        raise PermissionDenied
    initial = {f: getattr(agency, f) for f in ("name", "district_code", "parent_id", "active")}
    form = _agency_form(request, agency.province_code, initial=initial)
    saved = saved_or_none(
        request,
        form,
        lambda: services.agency_save(
            officer=officer,
            agency=agency,
            data=input_from(
                services.AgencyInput, form.cleaned_data, province_code=agency.province_code
            ),
            ip=client_ip(request),
        ),
        done=_("บันทึกหน่วยงานแล้ว"),
        to=reverse("logbook:agencies") + _query(agency.province_code, officer.area_code),
    )
    if saved is not None:
        return saved
    context = {"agency": agency, "form": form}
    return render(request, "logbook/routing/agency_edit.html", context, status=form_status(form))


# A menu item's fields its edit form shows.
_MENU_FIELDS = ("name", "dimension", "indicator", "agency_id", "qualifies", "active")


def _menu_form(request: HttpRequest, province: str, **kw: Any) -> MenuItemForm:
    return MenuItemForm(
        request.POST if request.method == "POST" else None,
        agencies=selectors.agencies_for(province),
        **kw,
    )


@require_http_methods(["GET", "POST"])
@login_required
def menu(request: HttpRequest) -> HttpResponse:
    """The province's solution menu (the default until its administrator changes it)."""
    officer = officer_of(request)
    province = _province(request)
    keeper = bool(province) and services.keeps_catalogue(officer, province)
    if request.method == "POST" and not keeper:
        raise PermissionDenied
    form = _menu_form(request, province) if keeper else None
    if form is not None:
        saved = saved_or_none(
            request,
            form,
            lambda: services.menu_item_save(
                officer=officer,
                data=input_from(services.MenuItemInput, form.cleaned_data, province_code=province),
                ip=client_ip(request),
            ),
            done=_("เพิ่มรายการในเมนูแก้จนแล้ว"),
            to=reverse("logbook:menu") + _query(province, officer.area_code),
        )
        if saved is not None:
            return saved
    items = selectors.province_menu(province, active_only=False)
    context = {
        "province": province,
        "own": MenuItem.objects.filter(province_code=province).exists() if province else False,
        "items": items,
        "form": form,
        "keeper": keeper,
        "query": _query(province, officer.area_code),
    }
    return render(
        request, "logbook/routing/menu.html", context, status=form_status(form) if form else 200
    )


@require_http_methods(["GET", "POST"])
@login_required
def menu_edit(request: HttpRequest, pk: int) -> HttpResponse:
    officer = officer_of(request)
    item = get_object_or_404(MenuItem.objects.select_related("agency"), pk=pk)
    province = item.province_code or _province(request)
    if not province or not services.keeps_catalogue(officer, province):
        raise PermissionDenied
    initial = {f: getattr(item, f) for f in _MENU_FIELDS}
    form = _menu_form(request, province, initial=initial)
    saved = saved_or_none(
        request,
        form,
        lambda: services.menu_item_save(
            officer=officer,
            item=item,
            data=input_from(services.MenuItemInput, form.cleaned_data, province_code=province),
            ip=client_ip(request),
        ),
        done=_("บันทึกรายการในเมนูแก้จนแล้ว"),
        to=reverse("logbook:menu") + _query(province, officer.area_code),
    )
    if saved is not None:
        return saved
    context = {"item": item, "form": form}
    return render(request, "logbook/routing/menu_edit.html", context, status=form_status(form))
