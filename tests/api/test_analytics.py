"""The pivot and its saved views in the API (tpmap.api.analytics): the same figures and
rules as the page /analytics/ (tests/dashboard/test_analytics.py)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.dashboard.test_monitor import fixed_today, logbook
from tpmap.accounts.models import AuditEvent
from tpmap.dashboard.models import PivotView

pytestmark = pytest.mark.django_db
__all__ = ["fixed_today", "logbook"]


def test_the_pivot_of_the_caller_s_area(api_as: Any, logbook: None) -> None:
    r = api_as("prov_health").get("/analytics/pivot", cols="status", area="TH")
    assert r.status_code == 200
    doc = r.json()
    assert (doc["area"], doc["year"], doc["measure"]) == ("34", 2566, "จำนวนปัญหา")
    assert [row["key"] for row in doc["rows"]] == ["3401", "3402"]
    # Every status of a problem's life (routing's assigned and escalated among them).
    assert [c["key"] for c in doc["columns"]] == [
        "open",
        "assigned",
        "in_progress",
        "resolved",
        "escalated",
    ]
    assert doc["cells"] == [[2, 0, 1, 1, 0], [1, 0, 0, 0, 0]]
    assert (doc["row_totals"], doc["column_totals"], doc["total"]) == (
        [4, 1],
        [3, 0, 1, 1, 0],
        5,
    )
    stats = api_as("prov_health").get("/analytics/pivot", source="statistics").json()
    assert stats["cells"] == [[3, 2, 2, 5, 0], [0, 0, 0, 1, 0]]
    assert stats["row_totals"] is None and stats["column_totals"] == [3, 2, 2, 6, 0]
    assert api_as("prov_health").get("/analytics/pivot", year="2400").status_code == 404


def test_saving_a_view_once_with_a_client_id(api_as: Any) -> None:
    api = api_as("district")
    key = str(uuid.uuid4())
    body = {"name": "ปัญหา", "area": "3401", "query": "cols=status", "client_id": key}
    first = api.post("/analytics/views", body)
    assert first.status_code == 201
    assert first.json()["query"] == "source=problems&rows=area&cols=status&measure=records"
    again = api.post("/analytics/views", body)
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert PivotView.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="pivotview").count() == 1
    listed = api_as("prov_admin").get("/analytics/views").json()["views"]
    assert [v["id"] for v in listed] == [first.json()["id"]]
    assert api_as("other_admin").get("/analytics/views").json()["views"] == []


def test_a_view_outside_the_area_is_422_and_nothing_is_saved(api_as: Any) -> None:
    r = api_as("district").post("/analytics/views", {"name": "x", "area": "35"})
    assert r.status_code == 422 and list(r.json()["error"]["fields"]) == ["area"]
    r = api_as("district").post("/analytics/views", {"name": "", "area": "3401"})
    assert r.status_code == 422 and "name" in r.json()["error"]["fields"]
    assert not PivotView.objects.exists()


def test_only_the_owner_deletes_and_others_do_not_see_it(api_as: Any) -> None:
    made = api_as("district").post("/analytics/views", {"name": "x", "area": "3401"}).json()
    path = f"/analytics/views/{made['id']}"
    assert api_as("other_admin").send("DELETE", path).status_code == 404
    r = api_as("prov_admin").send("DELETE", path)
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    assert api_as("district").send("DELETE", path).status_code == 204
    assert not PivotView.objects.exists()
