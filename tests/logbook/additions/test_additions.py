"""Additions (F12, group 4): one test per rule of services.addition_create and
services.addition_decide, the chief's list and the decision pages."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from tests.logbook.fieldwork_kit import NEW_NID, TODAY, addition_input
from tests.logbook.pages import text
from tests.web_kit import H1, YEAR
from tpmap.accounts.models import AuditEvent
from tpmap.logbook import services
from tpmap.logbook.models import Addition
from tpmap.site.officers import Act
from tpmap.site.warehouse import Warehouse

pytestmark = pytest.mark.django_db
SOMCHAI = "1100000000016"  # in H1 (Nai Mueang)
THONGDEE = "1100000000091"  # in H4 (another district)


def propose(officer: Any, wh: Warehouse, **kw: Any) -> Addition:
    return services.addition_create(
        Act(officer, ip="10.0.0.1", today=TODAY), wh=wh, data=addition_input(**kw)
    )


def decide(officer: Any, addition: Addition, **kw: Any) -> Addition:
    return services.addition_decide(
        Act(officer), addition=addition, data=services.DecisionInput(**kw)
    )


def refused(officer: Any, wh: Warehouse, **kw: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as e:
        propose(officer, wh, **kw)
    assert Addition.objects.count() == 0
    return e.value.message_dict


def test_a_team_member_proposes_a_person_without_a_household_and_it_waits(
    people: dict[str, Any], wh: Warehouse
) -> None:
    a = propose(people["team"], wh, nid=NEW_NID)
    a.refresh_from_db()
    assert (a.status, a.place, a.household_id, a.nid, a.village_code) == (
        "pending",
        "none",
        "",
        NEW_NID,
        "34010101",
    )
    event = AuditEvent.objects.get(object_type="addition")
    assert event.action == "create" and NEW_NID not in str(event.after)
    assert event.after["nid"] == "x-xxxx-xxxxx-23-47"


def test_a_person_in_a_surveyed_household_takes_its_village(
    people: dict[str, Any], wh: Warehouse
) -> None:
    assert refused(people["team"], wh, household_id=H1, village_code="34010102") == {
        "village_code": ["หมู่บ้านไม่ตรงกับหมู่บ้านของครัวเรือน"]
    }
    a = propose(people["team"], wh, household_id=H1)
    assert (a.place, a.household_id) == ("surveyed", H1)


def test_a_new_household_keeps_its_house_number(people: dict[str, Any], wh: Warehouse) -> None:
    a = propose(people["team"], wh, new_household=True, house_no="88")
    assert (a.place, a.house_no) == ("new", "88")


def test_an_addition_without_a_name_or_village_is_refused_whole(
    people: dict[str, Any], wh: Warehouse
) -> None:
    assert refused(people["team"], wh, first_name=" ", last_name="", village_code="") == {
        "village_code": ["กรุณาเลือกหมู่บ้าน"],
        "first_name": ["กรุณาระบุชื่อ"],
        "last_name": ["กรุณาระบุนามสกุล"],
    }


def test_a_bad_nid_checksum_is_refused(people: dict[str, Any], wh: Warehouse) -> None:
    assert refused(people["team"], wh, nid="3340100012340") == {
        "nid": ["เลขประจำตัวประชาชนไม่ถูกต้อง (ต้องมี 13 หลักและเลขตรวจสอบถูกต้อง)"]
    }


def test_a_surveyed_nid_is_refused_with_its_household_masked(
    people: dict[str, Any], wh: Warehouse
) -> None:
    assert refused(people["team"], wh, nid=SOMCHAI) == {
        "nid": [f"เลขประจำตัวประชาชนลงท้าย 0016 มีอยู่แล้วในครัวเรือนที่สำรวจ รหัสบ้าน {H1}"]
    }
    # A household outside the officer's area is named by its last 4 characters only.
    message = refused(people["team"], wh, nid=THONGDEE)["nid"][0]
    assert message == "เลขประจำตัวประชาชนลงท้าย 0091 มีอยู่แล้วในครัวเรือนที่สำรวจ รหัสบ้าน •••••••0004"
    assert THONGDEE not in message


def test_a_nid_already_proposed_is_refused(people: dict[str, Any], wh: Warehouse) -> None:
    propose(people["team"], wh, nid=NEW_NID)
    with pytest.raises(ValidationError) as e:
        propose(people["district"], wh, nid=NEW_NID)
    assert e.value.message_dict == {"nid": ["เลขประจำตัวประชาชนลงท้าย 2347 ถูกเสนอเพิ่มไว้แล้ว"]}
    assert Addition.objects.count() == 1


def test_a_village_outside_the_officer_area_is_refused(
    people: dict[str, Any], wh: Warehouse
) -> None:
    assert refused(people["team"], wh, village_code="34020101") == {
        "village_code": ["หมู่บ้านนี้อยู่นอกพื้นที่ของบัญชีนี้"]
    }
    assert refused(people["team"], wh, village_code="99999999") == {
        "village_code": ["รหัสหมู่บ้านไม่ถูกต้อง"]
    }


def test_birth_date_or_age_is_required_and_checked(people: dict[str, Any], wh: Warehouse) -> None:
    assert refused(people["team"], wh, age=None) == {"birth_date": ["กรุณาระบุวันเกิดหรืออายุ"]}
    assert refused(people["team"], wh, age=None, birth_date=date(2026, 12, 5)) == {
        "birth_date": ["วันที่ต้องไม่เป็นวันในอนาคต"]
    }
    assert refused(people["team"], wh, age=131) == {"age": ["อายุต้องอยู่ระหว่าง 0 ถึง 130 ปี"]}


def test_a_reason_is_required(people: dict[str, Any], wh: Warehouse) -> None:
    assert refused(people["team"], wh, reason="") == {"reason": ["กรุณาระบุเหตุผลที่เพิ่ม"]}


def test_the_district_chief_approves_after_the_identity_check_and_it_is_audited(
    people: dict[str, Any], wh: Warehouse
) -> None:
    a = propose(people["team"], wh)
    with pytest.raises(ValidationError) as e:
        decide(people["district"], a, approve=True)
    assert e.value.message_dict == {"identity_checked": ["ต้องตรวจสอบตัวตนกับทะเบียนราษฎรก่อนอนุมัติ"]}
    a.refresh_from_db()
    assert a.status == "pending"
    decide(people["district"], a, approve=True, identity_checked=True, note="ตรวจทะเบียนบ้าน")
    a.refresh_from_db()
    assert (a.status, a.identity_checked, a.decided_by, a.decision_note) == (
        "approved",
        True,
        people["district"],
        "ตรวจทะเบียนบ้าน",
    )
    assert a.decided_at is not None
    event = AuditEvent.objects.get(object_type="addition", action="change")
    assert (event.before["status"], event.after["status"]) == ("pending", "approved")
    with pytest.raises(ValidationError) as e:
        decide(people["district"], a, approve=False, note="x")
    assert e.value.message_dict == {"approve": ["รายการนี้ได้รับการพิจารณาแล้ว"]}


def test_a_rejection_keeps_its_reason(people: dict[str, Any], wh: Warehouse) -> None:
    a = propose(people["team"], wh)
    with pytest.raises(ValidationError) as e:
        decide(people["district"], a, approve=False)
    assert e.value.message_dict == {"note": ["กรุณาระบุเหตุผลที่ไม่อนุมัติ"]}
    decide(people["district"], a, approve=False, note="ไม่พบในทะเบียนราษฎร")
    a.refresh_from_db()
    assert (a.status, a.decision_note) == ("rejected", "ไม่พบในทะเบียนราษฎร")


def test_the_proposer_a_team_a_mentor_and_another_district_cannot_decide(
    people: dict[str, Any], wh: Warehouse, other_chief: Any
) -> None:
    a = propose(people["district"], wh)
    for who in (people["district"], people["team"], people["prov_health"], other_chief):
        with pytest.raises(PermissionDenied):
            decide(who, a, approve=True, identity_checked=True)
    a.refresh_from_db()
    assert a.status == "pending"
    # A higher account of the area may.
    decide(people["prov_admin"], a, approve=True, identity_checked=True)
    a.refresh_from_db()
    assert (a.status, a.decided_by) == ("approved", people["prov_admin"])


def test_the_chief_lists_the_pending_additions_of_the_district_and_approves(
    client: Client, people: dict[str, Any], wh: Warehouse
) -> None:
    a = propose(people["team"], wh, nid=NEW_NID)
    client.force_login(people["district"])
    page = text(client.get("/additions/"))
    assert "นางบัวผัน ตกหล่น" in page and "2347" in page and NEW_NID not in page
    assert NEW_NID not in text(client.get(f"/additions/{a.pk}/"))
    r = client.post(f"/additions/{a.pk}/decision/", {"approve": "1", "note": ""})
    assert r.status_code == 400 and "ต้องตรวจสอบตัวตนกับทะเบียนราษฎรก่อนอนุมัติ" in text(r)
    r = client.post(
        f"/additions/{a.pk}/decision/", {"approve": "1", "identity_checked": "on", "note": "ok"}
    )
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.status == "approved"
    assert "นางบัวผัน" not in text(client.get("/additions/"))  # no longer pending
    assert "นางบัวผัน" in text(client.get("/additions/?status=approved"))


def test_a_chief_of_another_district_gets_403_and_changes_nothing(
    client: Client, people: dict[str, Any], wh: Warehouse, other_chief: Any
) -> None:
    a = propose(people["team"], wh)
    client.force_login(other_chief)
    assert client.get(f"/additions/{a.pk}/").status_code == 404
    r = client.post(f"/additions/{a.pk}/decision/", {"approve": "1", "identity_checked": "on"})
    assert r.status_code == 403
    a.refresh_from_db()
    assert a.status == "pending"


def test_the_form_never_writes_the_nid_back(client: Client, people: dict[str, Any]) -> None:
    client.force_login(people["team"])
    r = client.post(
        "/additions/new/",
        {
            "year": str(YEAR),
            "village_code": "34010101",
            "nid": SOMCHAI,
            "first_name": "ก",
            "last_name": "ข",
            "age": "30",
            "reason": "ตกหล่น",
        },
    )
    assert r.status_code == 400
    assert SOMCHAI not in text(r) and "ลงท้าย 0016" in text(r)
    r = client.post(
        "/additions/new/",
        {
            "year": str(YEAR),
            "village_code": "34010101",
            "nid": NEW_NID,
            "first_name": "ก",
            "last_name": "ข",
            "age": "30",
            "reason": "ตกหล่น",
        },
    )
    assert r.status_code == 302
    assert Addition.objects.get().nid == NEW_NID
