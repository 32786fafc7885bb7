"""F17: the household development plan's pages: the goal, an action row (new, edit,
delete), the 4ท analysis, the stage, and the plan printed on one A4 page (PDF). Each
finds the household inside the officer's area (404 otherwise) and writes through one
service; the household page shows it all in its section "แผนพัฒนาครัวเรือน"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tpmap.accounts.audit import client_ip
from tpmap.logbook.household.access import (
    FormPage,
    head,
    household_or_404,
    household_url,
    saved_or_none,
)
from tpmap.logbook.models import Plan, PlanAction, PlanAnalysis
from tpmap.logbook.plans import selectors, services
from tpmap.logbook.plans.forms import AnalysisForm, PlanActionForm, PlanForm, StageForm
from tpmap.logbook.plans.pdf import plan_pdf
from tpmap.logbook.services import HouseholdRef
from tpmap.site.decorators import warehouse_view
from tpmap.site.forms import form_status, input_from
from tpmap.site.officers import Act, act_of, officer_of
from tpmap.site.warehouse import Warehouse

ANCHOR = "plan"


def _saves(
    service: Callable[..., object], data: type[Any]
) -> Callable[[Act, HouseholdRef, forms.Form], object]:
    """A page's save: the form's values as the input ``data`` of the household's
    ``service`` (the goal, the 4ท analysis, the stage)."""

    def save(act: Act, ref: HouseholdRef, form: forms.Form) -> object:
        return service(act, household=ref, data=input_from(data, form.cleaned_data))

    return save


# -- the goal --------------------------------------------------------------------------------
def _plan_form(
    request: HttpRequest, wh: Warehouse, ref: HouseholdRef, now: Plan | None
) -> PlanForm:
    return PlanForm(request.POST or None, initial={"goal": now.goal if now else ""})


PLAN = FormPage(
    "logbook/plan_goal.html",
    ANCHOR,
    gettext_lazy("บันทึกเป้าหมายสูงสุดของครัวเรือนแล้ว"),
    selectors.household_plan,
    _plan_form,
    _saves(services.plan_save, services.PlanInput),
    lambda wh, ref, now, form: {"plan": now},
)


# -- action rows -----------------------------------------------------------------------------
def _action_form(
    request: HttpRequest, ref: HouseholdRef, action: PlanAction | None
) -> PlanActionForm:
    problems, activities = selectors.household_records(request.user, ref)
    initial: dict[str, Any] = {}
    if action is not None:
        initial = {f: getattr(action, f) for f in services.ACTION_FIELDS}
        initial["problems"] = [p.pk for p in action.problems.all()]
        initial["activities"] = [a.pk for a in action.activities.all()]
    return PlanActionForm(
        request.POST or None, initial=initial, problems=problems, activities=activities
    )


def _action_input(form: PlanActionForm) -> services.PlanActionInput:
    d = form.cleaned_data
    records = {name: list(d.get(name) or []) for name in ("problems", "activities")}
    return input_from(services.PlanActionInput, d, **records)


def _action_new_save(act: Act, ref: HouseholdRef, form: PlanActionForm) -> object:
    return services.plan_action_add(act, household=ref, data=_action_input(form))


ACTION_NEW = FormPage(
    "logbook/plan_action.html",
    ANCHOR,
    gettext_lazy("เพิ่มแผนปฏิบัติการแล้ว"),
    selectors.household_plan,
    lambda request, wh, ref, now: _action_form(request, ref, None),
    _action_new_save,
    lambda wh, ref, now, form: {"plan": now, "action": None},
)


def _visible_action(request: HttpRequest, pk: int) -> PlanAction:
    action = get_object_or_404(selectors.visible_plan_actions(request.user), pk=pk)
    assert isinstance(action, PlanAction)
    return action


@require_http_methods(["GET", "POST"])
@warehouse_view
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = _visible_action(request, pk)
    wh, ref = household_or_404(request, action.year, action.household_id)
    form = _action_form(request, ref, action)

    def save() -> object:
        return services.plan_action_update(act_of(request), action=action, data=_action_input(form))

    done = _("แก้ไขแผนปฏิบัติการแล้ว")
    saved = saved_or_none(request, form, save, done=done, to=household_url(ref, ANCHOR))
    if saved is not None:
        return saved
    context = {"form": form, "ref": ref, "plan": action.plan, "action": action, **head(wh, ref)}
    return render(request, "logbook/plan_action.html", context, status=form_status(form))


@require_POST
@login_required
def action_delete(request: HttpRequest, pk: int) -> HttpResponse:
    action = _visible_action(request, pk)
    ref = HouseholdRef(action.year, action.household_id, action.village_code)
    services.plan_action_delete(act_of(request), action=action)
    messages.success(request, _("ลบแผนปฏิบัติการแล้ว"))
    return redirect(household_url(ref, ANCHOR))


# -- the 4ท analysis -------------------------------------------------------------------------
def _analysis_form(
    request: HttpRequest, wh: Warehouse, ref: HouseholdRef, now: PlanAnalysis | None
) -> AnalysisForm:
    initial = {} if now is None else {f: getattr(now, f) for f in services.ANALYSIS_FIELDS}
    return AnalysisForm(request.POST or None, initial=initial)


ANALYSIS = FormPage(
    "logbook/plan_analysis.html",
    ANCHOR,
    gettext_lazy("บันทึกการวิเคราะห์ ๔ ท แล้ว"),
    selectors.household_analysis,
    _analysis_form,
    _saves(services.analysis_save, services.AnalysisInput),
    lambda wh, ref, now, form: {"analysis": now},
)


# -- the stage -------------------------------------------------------------------------------
STAGE = FormPage(
    "logbook/plan_stage.html",
    ANCHOR,
    gettext_lazy("บันทึกขั้นการพัฒนาของครัวเรือนแล้ว"),
    selectors.stage_history,
    lambda request, wh, ref, now: StageForm(request.POST or None),
    _saves(services.stage_set, services.StageInput),
    lambda wh, ref, now, form: {"stages": now or []},
)


# -- the printed plan ------------------------------------------------------------------------
@require_GET
@warehouse_view
def plan_print(request: HttpRequest, year: int, household_id: str) -> HttpResponse:
    """The plan on one A4 page (PDF): names the head of household, so it is audited as an
    opening of the household's personal data."""
    wh, ref = household_or_404(request, year, household_id)
    officer, ip = officer_of(request), client_ip(request)
    sheet = services.plan_sheet_read(officer, wh, ref, printed=True, ip=ip)
    response = HttpResponse(plan_pdf(sheet), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="plan-{ref.year}-{ref.household_id}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
