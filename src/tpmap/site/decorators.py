"""View decorators every login-only app shares."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

from tpmap.site.warehouse import WarehouseUnavailable

View = Callable[..., HttpResponseBase]


def no_warehouse(request: HttpRequest) -> HttpResponse:
    """The friendly page (503) shown while no warehouse has been built yet."""
    return render(request, "no_warehouse.html", status=503)


def warehouse_view(view: View) -> View:
    """Log-in required; the "no warehouse yet" page (503) when none has been built."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except WarehouseUnavailable:
            return no_warehouse(request)

    return wrapped


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
