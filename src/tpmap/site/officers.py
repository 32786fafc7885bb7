"""The acting officer of a request, typed: what services take. Every write service takes an
:class:`Act` first: who writes, from where, on which version read and on which day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone

from tpmap.accounts.audit import client_ip
from tpmap.accounts.models import User


def officer_of(request: HttpRequest) -> User:
    """The logged-in officer (views behind ``login_required``); anyone else is refused."""
    user = request.user
    if not isinstance(user, User) or not user.is_active:
        raise PermissionDenied
    return user


@dataclass(frozen=True, slots=True)
class Act:
    """Who writes (``officer``) and from where (``ip``, audited); ``expected_version``: the
    version of the record the writer read (None: not checked; 0: there was none);
    ``today``: the writer's day (None: the server's local date)."""

    officer: User
    ip: str | None = None
    expected_version: int | None = None
    today: date | None = None

    @property
    def day(self) -> date:
        return self.today or timezone.localdate()


def act_of(request: HttpRequest, expected_version: int | None = None) -> Act:
    """The act of the request's officer, from the request's address."""
    return Act(officer_of(request), client_ip(request), expected_version)
