"""Every read of projects (F24): what an officer may see, and the eMENSCR document of a
project (docs/emenscr.md) that both exports (JSON, XLSX) are written from."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from tpmap.accounts.scope import scope_filter
from tpmap.core import areas as area_catalog
from tpmap.core.areas import COUNTRY_CODE
from tpmap.projects import strategy
from tpmap.projects.models import Project
from tpmap.site.privacy import mask_text

FORMAT = "tpmap-emenscr/1"


def visible_projects(viewer: Any) -> QuerySet[Project]:
    """Projects whose area lies inside the viewer's (none for an account without one)."""
    qs = scope_filter(viewer, Project.objects.all(), field="area_code")
    return qs.select_related("created_by", "updated_by")


def in_area(qs: QuerySet[Project], area: str) -> QuerySet[Project]:
    return qs if area == COUNTRY_CODE else qs.filter(area_code__startswith=area)


def area_name(code: str) -> str:
    """The Thai name of an area code (a village: its หมู่ within its subdistrict)."""
    if area_catalog.level_of(code) == "village":
        return area_catalog.address_th(code)
    found = area_catalog.admin_area(code)
    return found.name_th if found else code


def document(project: Project, *, now: datetime | None = None) -> dict[str, Any]:
    """The project as the national M&E system (eMENSCR) takes it: the project, its
    national-strategy target spelled out, its areas, and its activities (no household,
    no person: names and agencies of activities only, any NID masked)."""
    target = strategy.parse(project.strategy_target)
    activities = list(project.activities.order_by("start_on", "pk"))
    agencies = Counter(a.agency for a in activities)
    return {
        "format": FORMAT,
        "exported_at": (now or timezone.now()).isoformat(),
        "project": {
            "project_code": f"TPMAP-{project.pk}",
            "project_name": project.name,
            "owner_agency": project.agency,
            "fiscal_year": project.fiscal_year,
            "budget": f"{project.budget:.2f}",
            "start_date": project.start_on.isoformat() if project.start_on else None,
            "end_date": project.end_on.isoformat() if project.end_on else None,
            "objective": project.objective,
            "strategy_target": {
                "code": project.strategy_target,
                "master_plan": target.master_plan if target else None,
                "master_plan_name": target.master_plan_name if target else None,
                "sub_plan": target.sub_plan if target else None,
            },
            "areas": [
                {"code": c, "level": area_catalog.level_of(c), "name_th": area_name(c)}
                for c in project.areas
            ],
            "activities": [
                {
                    "activity_id": a.pk,
                    "name": mask_text(a.name),
                    "agency": mask_text(a.agency),
                    "start_date": a.start_on.isoformat(),
                    "end_date": a.end_on.isoformat() if a.end_on else None,
                    "village_code": a.village_code,
                    "bmn_indicator": a.indicator,
                }
                for a in activities
            ],
            "summary": {
                "activities": len(activities),
                "households": len({(a.year, a.household_id) for a in activities}),
                "villages": len({a.village_code for a in activities}),
                "activities_by_agency": dict(sorted(agencies.items())),
            },
            "version": project.version,
            "updated_at": project.updated_at.isoformat(),
        },
    }
