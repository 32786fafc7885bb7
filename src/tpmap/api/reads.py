"""Reads: the account, and the CLI's summary, households and household documents inside
the caller's area (403 for an area outside it; 404 for a household outside it)."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Query, Router
from pydantic import Field

from tpmap.accounts.audit import client_ip
from tpmap.accounts.scope import area_within
from tpmap.api import calls, render
from tpmap.api.errors import ApiError
from tpmap.api.schemas import Dimension, MeOut
from tpmap.core.areas import COUNTRY_CODE
from tpmap.site import ratelimit
from tpmap.site.officers import officer_of

router = Router(tags=["reads"])
ERRORS = {401: Any, 403: Any, 404: Any, 422: Any, 429: Any}
AREA = r"^(TH|[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{8})$"
Year = Annotated[int, Field(ge=2400, le=2800, description="Data year, Buddhist era")]
AreaCode = Annotated[
    str | None, Field(None, pattern=AREA, description="TH or a 2/4/6/8-digit code")
]
HouseholdId = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[0-9A-Za-z_-]+$")]


def _area(user: Any, area: str | None) -> str:
    """The asked area (the caller's own when none), 403 when outside the caller's area."""
    own = user.area_code or COUNTRY_CODE
    asked = area or own
    if not area_within(asked, own):
        raise ApiError(403, "out_of_area")
    return asked


def _limit(request: HttpRequest, scope: str) -> None:
    ratelimit.check(scope, user_key=str(request.user.pk), ip=client_ip(request))


@router.get("/me", response={200: MeOut, **ERRORS})
def me(request: HttpRequest) -> Any:
    u: Any = request.user
    return {"username": u.username, "role": u.role, "area_code": u.area_code, "agency": u.agency}


@router.get("/summary", response={200: dict[str, Any], **ERRORS})
def summary(request: HttpRequest, year: Query[Year], area: Query[AreaCode] = None) -> Any:
    """The summary JSON of ``tpmap summary --json``."""
    return calls.summary(year=year, area=_area(request.user, area))


@router.get("/households", response={200: dict[str, Any], **ERRORS})
def households(
    request: HttpRequest,
    year: Query[Year],
    area: Query[AreaCode] = None,
    dimension: Query[Dimension | None] = None,
    indicator: Query[Annotated[int | None, Field(None, ge=1, le=38)]] = None,
    group: Query[
        Annotated[str | None, Field(None, max_length=20, pattern=r"^[0-9A-Za-z._-]+$")]
    ] = None,
    limit: Query[Annotated[int, Field(20, ge=0, le=100)]] = 20,
    offset: Query[Annotated[int, Field(0, ge=0, le=10_000_000)]] = 0,
) -> Any:
    """The households JSON of ``tpmap households --json`` (a search: rate limited)."""
    scoped = _area(request.user, area)
    _limit(request, "search")
    return calls.households(
        year=year,
        area=scoped,
        dimension=dimension,
        indicator=indicator,
        group=group,
        limit=limit,
        offset=offset,
    )


@router.get("/households/{year}/{household_id}", response={200: dict[str, Any], **ERRORS})
def household(request: HttpRequest, year: Path[Year], household_id: Path[HouseholdId]) -> Any:
    """The household JSON of ``tpmap household --json`` plus ``logbook``: the household's
    problems, activities, pin, family folder and mentor. Audited as an opening of the
    household's personal data; rate limited."""
    _limit(request, "household_read")
    ref = calls.household_locate(request.user, year=year, household_id=household_id)
    if ref is None:
        raise ApiError(404, "not_found")
    doc = calls.household_document_text(
        year=year, household_id=household_id, village_code=ref.village_code
    )
    calls.household_opened(officer_of(request), ref, ip=client_ip(request))
    logbook = calls.household_logbook_text(officer_of(request), ref)
    # Both parts as kept, written once (api/render.py): the answer is their texts joined.
    return render.json_response(render.joined(doc, logbook=logbook))
