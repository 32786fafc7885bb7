"""Re-assessment of the MPI indicators at a visit: the household's live MPI."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from tpmap.logbook import selectors, services
from tpmap.logbook.assessments.forms import AssessmentForm
from tpmap.logbook.household.access import FormPage
from tpmap.logbook.models import Assessment
from tpmap.logbook.services import HouseholdRef
from tpmap.site.officers import Act
from tpmap.site.warehouse import Warehouse, get_warehouse


def _form(
    request: HttpRequest, wh: Warehouse, ref: HouseholdRef, now: Assessment | None
) -> AssessmentForm:
    return AssessmentForm(
        request.POST or None, indicators=selectors.mpi_indicator_names(wh, ref.year)
    )


def _context(
    wh: Warehouse, ref: HouseholdRef, now: Assessment | None, form: AssessmentForm
) -> dict[str, Any]:
    profile = selectors.household_profile(
        wh, year=ref.year, household_id=ref.household_id, village_code=ref.village_code
    )
    survey = (
        {}
        if profile is None
        else {
            no: profile.get("items", profile["indicators"]).get(item)
            for no, item in services.mpi_items(wh.mpi_mapping(ref.year)).items()
        }
    )
    rows = [(form[f"mpi_{no}"], survey.get(no)) for no, _name in form.indicators]
    return {"rows": rows, "latest": now}


def _save(act: Act, ref: HouseholdRef, form: AssessmentForm) -> object:
    data = services.AssessmentInput(
        assessed_on=form.cleaned_data["assessed_on"],
        results=form.results(),
        note=form.cleaned_data.get("note") or "",
    )
    return services.assessment_create(act, wh=get_warehouse(), household=ref, data=data)


SAVED = gettext_lazy("บันทึกผลการประเมินตัวชี้วัดแล้ว")
ASSESSMENT = FormPage(
    "logbook/assessment.html",
    "live-mpi",
    SAVED,
    selectors.latest_assessment,
    _form,
    _save,
    _context,
)
