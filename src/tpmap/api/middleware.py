"""Everything under /api/: the language of the error messages from Accept-Language (the
pages are Thai-first and ignore it), and every error response in the API's JSON shape,
also those made outside the API's views (Django's 404 and 400, a 405, the lockout)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from tpmap.api.errors import STATUS_CODES, error_response, wants_english


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        lang = "en" if wants_english(request) else "th"
        with translation.override(lang):
            response = self.get_response(request)
            response.headers["Content-Language"] = lang
            if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
                "application/json"
            ):
                response = self._as_json(request, response)
                response.headers["Content-Language"] = lang
        return response

    def _as_json(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        status = response.status_code
        headers = {}
        code = STATUS_CODES.get(status, "server_error" if status >= 500 else "bad_request")
        if getattr(request, "axes_locked_out", False):
            code = "locked"
            status = 429
            cooloff = settings.AXES_COOLOFF_TIME
            headers["Retry-After"] = str(int(cooloff.total_seconds()))
        elif response.get("Retry-After"):
            headers["Retry-After"] = response["Retry-After"]
        if status == 405 and response.get("Allow"):
            headers["Allow"] = response["Allow"]
        return error_response(status, code, headers=headers)
