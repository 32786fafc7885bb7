"""F15: the house's pin on a map and the area map of pinned households."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from tpmap.accounts.models import User
from tpmap.accounts.scope import narrow, scope_prefix
from tpmap.core import areas
from tpmap.core.geo import provinces_geojson
from tpmap.logbook import selectors, services
from tpmap.logbook.household.access import FormPage
from tpmap.logbook.models import Pin
from tpmap.logbook.pins.forms import PinForm
from tpmap.logbook.services import HouseholdRef
from tpmap.site.decorators import warehouse_view
from tpmap.site.forms import input_from
from tpmap.site.warehouse import Warehouse, get_warehouse
from tpmap.site.years import data_year


# -- F15 pins and the area map ------------------------------------------------------------
def _province_features(codes: set[str] | None) -> dict[str, Any]:
    gj = provinces_geojson()
    feats = [f for f in gj["features"] if codes is None or f["properties"]["code"] in codes]
    return {"type": "FeatureCollection", "features": feats}


def _map_settings() -> dict[str, str]:
    from django.conf import settings

    return {
        "tile_url": settings.TPMAP_TILE_URL,
        "tile_attribution": settings.TPMAP_TILE_ATTRIBUTION,
    }


def _form(request: HttpRequest, wh: Warehouse, ref: HouseholdRef, now: Pin | None) -> PinForm:
    initial: dict[str, Any] = {"source": "map"}
    if now is not None:
        initial.update(latitude=now.latitude, longitude=now.longitude)
    return PinForm(request.POST or None, initial=initial)


def _save(officer: User, ref: HouseholdRef, form: PinForm, ip: str | None) -> object:
    data = input_from(services.PinInput, form.cleaned_data)
    return services.pin_set(officer=officer, household=ref, data=data, ip=ip)


def _context(wh: Warehouse, ref: HouseholdRef, now: Pin | None, form: PinForm) -> dict[str, Any]:
    """The map starts at the pin, else at the survey's coordinates."""
    survey = (
        selectors.household_profile(
            wh, year=ref.year, household_id=ref.household_id, village_code=ref.village_code
        )
        or {}
    )
    start = None
    if now is not None:
        start = [float(now.latitude), float(now.longitude)]
    elif survey.get("latitude") is not None and survey.get("longitude") is not None:
        start = [float(survey["latitude"]), float(survey["longitude"])]
    provinces = _province_features({ref.village_code[: areas.CODE_LENGTH["province"]]})
    return {"pin": now, "map_data": {"provinces": provinces, "start": start, **_map_settings()}}


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
    map_data = {"provinces": _province_features(codes), "pins": pins, **_map_settings()}
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
            "legend": legend,
        },
    )
