"""F15: the house's pin on a map and the area map of pinned households."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from tpmap.accounts.scope import narrow, scope_prefix
from tpmap.core import areas
from tpmap.logbook import selectors, services
from tpmap.logbook.household.access import FormPage
from tpmap.logbook.models import Pin
from tpmap.logbook.pins import selectors as pin_selectors
from tpmap.logbook.pins.forms import PinForm
from tpmap.logbook.services import HouseholdRef
from tpmap.site.decorators import warehouse_view
from tpmap.site.forms import input_from
from tpmap.site.officers import Act
from tpmap.site.warehouse import Warehouse, get_warehouse
from tpmap.site.years import data_year


# -- F15 pins and the area map ------------------------------------------------------------
def _survey(wh: Warehouse, ref: HouseholdRef) -> dict[str, Any]:
    return (
        selectors.household_profile(
            wh, year=ref.year, household_id=ref.household_id, village_code=ref.village_code
        )
        or {}
    )


def _form(request: HttpRequest, wh: Warehouse, ref: HouseholdRef, now: Pin | None) -> PinForm:
    """A household without a pin starts at the survey's coordinates, saved as such
    (source "survey") unless the officer moves the pin."""
    initial: dict[str, Any] = {"source": Pin.Source.MAP}
    if now is not None:
        initial.update(latitude=now.latitude, longitude=now.longitude, source=now.source)
    else:
        survey = _survey(wh, ref)
        if survey.get("latitude") is not None and survey.get("longitude") is not None:
            initial.update(
                latitude=survey["latitude"],
                longitude=survey["longitude"],
                source=Pin.Source.SURVEY,
            )
    return PinForm(request.POST or None, initial=initial)


def _save(act: Act, ref: HouseholdRef, form: PinForm) -> object:
    data = input_from(services.PinInput, form.cleaned_data)
    return services.pin_set(act, household=ref, data=data)


def _context(wh: Warehouse, ref: HouseholdRef, now: Pin | None, form: PinForm) -> dict[str, Any]:
    """The map starts at the pin, else at the survey's coordinates; the village's other
    households are points to find the house by (a map without tiles shows nothing else)."""
    survey = _survey(wh, ref)
    has_survey = survey.get("latitude") is not None and survey.get("longitude") is not None
    start = None
    if now is not None:
        start = [float(now.latitude), float(now.longitude)]
    elif has_survey:
        start = [float(survey["latitude"]), float(survey["longitude"])]
    provinces = pin_selectors.outlines({ref.village_code[: areas.CODE_LENGTH["province"]]})
    points = pin_selectors.village_points(wh, ref)
    source = str(form["source"].value() or Pin.Source.MAP)
    return {
        "pin": now,
        "survey_start": has_survey,
        "source_label": dict(Pin.Source.choices).get(source, ""),
        "map_data": {
            "provinces": provinces,
            "start": start,
            "survey": [float(survey["latitude"]), float(survey["longitude"])]
            if has_survey
            else None,
            "points": points,
            "household_id": ref.household_id,
            **pin_selectors.map_settings(),
        },
    }


SAVED = gettext_lazy("บันทึกพิกัดบ้านแล้ว")
PIN = FormPage(
    "logbook/pin.html", "location", SAVED, selectors.household_pin, _form, _save, _context
)


@require_GET
@warehouse_view
def area_map(request: HttpRequest) -> HttpResponse:
    wh = get_warehouse()
    year = data_year(request, wh.years)
    prefix = scope_prefix(request.user) or ""
    area = narrow(request.user, request.GET.get("area", "")) or prefix
    if area == areas.COUNTRY_CODE:
        area = ""
    pins = selectors.area_pins(wh, request.user, year=year, prefix=area)
    for p in pins:
        p["url"] = reverse("logbook:household", args=[year, p["household_id"]])
        p["thumbs"] = [reverse("logbook:photo_thumb", args=[pk]) for pk in p.pop("photos")]
    codes = None if not prefix else {prefix[: areas.CODE_LENGTH["province"]]}
    if area:
        codes = {area[: areas.CODE_LENGTH["province"]]}
    # The survey's coordinates of the area's households (an area of a province or smaller:
    # the whole country's would not fit a page), under the pins.
    points = pin_selectors.survey_points(wh, request.user, year=year, area=area) if area else []
    map_data = {
        "provinces": pin_selectors.outlines(codes),
        "pins": pins,
        "points": points,
        **pin_selectors.map_settings(),
    }
    legend = [
        (selectors.PIN_COLOURS[k], label)
        for k, label in (
            ("developable", _("พัฒนาได้")),
            ("welfare", _("ต้องสงเคราะห์")),
            ("gone", _("เสียชีวิต/ย้ายออก")),
            ("other", _("อื่น ๆ")),
            (None, _("ยังไม่จำแนก")),
        )
    ]
    return render(
        request,
        "logbook/map.html",
        {
            "map_data": map_data,
            "year": year,
            "years": wh.years,
            "pin_count": len(pins),
            "point_count": len(points),
            "point_limit": pin_selectors.SURVEY_POINT_LIMIT,
            "legend": legend,
        },
    )
