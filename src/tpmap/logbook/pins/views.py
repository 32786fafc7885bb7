"""F15: the house's pin on a map and the area map of pinned households."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tpmap.accounts.audit import client_ip
from tpmap.accounts.scope import narrow, scope_prefix
from tpmap.core import areas
from tpmap.core.geo import provinces_geojson
from tpmap.logbook import selectors, services
from tpmap.logbook.household.access import head, household_or_404, household_url, saved_or_none
from tpmap.logbook.pins.forms import PinForm
from tpmap.site.decorators import warehouse_view
from tpmap.site.forms import form_status, input_from
from tpmap.site.officers import officer_of
from tpmap.site.warehouse import get_warehouse
from tpmap.site.years import data_year
from tpmap.warehouse import web_selectors


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


@require_http_methods(["GET", "POST"])
@warehouse_view
def pin(request: HttpRequest, year: int, household_id: str) -> HttpResponse:
    wh, ref = household_or_404(request, year, household_id)
    current = selectors.household_pin(request.user, ref)
    profile_brief = head(wh, ref)
    initial: dict[str, Any] = {"source": "map"}
    if current is not None:
        initial.update(latitude=current.latitude, longitude=current.longitude)
    form = PinForm(request.POST or None, initial=initial)
    saved = saved_or_none(
        request,
        form,
        lambda: services.pin_set(
            officer=officer_of(request),
            household=ref,
            data=input_from(services.PinInput, form.cleaned_data),
            ip=client_ip(request),
        ),
        done=_("บันทึกพิกัดบ้านแล้ว"),
        to=household_url(ref, "location"),
    )
    if saved is not None:
        return saved
    survey = (
        web_selectors.household_profile(
            wh, year=year, household_id=household_id, village_code=ref.village_code
        )
        or {}
    )
    start = None
    if current is not None:
        start = [float(current.latitude), float(current.longitude)]
    elif survey.get("latitude") is not None and survey.get("longitude") is not None:
        start = [float(survey["latitude"]), float(survey["longitude"])]
    map_data = {
        "provinces": _province_features({ref.village_code[:2]}),
        "start": start,
        **_map_settings(),
    }
    return render(
        request,
        "logbook/pin.html",
        {"form": form, "ref": ref, "pin": current, "map_data": map_data, **profile_brief},
        status=form_status(form),
    )


@require_GET
@warehouse_view
def area_map(request: HttpRequest) -> HttpResponse:
    wh = get_warehouse()
    years = wh.years
    year = data_year(request, years)
    prefix = scope_prefix(request.user) or ""
    area = narrow(request.user, request.GET.get("area", "")) or prefix
    if area == areas.COUNTRY_CODE:
        area = ""
    pins = selectors.area_pins(wh, request.user, year=year, prefix=area)
    for p in pins:
        p["url"] = reverse("logbook:household", args=[year, p["household_id"]])
        p["thumbs"] = [reverse("logbook:photo_thumb", args=[pk]) for pk in p.pop("photos")]
    codes = None if not prefix else {prefix[:2]}
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
            "years": years,
            "pin_count": len(pins),
            "legend": legend,
        },
    )
