"""The OpenAPI 3 document, the local Swagger UI, and schemathesis: requests generated from
the document (valid and not) against the app in-process, with a valid token, never get
a server error."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.api.conftest import Api

EXAMPLES = 15  # per operation: the whole test takes well under a minute
ENDPOINTS = {
    "/api/v1/auth/token": {"post", "delete"},
    "/api/v1/me": {"get"},
    "/api/v1/summary": {"get"},
    "/api/v1/households": {"get"},
    "/api/v1/households/{year}/{household_id}": {"get"},
    "/api/v1/households/{year}/{household_id}/problems": {"post"},
    "/api/v1/households/{year}/{household_id}/activities": {"post"},
    "/api/v1/households/{year}/{household_id}/pin": {"put"},
    "/api/v1/households/{year}/{household_id}/classification": {"put"},
    "/api/v1/households/{year}/{household_id}/mentor": {"put", "delete"},
    "/api/v1/problems/{pk}": {"get", "patch", "put", "delete"},
    "/api/v1/activities/{pk}": {"get", "patch", "put", "delete"},
    # The offline field app's (tpmap.field.api).
    "/api/v1/field/worklist": {"get"},
    "/api/v1/problems/{pk}/photos": {"post"},
    "/api/v1/additions": {"get", "post"},
    "/api/v1/additions/{pk}": {"get"},
    "/api/v1/additions/{pk}/decision": {"post"},
    "/api/v1/households/{year}/{household_id}/corrections": {"post"},
    "/api/v1/corrections/{pk}/reversal": {"post"},
    "/api/v1/corrections": {"get"},
    "/api/v1/households/{year}/{household_id}/assessments": {"post"},
    "/api/v1/assessments": {"get"},
    # F24 projects (tpmap.api.projects).
    "/api/v1/projects": {"get", "post"},
    "/api/v1/projects/{pk}": {"get", "put"},
    "/api/v1/projects/{pk}/emenscr.json": {"get"},
    # Mentors' case work (tpmap.api.casework).
    "/api/v1/households/{year}/{household_id}/visits": {"get", "post"},
    "/api/v1/visits/{pk}": {"get", "patch", "put", "delete"},
    "/api/v1/me/households": {"get"},
    "/api/v1/work-lists": {"get"},
    "/api/v1/work-lists/{slug}": {"get"},
    "/api/v1/provinces/{code}/settings": {"put"},
    # F17 the household development plan (tpmap.api.plans).
    "/api/v1/households/{year}/{household_id}/plan": {"get", "put"},
    "/api/v1/households/{year}/{household_id}/plan/actions": {"post"},
    "/api/v1/plan-actions/{pk}": {"get", "patch", "put", "delete"},
    "/api/v1/households/{year}/{household_id}/analysis": {"post"},
    "/api/v1/households/{year}/{household_id}/stage": {"post"},
    # Routing (tpmap.api.routing): the agency catalogue, the solution menu, a problem's
    # assignment, escalation, status and history.
    "/api/v1/agencies": {"get", "post"},
    "/api/v1/agencies/{pk}": {"patch"},
    "/api/v1/menu": {"get", "post"},
    "/api/v1/menu/{pk}": {"patch"},
    "/api/v1/problems/{pk}/events": {"get"},
    "/api/v1/problems/{pk}/assignment": {"post"},
    "/api/v1/problems/{pk}/escalation": {"post"},
    "/api/v1/problems/{pk}/status": {"post"},
    # Committees (F19) and their reports (F26): tpmap.api.committees.
    "/api/v1/committees": {"get", "post"},
    "/api/v1/committees/{pk}": {"get"},
    "/api/v1/committees/{pk}/members": {"get", "post"},
    "/api/v1/committees/{pk}/members/{member_pk}": {"delete"},
    "/api/v1/committees/{pk}/orders": {"get", "post"},
    "/api/v1/committees/{pk}/reports": {"get", "post"},
    "/api/v1/committees/{pk}/consolidated": {"get"},
    "/api/v1/reports/{pk}": {"get", "put"},
    "/api/v1/reports/{pk}/submission": {"post"},
    # The pivot and its saved views (tpmap.api.analytics).
    "/api/v1/analytics/pivot": {"get"},
    "/api/v1/analytics/views": {"get", "post"},
    "/api/v1/analytics/views/{pk}": {"delete"},
}


def test_the_openapi_document_lists_every_endpoint(db: Any) -> None:
    r = Api().get("/openapi.json")
    assert r.status_code == 200
    doc = r.json()
    assert doc["openapi"].startswith("3.")
    assert {p: set(ops) for p, ops in doc["paths"].items()} == ENDPOINTS
    assert doc["components"]["securitySchemes"]["BearerAuth"]["scheme"] == "bearer"


def test_the_docs_page_uses_local_assets_only(db: Any) -> None:
    r = Api().get("/docs")
    assert r.status_code == 200
    page = r.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn." not in page and "unpkg" not in page
    asset = Api().client.get("/static/ninja/swagger-ui-bundle.js")
    assert asset.status_code == 200


@pytest.fixture
def api_schema(fuzz_token: str) -> Iterator[Any]:
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    # As Django's test client does: requests must not close the test's connection (on
    # PostgreSQL that would end the test's transaction). After the token is made: the
    # test client connects the handlers again after each of its requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_token(api_as: Any, settings: Any) -> str:
    # Wide limits: the fuzzer should reach the endpoints, not the rate limiter.
    settings.TPMAP_RATE_LIMITS = {}
    token: str = api_as("prov_admin").token
    return token


def test_no_generated_request_gets_a_server_error(api_schema: Any, fuzz_token: str) -> None:
    """Every operation, a few examples each (derandomized: the same cases in every run)."""
    headers = {"Authorization": f"Bearer {fuzz_token}"}
    checked, seen = 0, set()
    for result in api_schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() == "DELETE" and operation.path == "/api/v1/auth/token":
            continue  # would end the token the other cases use

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            response = case.call(headers=headers)
            seen.add(response.status_code)
            assert response.status_code < 500, (case.method, case.path, response.text[:500])
            if response.status_code >= 400:
                assert set(response.json()) == {"error"}, response.text[:500]

        check()
        checked += 1
    assert checked == sum(len(ops) for ops in ENDPOINTS.values()) - 1
    assert {200, 404, 422} <= seen, seen  # it reached the endpoints, not only the parsers


def test_the_docs_page_works_under_the_site_content_security_policy(db: Any) -> None:
    import re

    r = Api().get("/docs")
    policy = r["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    # Swagger UI starts from ninja's static init file; the one inline <script> is JSON
    # data (not run, so the policy allows it).
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", r.content.decode(), flags=re.S)
    inline = [attrs for attrs, body in scripts if body.strip()]
    assert inline == [' type="application/json" id="swagger-settings"']
    assert all("src=" in attrs for attrs, body in scripts if not body.strip())
