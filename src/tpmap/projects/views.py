"""F24 pages: the projects of the officer's area, a project's page, the new/edit form
and the two eMENSCR downloads (JSON, XLSX), every download audited. Writes go through
``tpmap.projects.services``; reads through ``tpmap.projects.selectors``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tpmap.accounts.audit import client_ip
from tpmap.accounts.models import User
from tpmap.accounts.scope import scope_filter, scope_prefix
from tpmap.core import areas as area_catalog
from tpmap.core.areas import COUNTRY_CODE
from tpmap.logbook.models import Activity
from tpmap.projects import emenscr, selectors, services
from tpmap.projects.forms import ProjectForm
from tpmap.projects.models import Project
from tpmap.site.decorators import warehouse_view
from tpmap.site.errors import add_to_form
from tpmap.site.forms import form_status, input_from
from tpmap.site.officers import Act, officer_of
from tpmap.site.rules import StaleVersion
from tpmap.site.thaidate import thai_date

#: The activities a form offers: the latest of the area (a project names more by API).
ACTIVITY_CHOICES = 200


def _project(request: HttpRequest, pk: int) -> Project:
    return get_object_or_404(selectors.visible_projects(request.user), pk=pk)


def _area_choices(area: str, chosen: list[str]) -> list[tuple[str, str]]:
    """The officer's own area and its administrative children (districts of a province,
    subdistricts of a district), plus any area the project already has."""
    codes = [area] if area != COUNTRY_CODE else []
    codes += [a.code for a in area_catalog.children(area)]
    codes += [c for c in chosen if c not in codes]
    return [(c, f"{selectors.area_name(c)} ({c})") for c in codes]


def _activity_choices(officer: User, area: str, chosen: list[int]) -> list[tuple[int, str]]:
    qs = scope_filter(officer, Activity.objects.all())
    latest = list(qs.order_by("-start_on", "-pk")[:ACTIVITY_CHOICES])
    have = {a.pk for a in latest}
    latest += list(qs.filter(pk__in=[c for c in chosen if c not in have]))
    return [
        (a.pk, f"{a.name} · {a.agency} · {thai_date(a.start_on)} · {a.village_code}")
        for a in latest
    ]


def _form(request: HttpRequest, officer: User, project: Project | None) -> ProjectForm:
    area = (project.area_code if project else scope_prefix(officer)) or COUNTRY_CODE
    initial: dict[str, Any] = {}
    chosen_areas: list[str] = []
    chosen_activities: list[int] = []
    if project is not None:
        chosen_areas = list(project.areas)
        chosen_activities = list(project.activities.values_list("pk", flat=True))
        initial = {
            "name": project.name,
            "agency": project.agency,
            "budget": project.budget,
            "strategy_target": project.strategy_target,
            "fiscal_year": project.fiscal_year,
            "start_on": project.start_on,
            "end_on": project.end_on,
            "objective": project.objective,
            "areas": chosen_areas,
            "activities": chosen_activities,
            "version": project.version,
        }
    else:
        initial = {"agency": officer.agency}
    return ProjectForm(
        request.POST or None,
        initial=initial,
        areas=_area_choices(area, chosen_areas),
        activities=_activity_choices(officer, area, chosen_activities),
    )


def _save(
    request: HttpRequest, officer: User, project: Project | None, form: ProjectForm
) -> Project:
    data = input_from(services.ProjectInput, form.cleaned_data)
    if project is None:
        return services.project_create(Act(officer, ip=client_ip(request)), data=data)
    return services.project_update(
        Act(officer, ip=client_ip(request), expected_version=form.cleaned_data.get("version")),
        project=project,
        data=data,
    )


@require_GET
@warehouse_view
def project_list(request: HttpRequest) -> HttpResponse:
    officer = officer_of(request)
    projects = list(selectors.visible_projects(officer)[:500])
    context = {"projects": projects, "may_edit": services.may_edit(officer)}
    return render(request, "projects/list.html", context)


@require_http_methods(["GET", "POST"])
@warehouse_view
def project_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    officer = officer_of(request)
    project = _project(request, pk) if pk is not None else None
    services.require_editor(officer)  # 403 for a role that may not
    form = _form(request, officer, project)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save(request, officer, project, form)
        except ValidationError as e:
            add_to_form(form, e)
        except StaleVersion:
            form.add_error(None, _("มีผู้แก้ไขโครงการนี้ไปก่อนแล้ว กรุณาเปิดหน้านี้ใหม่แล้วแก้ไขอีกครั้ง"))
            status = 409
        else:
            messages.success(request, _("บันทึกโครงการแล้ว"))
            return redirect("projects:detail", pk=saved.pk)
    context = {"form": form, "project": project}
    return render(request, "projects/form.html", context, status=max(status, form_status(form)))


@require_GET
@warehouse_view
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    officer = officer_of(request)
    project = _project(request, pk)
    doc = selectors.document(project)
    context = {
        "project": project,
        "doc": doc["project"],
        # The export's rows but its time: the page shows the project, not a download.
        "rows": emenscr.project_rows(doc)[:-1],
        "activities": project.activities.order_by("start_on", "pk"),
        "may_edit": services.may_edit(officer),
    }
    return render(request, "projects/detail.html", context)


@require_GET
@warehouse_view
def project_export(request: HttpRequest, pk: str, fmt: str) -> HttpResponse:
    officer = officer_of(request)
    project = _project(request, int(pk))
    doc = selectors.document(project)
    services.project_exported(officer, project, fmt=fmt, ip=client_ip(request))
    if fmt == "json":
        body, kind = emenscr.to_json(doc), emenscr.JSON_TYPE
    else:
        body, kind = emenscr.to_xlsx(doc), emenscr.XLSX_TYPE
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="emenscr-{project.pk}.{fmt}"'
    return response
