from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path, re_path

from tpmap.api.errors import error_response
from tpmap.api.main import api


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other path under /api/: the API's 404, not the site's HTML page."""
    return error_response(404, "not_found")


urlpatterns: list[URLPattern | URLResolver] = [
    path("v1/", api.urls),
    re_path(r"^(?P<rest>.*)$", not_found),
]
