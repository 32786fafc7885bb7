"""Visit outcomes and corrections (F13): one test per rule of services.correction_create
and services.correction_reverse, the household page's marks and the search's."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from tests.logbook.fieldwork_kit import HH1, HH4, TODAY
from tests.logbook.images import webp
from tests.logbook.pages import text
from tests.web_kit import H1, YEAR
from tpmap.accounts.models import AuditEvent
from tpmap.logbook import services
from tpmap.logbook.models import Correction, Photo
from tpmap.logbook.photos import clean_photo
from tpmap.site.officers import Act
from tpmap.site.warehouse import Warehouse

pytestmark = pytest.mark.django_db


def member_no(wh: Warehouse, first_name: str) -> int:
    members = services.household_members(wh, HH1)
    return next(no for no, name in members.items() if first_name in name)


def record(officer: Any, wh: Warehouse, **kw: Any) -> Correction:
    args: dict[str, Any] = {"kind": "deceased", "effective_on": date(2026, 11, 30)}
    args.update(kw)
    return services.correction_create(
        Act(officer, today=TODAY), wh=wh, household=HH1, data=services.CorrectionInput(**args)
    )


def test_the_household_members_are_the_warehouse_members(wh: Warehouse) -> None:
    assert sorted(services.household_members(wh, HH1).values()) == [
        "นางสมศรี ใจดี",
        "นายสมชาย ใจดี",
        "เด็กชายสมหวัง ใจดี",
    ]


def test_a_team_member_marks_a_member_deceased_with_a_photo_and_it_is_audited(
    people: dict[str, Any], wh: Warehouse
) -> None:
    somsri = member_no(wh, "สมศรี")
    c = record(
        people["team"], wh, member_no=somsri, note="เสียชีวิตเมื่อปลายเดือน", photos=[clean_photo(webp())]
    )
    c.refresh_from_db()
    assert (c.kind, c.member_no, c.member_name, c.village_code) == (
        "deceased",
        somsri,
        "นางสมศรี ใจดี",
        "34010101",
    )
    assert c.excludes and c.active
    assert list(Photo.objects.filter(correction=c).values_list("kind", flat=True)) == ["correction"]
    event = AuditEvent.objects.get(object_type="correction")
    assert (event.action, event.household_id, event.after["kind"]) == ("create", H1, "deceased")


def test_a_correction_of_a_member_that_does_not_exist_is_refused(
    people: dict[str, Any], wh: Warehouse
) -> None:
    with pytest.raises(ValidationError) as e:
        record(people["team"], wh, member_no=99)
    assert e.value.message_dict == {"member_no": ["ไม่พบสมาชิกลำดับนี้ในครัวเรือน"]}
    assert Correction.objects.count() == 0


def test_a_correction_dated_in_the_future_is_refused(people: dict[str, Any], wh: Warehouse) -> None:
    with pytest.raises(ValidationError) as e:
        record(people["team"], wh, effective_on=date(2026, 12, 2))
    assert e.value.message_dict == {"effective_on": ["วันที่ต้องไม่เป็นวันในอนาคต"]}
    assert Correction.objects.count() == 0


def test_wrong_data_needs_the_field_and_its_correct_value(
    people: dict[str, Any], wh: Warehouse
) -> None:
    with pytest.raises(ValidationError) as e:
        record(people["team"], wh, kind="wrong_data")
    assert e.value.message_dict == {
        "field_name": ["กรุณาเลือกข้อมูลที่ไม่ถูกต้อง"],
        "correct_value": ["กรุณาระบุค่าที่ถูกต้อง"],
    }
    # A member's field is not a household's field.
    with pytest.raises(ValidationError) as e:
        record(people["team"], wh, kind="wrong_data", field_name="first_name", correct_value="x")
    assert e.value.message_dict == {"field_name": ["กรุณาเลือกข้อมูลที่ไม่ถูกต้อง"]}
    c = record(people["team"], wh, kind="wrong_data", field_name="house_no", correct_value="12/4")
    assert (c.field_name, c.correct_value, c.excludes) == ("house_no", "12/4", False)


def test_an_unknown_kind_is_refused(people: dict[str, Any], wh: Warehouse) -> None:
    with pytest.raises(ValidationError) as e:
        record(people["team"], wh, kind="emigrated")
    assert e.value.message_dict == {"kind": ["ผลการเยี่ยมบ้านไม่ถูกต้อง"]}


def test_only_one_outcome_is_active_per_member_until_reversed(
    people: dict[str, Any], wh: Warehouse
) -> None:
    somsri = member_no(wh, "สมศรี")
    first = record(people["team"], wh, member_no=somsri)
    with pytest.raises(ValidationError) as e:
        record(people["team"], wh, member_no=somsri, kind="moved_out")
    assert e.value.message_dict == {"kind": ["มีผลการเยี่ยมบ้าน “เสียชีวิต” อยู่แล้ว กรุณายกเลิกรายการเดิมก่อน"]}
    services.correction_reverse(Act(people["district"]), wh=wh, correction=first, reason="บันทึกผิดคน")
    second = record(people["team"], wh, member_no=somsri, kind="moved_out")
    assert Correction.objects.filter(reversed_at__isnull=True).get() == second


def test_a_reversal_keeps_the_row_with_who_when_and_why_and_is_audited(
    people: dict[str, Any], wh: Warehouse
) -> None:
    c = record(people["team"], wh, kind="not_poor")
    with pytest.raises(ValidationError) as e:
        services.correction_reverse(Act(people["team"]), wh=wh, correction=c, reason=" ")
    assert e.value.message_dict == {"reason": ["กรุณาระบุเหตุผลที่ยกเลิก"]}
    services.correction_reverse(Act(people["team"]), wh=wh, correction=c, reason="ผิดบ้าน")
    c.refresh_from_db()
    assert (c.active, c.reversed_by, c.reversed_reason) == (False, people["team"], "ผิดบ้าน")
    assert Correction.objects.count() == 1
    event = AuditEvent.objects.filter(object_type="correction", action="change").get()
    assert event.before["reversed_at"] is None and event.after["reversed_reason"] == "ผิดบ้าน"
    with pytest.raises(ValidationError) as e:
        services.correction_reverse(Act(people["team"]), wh=wh, correction=c, reason="อีกครั้ง")
    assert e.value.message_dict == {"reason": ["รายการนี้ถูกยกเลิกไปแล้ว"]}


def test_a_household_outside_the_officer_area_cannot_be_corrected(
    people: dict[str, Any], wh: Warehouse
) -> None:
    with pytest.raises(PermissionDenied):
        services.correction_create(
            Act(people["team"], today=TODAY),
            wh=wh,
            household=HH4,
            data=services.CorrectionInput(kind="moved_out", effective_on=TODAY),
        )
    c = record(people["team"], wh)
    with pytest.raises(PermissionDenied):
        services.correction_reverse(Act(people["other_district"]), wh=wh, correction=c, reason="x")
    assert Correction.objects.get().active


def test_the_same_client_id_returns_the_record_already_made(
    people: dict[str, Any], wh: Warehouse
) -> None:
    import uuid

    key = uuid.uuid4()
    a = record(people["team"], wh, kind="found", client_id=key)
    b = record(people["team"], wh, kind="found", client_id=key)
    assert a.pk == b.pk and Correction.objects.count() == 1


def test_the_household_page_marks_the_household_and_the_member(
    client: Client, people: dict[str, Any], wh: Warehouse
) -> None:
    client.force_login(people["team"])
    somsri = member_no(wh, "สมศรี")
    r = client.post(
        f"/households/{YEAR}/{H1}/visit/",
        {"member_no": str(somsri), "kind": "deceased", "effective_on": "2026-11-30"},
    )
    assert r.status_code == 302 and r["Location"] == f"/households/{YEAR}/{H1}/#visits"
    page = text(client.get(f"/households/{YEAR}/{H1}/"))
    assert 'data-key="member-excluded">เสียชีวิต</span>' in page
    assert 'data-key="excluded"' not in page
    r = client.post(
        f"/households/{YEAR}/{H1}/visit/", {"kind": "moved_out", "effective_on": "2026-11-30"}
    )
    assert r.status_code == 302
    page = text(client.get(f"/households/{YEAR}/{H1}/"))
    assert "ออกจากรายการติดตาม: ย้ายออก" in page
    r = client.get("/households/", {"year": str(YEAR), "status": "all", "q": "สมชาย"})
    assert '<span class="mark out" data-key="excluded">ย้ายออก</span>' in text(r)


def test_the_form_refuses_a_member_that_does_not_exist_with_a_400(
    client: Client, people: dict[str, Any]
) -> None:
    client.force_login(people["team"])
    r = client.post(
        f"/households/{YEAR}/{H1}/visit/",
        {"member_no": "42", "kind": "deceased", "effective_on": "2026-11-30"},
    )
    assert r.status_code == 400 and "ไม่พบสมาชิกลำดับนี้ในครัวเรือน" in text(r)
    assert Correction.objects.count() == 0


def test_the_reverse_page_reverses_with_a_reason(
    client: Client, people: dict[str, Any], wh: Warehouse
) -> None:
    c = record(people["team"], wh, kind="not_found")
    client.force_login(people["district"])
    assert client.post(f"/corrections/{c.pk}/reverse/", {"reason": ""}).status_code == 400
    r = client.post(f"/corrections/{c.pk}/reverse/", {"reason": "พบตัวแล้ว"})
    assert r.status_code == 302
    c.refresh_from_db()
    assert (c.active, c.reversed_reason) == (False, "พบตัวแล้ว")
    client.force_login(people["other_district"])
    assert client.get(f"/corrections/{c.pk}/reverse/").status_code == 404
