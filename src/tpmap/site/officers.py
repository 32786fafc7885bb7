"""The acting officer of a request, typed: what services take."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from tpmap.accounts.models import User


def officer_of(request: HttpRequest) -> User:
    """The logged-in officer (views behind ``login_required``); anyone else is refused."""
    user = request.user
    if not isinstance(user, User) or not user.is_active:
        raise PermissionDenied
    return user
