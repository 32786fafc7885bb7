"""Bearer tokens: ``POST /auth/token`` (log-in, with the lockout of django-axes and a rate
limit), ``DELETE /auth/token`` (revoke the token used). Session cookies never
authenticate the API, so it needs no CSRF token and a page cannot be made to write."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpRequest
from ninja import Router, Status
from ninja.security import HttpBearer

from tpmap.accounts.audit import client_ip
from tpmap.accounts.tokens import token_issue, token_revoke, token_user
from tpmap.api.errors import ApiError
from tpmap.api.schemas import TokenIn, TokenOut
from tpmap.site import ratelimit


class BearerAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_user(token)
        if found is None:
            return None
        user, token_id = found
        request.user = user
        request.api_token_id = token_id  # type: ignore[attr-defined]
        return user


router = Router(tags=["auth"])
ERRORS = {400: Any, 401: Any, 422: Any, 429: Any}


@router.post("/auth/token", auth=None, response={200: TokenOut, **ERRORS})
def token_create(request: HttpRequest, payload: TokenIn) -> Any:
    """Log in: a bearer token for ``Authorization: Bearer <token>``, and when it expires."""
    ip = client_ip(request)
    ratelimit.check("token", user_key=payload.username.lower(), ip=ip)
    user = authenticate(request, username=payload.username, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
        raise ApiError(429, "locked", headers={"Retry-After": str(seconds)})
    if user is None or not user.is_active:
        raise ApiError(401, "bad_credentials")
    if user.must_change_password:
        # An administrator gave this password (a new account, a reset): the officer chooses
        # their own on the web first, as the pages require (tpmap.site.firstlogin).
        raise ApiError(403, "password_change_required")
    token, expires = token_issue(user=user, ip=ip)
    return {"token": token, "expires_at": expires.isoformat()}


@router.delete("/auth/token", response={204: None, 401: Any})
def token_delete(request: HttpRequest) -> Any:
    """Revoke the token of this request."""
    token_revoke(token_id=request.api_token_id)  # type: ignore[attr-defined]
    return Status(204, None)
