"""The field app's pages: the app shell (all the rest is static JavaScript reading
IndexedDB), a token for the logged-in account, the service worker, the manifest and the
logout page that empties the phone first."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LogoutView
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tpmap.accounts.audit import client_ip
from tpmap.accounts.tokens import token_issue

# What the service worker caches at install, so the app opens with no signal at all.
SHELL_ASSETS = (
    "tpmap/app.css",
    "tpmap/favicon.svg",
    "vendor/htmx/htmx.min.js",
    "vendor/sarabun/sarabun-thai-400-normal.woff2",
    "vendor/sarabun/sarabun-thai-700-normal.woff2",
    "vendor/sarabun/sarabun-latin-400-normal.woff2",
    "vendor/sarabun/sarabun-latin-700-normal.woff2",
    "field/field.css",
    "field/i18n.js",
    "field/store.js",
    "field/sync.js",
    "field/app.js",
    "field/logout.js",
)
WORKBOX = "vendor/workbox/"


@login_required
@require_GET
def shell(request: HttpRequest) -> HttpResponse:
    return render(request, "field/app.html")


@login_required
@require_POST
def token(request: HttpRequest) -> JsonResponse:
    """A bearer token for the logged-in account (session + CSRF), so the phone never asks
    for the password again; the API's own rules (expiry, revocation) apply to it."""
    value, expires = token_issue(user=request.user, ip=client_ip(request))  # type: ignore[arg-type]
    return JsonResponse({"token": value, "expires_at": expires.isoformat()})


@login_required
@require_GET
def logout_page(request: HttpRequest) -> HttpResponse:
    return render(request, "field/logout.html")


@cache
def _revision(name: str) -> str:
    path = finders.find(name)
    if not path or isinstance(path, list):
        return "0"
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:16]


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """sw.js from /field/ (a worker's scope is its own folder: /static/ would not do), with
    the precache list and the vendored Workbox's path written in."""
    precache = [{"url": static(name), "revision": _revision(name)} for name in SHELL_ASSETS]
    config = {
        "workbox": static(WORKBOX),
        "precache": precache,
        "shell": reverse("field:shell"),
        "sync": static("field/sync.js"),
        "store": static("field/store.js"),
    }
    path = finders.find("field/sw.js")
    assert isinstance(path, str)
    with open(path, encoding="utf-8") as f:
        body = f"self.TPMAP_SW = {json.dumps(config)};\n" + f.read()
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = reverse("field:shell")
    return response


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    doc = {
        "name": _("TPMAP สมุดบันทึกภาคสนาม"),
        "short_name": "TPMAP",
        "lang": "th",
        "start_url": reverse("field:shell"),
        "scope": reverse("field:shell"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1d4f91",
        "icons": [{"src": static("tpmap/favicon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }
    response = JsonResponse(doc, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


class FieldAwareLogoutView(LogoutView):
    """The site's log-out. A phone holding field data (its ``tpmap_field`` cookie) first
    goes through the field app's log-out page, which warns about records not yet sent and
    empties the phone; then ``Clear-Site-Data`` removes whatever is left (IndexedDB,
    caches, the service worker) as the session ends."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.COOKIES.get("tpmap_field") and not request.POST.get("field_cleared"):
            return redirect("field:logout")
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        response.delete_cookie("tpmap_field")
        return response
