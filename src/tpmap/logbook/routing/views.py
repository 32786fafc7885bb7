"""Routing pages (F18): a problem's routing (proposal, assignment, escalation, progress and
history), the province's agency catalogue and its solution menu. The rules are the
services'; a problem outside the officer's area is a 404, an action their role may not
take a 403."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
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
from tpmap.site.officers import Act, act_of, officer_of
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


def _write_view(
    name: str,
    form_of: Callable[[HttpRequest, Problem], forms.Form],
    write: Callable[..., object],
    data: type[Any],
    done: Any,
) -> Callable[[HttpRequest, int], HttpResponseBase]:
    """The view of a routing write to a problem: the form ``name`` (``form_of``: bound to
    the request, for the problem; it raises PermissionDenied when the role may not act)
    given to the service ``write`` as its input ``data``; the routing page again, with the
    form, when the write is refused."""

    @require_POST
    @warehouse_view
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        problem = _problem(request, pk)
        form = form_of(request, problem)
        saved = saved_or_none(
            request,
            form,
            lambda: write(
                act_of(request), problem=problem, data=input_from(data, form.cleaned_data)
            ),
            done=str(done),
            to=reverse("logbook:problem_routing", args=[problem.pk]),
        )
        if saved is not None:
            return saved
        problem.refresh_from_db()
        return _routing_page(request, problem, {name: form})

    view.__name__ = view.__qualname__ = f"problem_{name}"  # in logs and tracebacks
    return view


def _assignment_form(request: HttpRequest, problem: Problem) -> forms.Form:
    if not services.may_assign(officer_of(request), problem):
        raise PermissionDenied
    menu = selectors.province_menu(selectors.province_of(problem.village_code))
    return AssignmentForm(
        request.POST, agencies=selectors.agencies_for(problem.village_code), items=menu
    )


problem_assign = _write_view(
    "assign",
    _assignment_form,
    services.problem_assign,
    services.AssignmentInput,
    gettext_lazy("มอบหมายหน่วยงานแล้ว"),
)
problem_escalate = _write_view(
    "escalate",
    lambda request, problem: EscalationForm(request.POST),
    services.problem_escalate,
    services.EscalationInput,
    gettext_lazy("ส่งต่อจังหวัดแล้ว"),
)
problem_status = _write_view(
    "status",
    lambda request, problem: StatusForm(request.POST),
    services.problem_set_status,
    services.StatusInput,
    gettext_lazy("บันทึกสถานะแล้ว"),
)


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


# A menu item's fields its edit form shows.
_MENU_FIELDS = ("name", "dimension", "indicator", "agency_id", "qualifies", "active")


def _menu_form(request: HttpRequest, province: str, **kw: Any) -> MenuItemForm:
    return MenuItemForm(
        request.POST if request.method == "POST" else None,
        agencies=selectors.agencies_for(province),
        **kw,
    )


def _query(province: str, own: str) -> str:
    return f"?province={province}" if own == areas.COUNTRY_CODE and province else ""


@dataclass(frozen=True)
class _Catalogue:
    """One of a province's catalogues (its offices, its solution menu): its page, the
    form and the write of a row, and what the pages say once one is saved."""

    page: str  # the URL name of the catalogue's page
    template: str
    edit_template: str
    form: Callable[..., forms.Form]  # (request, province, **form kwargs)
    write: Callable[..., object]  # services.<row>_save(act, data=, <row>=)
    data: type[Any]  # the write's input
    added: Any  # the message once a new row is saved
    changed: Any  # once a row is changed

    def save(
        self, request: HttpRequest, form: forms.Form, province: str, done: Any, **row: Any
    ) -> HttpResponse | None:
        """Write the form's row of ``province`` (a new one, else ``row``: the one given)."""
        officer = officer_of(request)
        return saved_or_none(
            request,
            form,
            lambda: self.write(
                Act(officer, ip=client_ip(request)),
                data=input_from(self.data, form.cleaned_data, province_code=province),
                **row,
            ),
            done=done,
            to=reverse(self.page) + _query(province, officer.area_code),
        )

    def page_view(
        self, request: HttpRequest, context: Callable[[str], dict[str, Any]]
    ) -> HttpResponse:
        """The catalogue as the province sees it (``context``: its rows); its keeper (the
        province's administrator) adds a row here."""
        officer = officer_of(request)
        province = _province(request)
        keeper = bool(province) and services.keeps_catalogue(officer, province)
        if request.method == "POST" and not keeper:
            raise PermissionDenied
        form = self.form(request, province) if keeper else None
        if form is not None:
            saved = self.save(request, form, province, self.added)
            if saved is not None:
                return saved
        page = {
            "province": province,
            "form": form,
            "keeper": keeper,
            "query": _query(province, officer.area_code),
            **context(province),
        }
        status = form_status(form) if form else 200
        return render(request, self.template, page, status=status)

    def edit_view(
        self, request: HttpRequest, province: str, initial: dict[str, Any], **row: Any
    ) -> HttpResponse:
        """The page changing ``row`` (a row of ``province``): its keeper's only."""
        if not province or not services.keeps_catalogue(officer_of(request), province):
            raise PermissionDenied
        form = self.form(request, province, initial=initial)
        saved = self.save(request, form, province, self.changed, **row)
        if saved is not None:
            return saved
        return render(request, self.edit_template, {**row, "form": form}, status=form_status(form))


AGENCIES = _Catalogue(
    page="logbook:agencies",
    template="logbook/routing/agencies.html",
    edit_template="logbook/routing/agency_edit.html",
    form=_agency_form,
    write=services.agency_save,
    data=services.AgencyInput,
    added=gettext_lazy("เพิ่มหน่วยงานแล้ว"),
    changed=gettext_lazy("บันทึกหน่วยงานแล้ว"),
)
MENU = _Catalogue(
    page="logbook:menu",
    template="logbook/routing/menu.html",
    edit_template="logbook/routing/menu_edit.html",
    form=_menu_form,
    write=services.menu_item_save,
    data=services.MenuItemInput,
    added=gettext_lazy("เพิ่มรายการในเมนูแก้จนแล้ว"),
    changed=gettext_lazy("บันทึกรายการในเมนูแก้จนแล้ว"),
)


def _agencies(province: str) -> dict[str, Any]:
    rows = Agency.objects.select_related("parent").order_by("level", "name", "id")
    area = areas.admin_area(province) if province else None
    return {
        "province_name": area.name_th if area else "",
        "local": rows.filter(province_code=province) if province else rows.none(),
        "national": rows.filter(province_code="", district_code="").exclude(
            level=AgencyLevel.OTHER
        ),
        "old_text": rows.filter(level=AgencyLevel.OTHER),
    }


@require_http_methods(["GET", "POST"])
@login_required
def agencies(request: HttpRequest) -> HttpResponse:
    """The catalogue as the province sees it; its administrator adds offices here."""
    return AGENCIES.page_view(request, _agencies)


@require_http_methods(["GET", "POST"])
@login_required
def agency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency.objects.exclude(province_code=""), pk=pk)
    initial = {f: getattr(agency, f) for f in ("name", "district_code", "parent_id", "active")}
    return AGENCIES.edit_view(request, agency.province_code, initial, agency=agency)


def _menu(province: str) -> dict[str, Any]:
    return {
        "own": MenuItem.objects.filter(province_code=province).exists() if province else False,
        "items": selectors.province_menu(province, active_only=False),
    }


@require_http_methods(["GET", "POST"])
@login_required
def menu(request: HttpRequest) -> HttpResponse:
    """The province's solution menu (the default until its administrator changes it)."""
    return MENU.page_view(request, _menu)


@require_http_methods(["GET", "POST"])
@login_required
def menu_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(MenuItem.objects.select_related("agency"), pk=pk)
    province = item.province_code or _province(request)
    initial = {f: getattr(item, f) for f in _MENU_FIELDS}
    return MENU.edit_view(request, province, initial, item=item)
