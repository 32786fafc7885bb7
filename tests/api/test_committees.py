"""Committees and their reports through the API: the same rules, scopes and audit as the
pages, the error shape, idempotent creates and 409 on a stale report."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from tests.api.conftest import Api
from tests.committees.kit import committee, real_pdf
from tpmap.accounts.models import AuditEvent
from tpmap.committees.models import Committee, Member, Order, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def ubon(people: dict[str, Any]) -> dict[str, Committee]:
    admin = people["prov_admin"]
    return {code: committee(admin, code) for code in ("34", "3401", "340101")}


def upload(api: Api, pk: int, content: bytes, **fields: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    data: dict[str, Any] = {"number": "9/2569", "signed_on": "2026-10-05", **fields}
    data["file"] = SimpleUploadedFile("o.pdf", content, content_type="application/pdf")
    return api.client.post(
        f"/api/v1/committees/{pk}/orders", data, headers={"Authorization": f"Bearer {api.token}"}
    )


def test_a_province_account_creates_a_committee_once_per_client_id(
    api_as: Callable[[str], Api],
) -> None:
    api = api_as("prov_admin")
    key = str(uuid.uuid4())
    r = api.post("/committees", {"area_code": "3402", "client_id": key})
    assert r.status_code == 201
    body = r.json()
    assert (body["area_code"], body["level"], body["name"]) == (
        "3402",
        "district",
        "ศจพ.อ.ศรีเมืองใหม่",
    )
    assert (body["members"], body["orders"], body["order"]) == ([], [], None)
    again = api.post("/committees", {"area_code": "3402", "client_id": key})
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert Committee.objects.count() == 1


def test_errors_have_the_api_shape(
    api_as: Callable[[str], Api], ubon: dict[str, Committee]
) -> None:
    r = api_as("prov_admin").post("/committees", {"area_code": "3401"})
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"area_code": ["พื้นที่นี้มี ศจพ. อยู่แล้ว"]}
    r = api_as("team").post("/committees", {"area_code": "340101"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    r = api_as("other_admin").get(f"/committees/{ubon['3401'].pk}")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    assert api_as("other_admin").get("/committees", area="34").status_code == 403


def test_the_list_and_the_members(api_as: Callable[[str], Api], ubon: dict[str, Committee]) -> None:
    chief = api_as("district")
    r = chief.get("/committees")
    assert r.status_code == 200
    assert [c["area_code"] for c in r.json()["items"]] == ["3401", "340101"]
    pk = ubon["3401"].pk
    r = chief.post(
        f"/committees/{pk}/members",
        {"name": "นายสมหมาย ใจงาม", "position": "นายอำเภอ", "role": "chair"},
    )
    assert r.status_code == 201 and r.json()["role"] == "chair"
    r = chief.post(f"/committees/{pk}/members", {"name": "ก", "position": "ข", "role": "chair"})
    assert r.status_code == 422 and r.json()["error"]["fields"] == {"role": ["ศจพ. นี้มีประธานแล้ว"]}
    members = chief.get(f"/committees/{pk}/members").json()["items"]
    assert [m["name"] for m in members] == ["นายสมหมาย ใจงาม"]
    r = chief.send("DELETE", f"/committees/{pk}/members/{members[0]['id']}")
    assert r.status_code == 204 and Member.objects.count() == 0
    r = chief.post(
        f"/committees/{ubon['340101'].pk}/members", {"name": "ก", "position": "ข", "role": "member"}
    )
    assert r.status_code == 403


def test_an_order_upload_is_checked_by_its_content(
    api_as: Callable[[str], Api], ubon: dict[str, Committee]
) -> None:
    api = api_as("district")
    pk = ubon["3401"].pk
    r = upload(api, pk, b"GIF89a not a pdf")
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"file": ["ไฟล์นี้ไม่ใช่ไฟล์ PDF"]}
    r = upload(api, pk, real_pdf(2))
    assert r.status_code == 201
    body = r.json()
    assert (body["number"], body["signed_on"], body["pages"]) == ("9/2569", "2026-10-05", 2)
    assert body["pdf_url"] == f"/open/committees/orders/{body['id']}.pdf"
    assert Order.objects.count() == 1
    listed = api.get(f"/committees/{pk}").json()
    assert listed["order"]["id"] == body["id"]


def test_a_report_through_the_api(api_as: Callable[[str], Api], ubon: dict[str, Committee]) -> None:
    chief = api_as("district")
    pk = ubon["3401"].pk
    r = chief.post(f"/committees/{pk}/reports", {"kind": "quarterly", "period_start": "2026-08-01"})
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"period_start": ["รอบรายงานไม่ถูกต้อง"]}
    r = chief.post(
        f"/committees/{pk}/reports",
        {"kind": "quarterly", "period_start": "2026-07-01", "results": "ผล"},
    )
    assert r.status_code == 201
    made = r.json()
    assert (made["status"], made["version"], made["deadline"]) == ("draft", 1, "2026-10-15")
    rid = made["id"]
    r = chief.send("PUT", f"/reports/{rid}", {"version": 1, "results": "ผลใหม่"})
    assert r.status_code == 200 and r.json()["version"] == 2
    r = chief.send("PUT", f"/reports/{rid}", {"version": 1, "results": "ทับ"})
    assert r.status_code == 409
    assert api_as("prov_admin").post(f"/reports/{rid}/submission", {}).status_code == 403
    assert api_as("other_admin").get(f"/reports/{rid}").status_code == 404
    r = chief.post(f"/reports/{rid}/submission", {"version": 2})
    assert r.status_code == 200
    done = r.json()
    assert (done["status"], done["version"], done["submitted_by"]) == ("submitted", 3, "district")
    assert done["figures"]["problems"] == {
        "open": 0,
        "in_progress": 0,
        "resolved": 0,
        "assigned": 0,
        "escalated": 0,
        "total": 0,
    }
    assert Report.objects.get(pk=rid).status == "submitted"
    r = api_as("prov_admin").get(
        f"/committees/{ubon['34'].pk}/consolidated", kind="quarterly", period_start="2026-07-01"
    )
    assert r.status_code == 200
    whole = r.json()
    assert whole["missing"] == [] and [c["area_code"] for c in whole["children"]] == ["3401"]
    assert AuditEvent.objects.filter(object_type="committee_report").count() == 3


def test_a_report_period_not_yet_begun_is_refused(
    api_as: Callable[[str], Api], ubon: dict[str, Committee]
) -> None:
    future = date.today().replace(day=1).replace(year=date.today().year + 1).isoformat()
    r = api_as("district").post(
        f"/committees/{ubon['3401'].pk}/reports", {"kind": "monthly", "period_start": future}
    )
    assert r.status_code == 422 and Report.objects.count() == 0
