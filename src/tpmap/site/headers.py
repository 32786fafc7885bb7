"""Response headers of every page: a strict Content-Security-Policy, and no caching of
pages shown to a logged-in officer.

The policy allows scripts, styles, fonts and requests from this site only: every asset is
vendored (htmx, Leaflet, Sarabun), and no template carries an inline script, event
handler or style attribute (their behaviour is in ``tpmap/site.js``). Images may also come
from ``data:`` (Leaflet's CSS) and from the map tile server when TPMAP_TILE_URL names one.
Written here rather than with django-csp: one header from one setting needs no new
dependency.

Pages for a logged-in officer (Logbook, dashboard, reports, accounts) show personal data:
``Cache-Control: no-store`` keeps them out of the browser's and any proxy's cache, so the
back button on a shared office computer does not show the previous officer's households.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


def tile_source(url: str) -> str:
    """The CSP source of a Leaflet tile URL template: its scheme and host, with a
    ``{s}`` subdomain placeholder as a wildcard; empty when there is none."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    host = parts.netloc.replace("{s}", "*")
    if "{" in host or "}" in host or " " in host or ";" in host:
        return ""
    return f"{parts.scheme}://{host}"


def content_security_policy(tile_url: str = "") -> str:
    images = ["'self'", "data:"]
    tiles = tile_source(tile_url)
    if tiles:
        images.append(tiles)
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": images,
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = content_security_policy(settings.TPMAP_TILE_URL)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
