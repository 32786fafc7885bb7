"""The field app's endpoints of /api/v1/ (added to the API in tpmap.api.main): the work
list download and a photo for a problem. Token auth, errors and audit as the rest."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import File, Form, Path, Query, Router, Status, UploadedFile
from pydantic import Field

from tpmap.accounts.audit import client_ip
from tpmap.api import calls, serialize
from tpmap.api.errors import ApiError
from tpmap.api.reads import Year
from tpmap.api.schemas import MAX_ID
from tpmap.field import photos, worklist
from tpmap.logbook.photos import MAX_BYTES, PhotoError
from tpmap.site import ratelimit

router = Router(tags=["field app"])
ERRORS = {401: Any, 403: Any, 404: Any, 409: Any, 413: Any, 422: Any, 429: Any, 503: Any}
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Version = Annotated[int, Field(ge=0, le=MAX_ID)]


@router.get("/field/worklist", response={200: dict[str, Any], **ERRORS})
def field_worklist(request: HttpRequest, year: Query[Year | None] = None) -> Any:
    """The account's work list for the phone: the households it mentors, then (for a
    subdistrict or village team) its area's target households, at most 50, each with only
    what a visit needs. Every household is audited as opened; rate limited as one read."""
    ratelimit.check("household_read", user_key=str(request.user.pk), ip=client_ip(request))
    year = year or worklist.latest_year()
    if year is None:
        raise ApiError(503, "unavailable")
    households = worklist.worklist(request.user, year=year, ip=client_ip(request))
    return {"year": year, "households": households}


@router.post("/problems/{pk}/photos", response={200: Any, 201: Any, **ERRORS})
def problem_photo_add(
    request: HttpRequest,
    pk: Path[Id],
    version: Form[Version],
    photo: File[UploadedFile],
) -> Any:
    """Add one photo (JPEG, PNG or WebP, at most 10 MB; cleaned of EXIF and GPS as on the
    pages) to a problem. ``version``: the problem's version read; stale: 409."""
    problem = calls.visible_problem(request.user, pk)
    if problem is None:
        raise ApiError(404, "not_found")
    if photo.size is not None and photo.size > MAX_BYTES:
        raise ApiError(413, "bad_request")
    try:
        clean = photos.clean(photo.read(), photo.name)
    except PhotoError as exc:
        raise ApiError(422, "invalid", fields={"photo": [str(exc)]}) from None
    changed = photos.problem_photo_add(
        request.user, problem, photo=clean, version=version, ip=client_ip(request)
    )
    return Status(201, serialize.problem(changed))
