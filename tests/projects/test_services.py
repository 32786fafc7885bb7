"""One test per rule of tpmap.projects.services (F24), with the database state after."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.projects.conftest import make, project_input
from tpmap.accounts.models import AuditEvent
from tpmap.logbook.models import Activity
from tpmap.projects import selectors, services, strategy
from tpmap.projects.models import Project
from tpmap.site.officers import Act
from tpmap.site.rules import StaleVersion

pytestmark = pytest.mark.django_db


def test_a_district_chief_makes_a_project_of_its_activities_with_an_audit_row(
    people: dict[str, Any], acts: dict[str, Activity]
) -> None:
    p = make(people["district"], activities=[acts["a1"].pk], areas=["3401", "340101"])
    p.refresh_from_db()
    assert (p.area_code, p.areas, p.version, p.fiscal_year) == ("3401", ["3401", "340101"], 1, 2569)
    assert (p.budget, p.strategy_target) == (Decimal("150000.00"), "110201")
    assert list(p.activities.values_list("pk", flat=True)) == [acts["a1"].pk]
    event = AuditEvent.objects.get(object_type="project")
    assert (event.action, event.area_code, event.actor_username) == ("create", "3401", "district")
    assert event.after["activities"] == [acts["a1"].pk]


def test_only_province_and_district_accounts_make_projects(people: dict[str, Any]) -> None:
    for name in ("team", "mentor", "national"):
        with pytest.raises(PermissionDenied):
            make(people[name], areas=["34"])
    assert make(people["prov_health"], areas=["34"]).area_code == "34"
    assert make(people["other_district"], areas=["3402"]).area_code == "3402"
    assert Project.objects.count() == 2


def test_every_missing_or_malformed_field_is_named_at_once_in_thai(
    people: dict[str, Any],
) -> None:
    bad = project_input(
        name=" ",
        agency="",
        budget=Decimal("-1"),
        strategy_target="11020",
        fiscal_year=2560,
        areas=[],
        start_on=date(2026, 9, 30),
        end_on=date(2025, 10, 1),
    )
    with pytest.raises(ValidationError) as e:
        services.project_create(Act(people["district"]), data=bad)
    assert e.value.message_dict == {
        "name": ["กรุณาระบุชื่อโครงการ"],
        "agency": ["กรุณาระบุหน่วยงานเจ้าของโครงการ"],
        "budget": ["งบประมาณต้องเป็นจำนวนเงินไม่ติดลบ ทศนิยมไม่เกิน 2 ตำแหน่ง"],
        "strategy_target": ["รหัสเป้าหมายแผนแม่บทย่อยต้องเป็นตัวเลข 6 หลัก เช่น 110201 (แผนแม่บท 01-23)"],
        "fiscal_year": ["ปีงบประมาณต้องเป็นปี พ.ศ. 2561-2580 (ช่วงยุทธศาสตร์ชาติ)"],
        "end_on": ["วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น"],
        "areas": ["กรุณาเลือกพื้นที่ดำเนินการอย่างน้อย 1 พื้นที่"],
    }
    with pytest.raises(ValidationError) as e:
        make(people["district"], budget=None, fiscal_year=None)
    assert set(e.value.message_dict) == {"budget", "fiscal_year"}
    assert Project.objects.count() == 0 and AuditEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("code", "ok"),
    [
        ("110201", True),
        ("170101", True),
        ("230199", True),
        ("240101", False),  # 23 master plans
        ("000101", False),
        ("110001", False),  # no sub-plan 00
        ("110200", False),  # no target 00
        ("11020a", False),
        ("๑๑๐๒๐๑", False),  # Thai digits: not the system's shape
        ("1102011", False),
    ],
)
def test_the_strategy_target_code_has_the_shape_of_a_sub_plan_target(code: str, ok: bool) -> None:
    assert (strategy.parse(code) is not None) is ok


def test_the_target_code_reads_as_master_plan_and_sub_plan() -> None:
    t = strategy.parse("110201")
    assert t is not None
    assert (t.master_plan, t.sub_plan, t.master_plan_name) == (
        "11",
        "1102",
        "การพัฒนาศักยภาพคนตลอดช่วงชีวิต",
    )


def test_areas_lie_inside_the_officers_area_and_exist(people: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as e:
        make(people["district"], areas=["3401", "3402", "34", "9999", "TH", "340101x"])
    assert e.value.message_dict["areas"] == [
        f"พื้นที่ {c} ไม่อยู่ในพื้นที่ของบัญชีนี้" for c in ("34", "340101x", "3402", "9999", "TH")
    ]
    p = make(people["prov_admin"], areas=["3402", "3401", "3401", "34010101"])
    assert p.areas == ["3401", "34010101", "3402"]


def test_activities_lie_inside_the_projects_areas_without_telling_what_exists_elsewhere(
    people: dict[str, Any], acts: dict[str, Activity]
) -> None:
    a1, a4 = acts["a1"].pk, acts["a4"].pk
    with pytest.raises(ValidationError) as e:
        make(people["district"], activities=[a1, a4, 999999])
    assert e.value.message_dict == {
        "activities": [f"ไม่พบกิจกรรมในพื้นที่ดำเนินการของโครงการ: {a4}, 999999"]
    }
    assert Project.objects.count() == 0
    p = make(people["prov_admin"], areas=["34"], activities=[a4, a1, a1])
    assert sorted(p.activities.values_list("pk", flat=True)) == [a1, a4]


def test_a_repeated_client_id_returns_the_first_project(people: dict[str, Any]) -> None:
    cid = uuid.uuid4()
    first = make(people["district"], client_id=cid)
    again = make(people["district"], client_id=cid, name="อีกโครงการ")
    assert again.pk == first.pk and Project.objects.count() == 1


def test_a_change_raises_the_version_and_a_stale_one_is_refused(
    people: dict[str, Any], acts: dict[str, Activity]
) -> None:
    p = make(people["district"])
    changed = services.project_update(
        Act(people["district"], expected_version=1),
        project=p,
        data=project_input(budget=Decimal("200000"), activities=[acts["a1"].pk]),
    )
    assert (changed.version, changed.budget) == (2, Decimal("200000.00"))
    assert changed.activities.count() == 1
    with pytest.raises(StaleVersion) as e:
        services.project_update(
            Act(people["district"], expected_version=1), project=p, data=project_input()
        )
    assert e.value.current == 2
    event = AuditEvent.objects.get(object_type="project", action="change")
    assert (event.before["budget"], event.after["budget"]) == (150000.0, 200000.0)
    assert (event.before["activities"], event.after["activities"]) == ([], [acts["a1"].pk])


def test_a_province_changes_its_districts_projects_but_another_district_cannot(
    people: dict[str, Any],
) -> None:
    p = make(people["district"])
    with pytest.raises(PermissionDenied):
        services.project_update(Act(people["other_district"]), project=p, data=project_input())
    with pytest.raises(PermissionDenied):
        services.project_update(Act(people["other_admin"]), project=p, data=project_input())
    done = services.project_update(
        Act(people["prov_admin"]), project=p, data=project_input(areas=["340101"])
    )
    # The project keeps the area it was made in: a province account cannot widen it.
    assert (done.area_code, done.areas) == ("3401", ["340101"])
    with pytest.raises(ValidationError):
        services.project_update(
            Act(people["prov_admin"]), project=p, data=project_input(areas=["3402"])
        )


def test_officers_see_the_projects_of_their_area_only(people: dict[str, Any]) -> None:
    mine = make(people["district"])
    theirs = make(people["other_district"], areas=["3402"])
    province = make(people["prov_admin"], areas=["34"])

    def seen(name: str) -> set[int]:
        return set(selectors.visible_projects(people[name]).values_list("pk", flat=True))

    assert seen("district") == {mine.pk}
    assert seen("team") == set()  # its area (340101) holds no project's area
    assert seen("prov_health") == {mine.pk, theirs.pk, province.pk}
    assert seen("national") == {mine.pk, theirs.pk, province.pk}
    assert seen("other_admin") == set()


def test_an_export_is_audited(people: dict[str, Any]) -> None:
    p = make(people["district"])
    services.project_exported(people["prov_admin"], p, fmt="xlsx", ip="10.0.0.1")
    event = AuditEvent.objects.get(action="export")
    assert (event.object_type, event.object_id, event.after, event.ip) == (
        "project",
        str(p.pk),
        {"format": "xlsx"},
        "10.0.0.1",
    )


def test_a_client_id_another_account_used_is_refused_not_a_server_error(
    people: dict[str, Any],
) -> None:
    cid = uuid.uuid4()
    make(people["district"], client_id=cid)
    with pytest.raises(ValidationError) as e:
        make(people["prov_admin"], areas=["34"], client_id=cid)
    assert e.value.message_dict == {"client_id": ["รหัสอ้างอิง (client_id) นี้ถูกใช้แล้ว"]}
    assert Project.objects.count() == 1
