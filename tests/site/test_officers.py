"""The acting officer of a request, as the services take it."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from tpmap.site.officers import officer_of


def request_of(user: Any) -> Any:
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.django_db
def test_a_logged_in_officer_is_the_acting_officer(people: dict[str, Any]) -> None:
    assert officer_of(request_of(people["district"])) == people["district"]


@pytest.mark.django_db
def test_the_public_and_a_deactivated_account_act_as_nobody(people: dict[str, Any]) -> None:
    team = people["team"]
    team.is_active = False
    for user in (AnonymousUser(), team):
        with pytest.raises(PermissionDenied):
            officer_of(request_of(user))
