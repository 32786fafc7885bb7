"""Area scopes: an account sees and writes only households whose village code starts with
the account's area code (``TH`` sees the whole country). Every household read and write of
the Logbook goes through these helpers."""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from django.db.models import Q, QuerySet

from tpmap.core.areas import COUNTRY_CODE

M = TypeVar("M")


class Scoped(Protocol):
    """Who the scope helpers judge: an officer's account or the anonymous visitor (who has
    no ``area_code`` and so sees nothing)."""

    @property
    def is_authenticated(self) -> bool: ...

    @property
    def is_active(self) -> bool: ...


def area_within(code: str, scope: str) -> bool:
    """True when area ``code`` lies inside (or is) the area ``scope``."""
    return scope == COUNTRY_CODE or (code != COUNTRY_CODE and code.startswith(scope))


def in_scope(user: Scoped, village_code: str | None) -> bool:
    """May ``user`` see the household of ``village_code``?"""
    if not village_code or not getattr(user, "is_authenticated", False):
        return False
    area = getattr(user, "area_code", "")
    if not area or not getattr(user, "is_active", False):
        return False
    return area_within(village_code, area)


def scope_prefix(user: Scoped) -> str | None:
    """The village-code prefix of the user's area; '' for the whole country; None: nothing."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    area = getattr(user, "area_code", "") or None
    if area is None:
        return None
    return "" if area == COUNTRY_CODE else area


def narrow(user: Scoped, area_code: str | None) -> str | None:
    """The area to read when ``user`` asks for ``area_code`` (None/'' = their whole area):
    the asked area when inside their scope, their own area when wider, None when outside."""
    prefix = scope_prefix(user)
    if prefix is None:
        return None
    own = prefix or COUNTRY_CODE
    if not area_code or area_code == COUNTRY_CODE:
        return own
    if area_within(area_code, own):
        return area_code
    if area_within(own, area_code):
        return own
    return None


def scope_filter(
    user: Scoped, qs: QuerySet[Any, M], field: str = "village_code"
) -> QuerySet[Any, M]:
    """Restrict a queryset of records that carry a village code to the user's area."""
    prefix = scope_prefix(user)
    if prefix is None:
        return qs.none()
    if prefix == "":
        return qs
    return qs.filter(Q(**{f"{field}__startswith": prefix}))
