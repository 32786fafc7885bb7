"""API tests: the warehouse and personas of tests/web_kit.py, and a client per persona
holding a bearer token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tests.web_kit import PASSWORD


@pytest.fixture(autouse=True)
def _web(web_settings: Any) -> None:
    """Every API test runs with the web settings of tests/web_kit.py."""


class Api:
    """A test client speaking JSON with an optional bearer token."""

    def __init__(self, token: str | None = None, lang: str | None = None) -> None:
        self.client = Client()
        self.token = token
        self.lang = lang

    def _headers(self) -> dict[str, str]:
        h: dict[str, str] = {}
        if self.token:
            h["Authorization"] = f"Bearer {self.token}"
        if self.lang:
            h["Accept-Language"] = self.lang
        return h

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{path}", params, headers=self._headers())

    def send(self, method: str, path: str, body: Any = None, raw: str | None = None) -> Any:
        import json

        data = raw if raw is not None else (json.dumps(body) if body is not None else "")
        return getattr(self.client, method.lower())(
            f"/api/v1{path}", data, content_type="application/json", headers=self._headers()
        )

    def post(self, path: str, body: Any = None) -> Any:
        return self.send("POST", path, body)


def login(username: str, password: str = PASSWORD) -> Any:
    return Api().post("/auth/token", {"username": username, "password": password})


@pytest.fixture
def api_as(people: dict[str, Any]) -> Callable[[str], Api]:
    """``api_as("district")``: a client with a fresh token of that persona."""

    def make(name: str) -> Api:
        response = login(name)
        assert response.status_code == 200, response.content
        return Api(response.json()["token"])

    return make
