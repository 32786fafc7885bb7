"""The NinjaAPI of /api/v1/ and the one place that maps errors to responses."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    ValidationError,
)
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError

from tpmap.api import calls
from tpmap.api.analytics import router as analytics_router
from tpmap.api.auth import BearerAuth
from tpmap.api.auth import router as auth_router
from tpmap.api.casework import router as casework_router
from tpmap.api.committees import router as committees_router
from tpmap.api.errors import (
    STATUS_CODES,
    ApiError,
    error_response,
    pydantic_fields,
)
from tpmap.api.fieldwork import router as fieldwork_router
from tpmap.api.plans import router as plans_router
from tpmap.api.projects import router as projects_router
from tpmap.api.reads import router as reads_router
from tpmap.api.routing import duplicate_response
from tpmap.api.routing import router as routing_router
from tpmap.api.writes import router as writes_router
from tpmap.field.api import router as field_router
from tpmap.logbook.routing.duplicates import DuplicateAssistance
from tpmap.site.errors import error_messages, error_status
from tpmap.site.ratelimit import RateLimited
from tpmap.site.rules import StaleVersion

log = logging.getLogger(__name__)

api = NinjaAPI(
    title="TPMAP API",
    version="1",
    description=(
        "The Logbook's and dashboard's capabilities for programs and the offline field app "
        "(CONTRACTS.md section 4, docs/api.md). Errors: "
        '`{"error": {"code", "message", "fields"?}}`; Thai messages, English with '
        "`Accept-Language: en`."
    ),
    auth=BearerAuth(),
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("", auth_router)
api.add_router("", reads_router)
api.add_router("", writes_router)
api.add_router("", field_router)  # the offline field app's endpoints
api.add_router("", fieldwork_router)
api.add_router("", projects_router)  # F24 projects and their eMENSCR export
api.add_router("", casework_router)
api.add_router("", plans_router)  # F17 the household development plan
api.add_router("", routing_router)  # agencies, the solution menu, a problem's routing
api.add_router("", committees_router)
api.add_router("", analytics_router)  # the pivot and its saved views (F25)


def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return error_response(
        exc.status, exc.code, message=exc.message, fields=exc.fields, headers=exc.headers
    )


def _schema_error(request: HttpRequest, exc: SchemaError) -> HttpResponse:
    return error_response(422, "invalid", fields=pydantic_fields(list(exc.errors)))


def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    status = exc.status_code
    return error_response(status, STATUS_CODES.get(status, "bad_request"))


def _service_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """An error a Logbook service or a lookup raised, through the site's one mapping
    (``tpmap.site.errors``) that the pages use too."""
    status = error_status(exc, api=True)
    if status == 422 and isinstance(exc, ValidationError):
        return error_response(422, "invalid", fields=error_messages(exc))
    if status == 403:
        return error_response(403, "forbidden", message=str(exc) or None)
    if status == 409 and isinstance(exc, StaleVersion):
        return error_response(409, "conflict", headers={"X-Current-Version": str(exc.current or 0)})
    if status == 404:
        return error_response(404, "not_found")
    return _unexpected(request, exc)


def _rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    return error_response(429, "rate_limited", headers={"Retry-After": str(exc.retry_after)})


def _unauthorized(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(401, "unauthorized", headers={"WWW-Authenticate": "Bearer"})


def _suspicious(request: HttpRequest, exc: Exception) -> HttpResponse:
    # A body over DATA_UPLOAD_MAX_MEMORY_SIZE, too many fields: the client's fault.
    return error_response(413 if isinstance(exc, RequestDataTooBig) else 400, "bad_request")


def _unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(503, "unavailable")


def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    log.exception("API error on %s %s", request.method, request.path)
    return error_response(500, "server_error")


HANDLERS: list[tuple[type[Exception], Any]] = [
    (Exception, _unexpected),
    (ApiError, _api_error),
    (SchemaError, _schema_error),
    (HttpError, _http_error),
    (AuthenticationError, _unauthorized),
    (SuspiciousOperation, _suspicious),
    (ValidationError, _service_error),
    (DuplicateAssistance, duplicate_response),
    (PermissionDenied, _service_error),
    (Http404, _service_error),
    (calls.NotFound, _service_error),
    (StaleVersion, _service_error),
    (RateLimited, _rate_limited),
    (calls.WarehouseUnavailable, _unavailable),
]
for exc_class, handler in HANDLERS:
    api.add_exception_handler(exc_class, handler)
