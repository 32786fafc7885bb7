"""Every rule of the committees' writes, asked of the services: who may do what, the
order's PDF check and deadline, the report's periods, submission and late flag."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tests.committees.kit import committee, fake_pdf, jpeg, order, real_pdf
from tpmap.accounts.models import AuditEvent
from tpmap.committees import pdfcheck, periods, selectors, services
from tpmap.committees.models import Committee, Member, Order, Report
from tpmap.site.officers import Act
from tpmap.site.rules import RuleError, StaleVersion

pytestmark = pytest.mark.django_db


def fields_of(e: pytest.ExceptionInfo[RuleError]) -> dict[str, list[str]]:
    return dict(e.value.message_dict)


# -- committees --------------------------------------------------------------------------
def test_a_province_account_sets_up_its_district_and_team_committees(
    people: dict[str, Any],
) -> None:
    p = committee(people["prov_admin"], "34")
    d = committee(people["prov_health"], "3401")
    t = committee(people["prov_admin"], "340101")
    assert (p.level, p.name) == ("province", "ศจพ.จ.อุบลราชธานี")
    assert (d.level, d.name) == ("district", "ศจพ.อ.เมืองอุบลราชธานี")
    assert (t.level, t.name) == ("team", "ทีมปฏิบัติการตำบลในเมือง")
    assert AuditEvent.objects.filter(object_type="committee", action="create").count() == 3


def test_a_bangkok_area_gets_the_bangkok_levels(people: dict[str, Any]) -> None:
    national = people["national"]
    assert committee(national, "10").name == "ศจพ.กทม."
    assert committee(national, "1001").level == "bangkok_district"


def test_a_district_chief_sets_up_only_his_district_committee(people: dict[str, Any]) -> None:
    chief = people["district"]
    assert committee(chief, "3401").area_code == "3401"
    with pytest.raises(PermissionDenied):
        committee(chief, "340101")  # the teams' committees are the province's to set up
    assert not Committee.objects.filter(area_code="340101").exists()


@pytest.mark.parametrize("who", ["team", "mentor", "other_district"])
def test_field_accounts_may_not_set_up_committees(people: dict[str, Any], who: str) -> None:
    area = people[who].area_code
    with pytest.raises(PermissionDenied):
        committee(people[who], area)
    assert Committee.objects.count() == 0


def test_an_area_outside_the_officer_or_not_an_area_is_refused(people: dict[str, Any]) -> None:
    with pytest.raises(RuleError) as e:
        committee(people["prov_admin"], "3501")
    assert fields_of(e) == {"area_code": ["พื้นที่นี้อยู่นอกพื้นที่ของบัญชีนี้"]}
    for bad in ("34010101", "TH", "99", "abc"):
        with pytest.raises(RuleError) as e:
            committee(people["national"], bad)
        assert fields_of(e) == {"area_code": ["รหัสพื้นที่ต้องเป็นจังหวัด อำเภอ หรือตำบล"]}
    assert Committee.objects.count() == 0


def test_an_area_has_one_committee(people: dict[str, Any]) -> None:
    committee(people["prov_admin"], "3401")
    with pytest.raises(RuleError) as e:
        committee(people["district"], "3401")
    assert fields_of(e) == {"area_code": ["พื้นที่นี้มี ศจพ. อยู่แล้ว"]}
    assert Committee.objects.count() == 1


# -- members -----------------------------------------------------------------------------
def test_members_need_a_name_a_position_and_one_chair(people: dict[str, Any]) -> None:
    c = committee(people["district"], "3401")
    add = services.member_add
    chair = services.MemberInput(name="นายอำเภอ ก", position="นายอำเภอเมือง", role="chair")
    add(Act(people["district"]), committee=c, data=chair)
    with pytest.raises(RuleError) as e:
        add(
            Act(people["district"]),
            committee=c,
            data=services.MemberInput(name=" ", position="", role="chair"),
        )
    assert fields_of(e) == {
        "name": ["กรุณาระบุชื่อ-นามสกุล"],
        "position": ["กรุณาระบุตำแหน่ง"],
        "role": ["ศจพ. นี้มีประธานแล้ว"],
    }
    with pytest.raises(RuleError) as e:
        add(
            Act(people["district"]),
            committee=c,
            data=services.MemberInput(name="ข", position="ป", role="king"),
        )
    assert fields_of(e) == {"role": ["บทบาทไม่ถูกต้อง"]}
    assert Member.objects.count() == 1


def test_a_national_id_typed_into_a_member_is_masked(people: dict[str, Any]) -> None:
    c = committee(people["district"], "3401")
    m = services.member_add(
        Act(people["district"]),
        committee=c,
        data=services.MemberInput(name="นาย ก 1100000000016", position="ปลัด", role="member"),
    )
    assert m.name == "นาย ก x-xxxx-xxxxx-00-16"


def test_only_managers_add_or_remove_members(people: dict[str, Any]) -> None:
    c = committee(people["prov_admin"], "340101")
    data = services.MemberInput(name="ก", position="ข", role="member")
    with pytest.raises(PermissionDenied):
        services.member_add(Act(people["team"]), committee=c, data=data)
    m = services.member_add(Act(people["prov_admin"]), committee=c, data=data)
    with pytest.raises(PermissionDenied):
        services.member_remove(Act(people["district"]), member=m)
    services.member_remove(Act(people["prov_admin"]), member=m)
    assert Member.objects.count() == 0
    assert AuditEvent.objects.filter(object_type="committee_member", action="delete").count() == 1


# -- orders --------------------------------------------------------------------------------
def test_an_order_is_stored_whole_and_audited(people: dict[str, Any], settings: Any) -> None:
    c = committee(people["district"], "3401")
    o = order(people["district"], c, date(2026, 11, 1))
    path = Path(o.file.path)
    assert path.read_bytes()[:5] == b"%PDF-" and o.size_bytes == path.stat().st_size
    assert o.pages == 1 and str(o.file.name).startswith("committees/orders/3401/")
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".part-")]
    assert AuditEvent.objects.filter(object_type="committee_order", action="create").count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "กรุณาแนบไฟล์คำสั่ง (PDF)"),
        (b"hello, I am a text file", "ไฟล์นี้ไม่ใช่ไฟล์ PDF"),
        (jpeg(), "ไฟล์นี้ไม่ใช่ไฟล์ PDF"),
        (fake_pdf(), "ไฟล์ PDF นี้เสียหายหรืออ่านไม่ได้"),
        (real_pdf()[:-300], "ไฟล์นี้ไม่ใช่ไฟล์ PDF"),
    ],
)
def test_an_order_must_be_a_real_pdf(
    people: dict[str, Any], settings: Any, content: bytes, message: str
) -> None:
    c = committee(people["district"], "3401")
    with pytest.raises(RuleError) as e:
        services.order_upload(
            Act(people["district"]),
            committee=c,
            data=services.OrderInput(
                number="1/2567", signed_on=date(2026, 11, 1), content=content, original_name="a.pdf"
            ),
        )
    assert fields_of(e) == {"file": [message]}
    assert Order.objects.count() == 0
    media = Path(settings.MEDIA_ROOT) / "committees"
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_an_order_over_the_size_limit_is_refused(
    people: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdfcheck, "MAX_ORDER_BYTES", 1000)
    assert pdfcheck.pdf_error(real_pdf(3) + b" " * 1000) == "ไฟล์ใหญ่เกิน 0 MB"


def test_an_order_needs_a_number_and_a_day_not_in_the_future(people: dict[str, Any]) -> None:
    c = committee(people["district"], "3401")
    with pytest.raises(RuleError) as e:
        services.order_upload(
            Act(people["district"], today=date(2026, 12, 1)),
            committee=c,
            data=services.OrderInput(number="", signed_on=date(2026, 12, 2), content=real_pdf()),
        )
    assert fields_of(e) == {
        "number": ["กรุณาระบุเลขที่คำสั่ง"],
        "signed_on": ["วันที่ต้องไม่เป็นวันในอนาคต"],
    }


def test_a_failed_save_leaves_no_file(
    people: dict[str, Any], settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = committee(people["district"], "3401")

    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_audit", boom)
    with pytest.raises(RuntimeError):
        order(people["district"], c, date(2026, 11, 1))
    assert Order.objects.count() == 0
    assert not any(p.is_file() for p in (Path(settings.MEDIA_ROOT) / "committees").rglob("*"))


def test_the_deadline_is_30_days_after_the_level_above_s_order(people: dict[str, Any]) -> None:
    admin = people["prov_admin"]
    province = committee(admin, "34")
    on_time, late, missing = (committee(admin, code) for code in ("3401", "3402", "3403"))
    order(admin, province, date(2026, 10, 1))
    order(admin, on_time, date(2026, 10, 31))  # day 30: the last day
    order(admin, late, date(2026, 11, 1))  # day 31
    statuses = {
        s.area_code: s
        for s in selectors.order_statuses(
            selectors.with_members_and_orders(Committee.objects.all()), date(2026, 12, 1)
        )
    }
    assert statuses["3401"].deadline == date(2026, 10, 31)
    assert (statuses["3401"].late, statuses["3402"].late, statuses["3403"].late) == (
        False,
        True,
        True,
    )
    assert statuses["34"].deadline is None and not statuses["34"].late
    # Before the deadline a committee without an order is missing, not late.
    early = selectors.order_statuses([missing], date(2026, 10, 31))[0]
    assert early.missing and not early.late


def test_the_work_list_names_missing_late_and_unset_committees(people: dict[str, Any]) -> None:
    admin = people["prov_admin"]
    province = committee(admin, "34")
    order(admin, province, date(2026, 10, 1))
    fine, late = committee(admin, "3401"), committee(admin, "3402")
    order(admin, fine, date(2026, 10, 20))
    order(admin, late, date(2026, 11, 20))
    committee(admin, "340101")  # no order, and its district's order gives it until 19 Nov
    rows = selectors.work_list(admin, date(2026, 12, 1))
    codes = [r.area_code for r in rows]
    assert "3401" not in codes and "34" not in codes
    assert "3402" in codes and "340101" in codes
    unset = [r for r in rows if r.committee is None]
    # Ubon has 25 districts; 2 have committees.
    assert len(unset) == 23 and all(len(r.area_code) == 4 for r in unset)
    team = next(r for r in rows if r.area_code == "340101")
    assert team.deadline == date(2026, 11, 19) and team.late and team.missing
    # The district chief sees his district's part only: the late team, and the other 11
    # subdistricts of Mueang Ubon with no team yet.
    mine = selectors.work_list(people["district"], date(2026, 12, 1))
    assert [(r.area_code, r.committee is None) for r in mine][:2] == [
        ("340101", False),
        ("340104", True),
    ]
    assert len(mine) == 12 and all(r.area_code.startswith("3401") for r in mine)


def test_an_order_uploaded_more_than_30_days_after_it_was_signed_is_flagged(
    people: dict[str, Any],
) -> None:
    c = committee(people["district"], "3401")
    o = order(people["district"], c, date(2026, 1, 5))
    Order.objects.filter(pk=o.pk).update(uploaded_at=timezone.make_aware(datetime(2026, 2, 5, 9)))
    o.refresh_from_db()
    assert services.order_uploaded_late(o)
    Order.objects.filter(pk=o.pk).update(uploaded_at=timezone.make_aware(datetime(2026, 2, 4, 9)))
    o.refresh_from_db()
    assert not services.order_uploaded_late(o)


# -- reports -------------------------------------------------------------------------------
def draft(officer: Any, c: Committee, kind: str, start: date, **kw: Any) -> Report:
    return services.report_create(
        Act(officer, today=date(2026, 12, 6)),
        committee=c,
        data=services.ReportInput(kind=kind, period_start=start, **kw),
    )


def test_periods_and_deadlines() -> None:
    assert periods.deadline("monthly", date(2026, 11, 1)) == date(2026, 12, 15)
    assert periods.deadline("quarterly", date(2026, 10, 1)) == date(2027, 1, 15)
    assert periods.period_end("quarterly", date(2026, 7, 1)) == date(2026, 9, 30)
    assert periods.fiscal_year_be(date(2026, 10, 1)) == 2570
    assert periods.fiscal_year_be(date(2026, 9, 30)) == 2569
    assert periods.label("quarterly", date(2026, 7, 1)) == (
        "ไตรมาส 4 ปีงบประมาณ 2569 (กรกฎาคม - กันยายน 2569)"
    )
    assert periods.label("quarterly", date(2026, 10, 1)) == (
        "ไตรมาส 1 ปีงบประมาณ 2570 (ตุลาคม - ธันวาคม 2569)"
    )
    assert periods.label("monthly", date(2026, 11, 1)) == "พฤศจิกายน 2569"
    assert periods.recent("quarterly", date(2026, 12, 6), 3) == [
        date(2026, 10, 1),
        date(2026, 7, 1),
        date(2026, 4, 1),
    ]


def test_a_report_starts_on_a_period_that_has_begun_once(people: dict[str, Any]) -> None:
    c = committee(people["district"], "3401")
    chief = people["district"]
    for kind, start, field, message in [
        ("weekly", date(2026, 7, 1), "kind", "ประเภทรายงานไม่ถูกต้อง"),
        ("quarterly", date(2026, 8, 1), "period_start", "รอบรายงานไม่ถูกต้อง"),
        ("monthly", date(2026, 8, 2), "period_start", "รอบรายงานไม่ถูกต้อง"),
        ("monthly", date(2027, 1, 1), "period_start", "รอบรายงานยังไม่เริ่ม"),
    ]:
        with pytest.raises(RuleError) as e:
            draft(chief, c, kind, start)
        assert fields_of(e) == {field: [message]}
    draft(chief, c, "quarterly", date(2026, 7, 1))
    with pytest.raises(RuleError) as e:
        draft(chief, c, "quarterly", date(2026, 7, 1))
    assert fields_of(e) == {"period_start": ["มีรายงานของรอบนี้แล้ว"]}
    assert Report.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "area", "allowed"),
    [
        ("district", "3401", True),
        ("prov_admin", "3401", False),  # the level above reads, it does not write
        ("team", "3401", False),
        ("team", "340101", True),
        ("district", "340101", False),
        ("prov_admin", "34", True),
        ("prov_health", "34", True),
        ("other_admin", "34", False),
    ],
)
def test_who_writes_a_committee_s_report(
    people: dict[str, Any], who: str, area: str, allowed: bool
) -> None:
    c = committee(people["national"], area)
    if allowed:
        assert draft(people[who], c, "monthly", date(2026, 11, 1)).pk
    else:
        with pytest.raises(PermissionDenied):
            draft(people[who], c, "monthly", date(2026, 11, 1))
        assert Report.objects.count() == 0


def test_submission_freezes_the_figures_and_flags_a_late_report(people: dict[str, Any]) -> None:
    chief = people["district"]
    c = committee(chief, "3401")
    on_time = draft(chief, c, "monthly", date(2026, 10, 1), results="ลงพื้นที่ 3 ครั้ง")
    done = services.report_submit(
        Act(chief, expected_version=1, today=date(2026, 11, 15)), report=on_time
    )
    assert (done.status, done.late, done.version) == ("submitted", False, 2)
    assert done.figures is not None and done.figures["visited"] == 0
    assert done.submitted_by == chief
    late = draft(chief, c, "monthly", date(2026, 9, 1), results="ok")
    assert services.report_submit(Act(chief, today=date(2026, 10, 16)), report=late).late
    with pytest.raises(RuleError) as e:
        services.report_update(Act(chief), report=done, data=services.ReportTexts(results="x"))
    assert fields_of(e) == {"__all__": ["รายงานนี้ส่งแล้ว แก้ไขไม่ได้"]}


def test_a_report_is_submitted_after_its_period_with_its_results(people: dict[str, Any]) -> None:
    chief = people["district"]
    c = committee(chief, "3401")
    r = draft(chief, c, "quarterly", date(2026, 10, 1))
    with pytest.raises(RuleError) as e:
        services.report_submit(Act(chief, today=date(2026, 12, 31)), report=r)
    assert fields_of(e) == {
        "period_start": ["ส่งรายงานได้หลังสิ้นสุดรอบรายงาน"],
        "results": ["กรุณาระบุผลการดำเนินการ"],
    }
    r.refresh_from_db()
    assert (r.status, r.figures, r.submitted_at) == ("draft", None, None)


def test_a_stale_draft_gets_409_and_the_other_level_403(people: dict[str, Any]) -> None:
    chief = people["district"]
    c = committee(chief, "3401")
    r = draft(chief, c, "monthly", date(2026, 10, 1))
    services.report_update(
        Act(chief, expected_version=1), report=r, data=services.ReportTexts(results="ก")
    )
    with pytest.raises(StaleVersion):
        services.report_update(
            Act(chief, expected_version=1), report=r, data=services.ReportTexts(results="ข")
        )
    with pytest.raises(PermissionDenied):
        services.report_submit(Act(people["prov_admin"], today=date(2026, 12, 1)), report=r)
    r.refresh_from_db()
    assert (r.results, r.version, r.status) == ("ก", 2, "draft")
    assert AuditEvent.objects.filter(object_type="committee_report").count() == 2


def test_the_reports_due_are_the_last_ended_month_and_quarter(people: dict[str, Any]) -> None:
    chief = people["district"]
    c = committee(chief, "3401")
    today = date(2026, 12, 6)
    due = selectors.reports_due(chief, today)
    assert [(d.kind, d.period_start, d.deadline, d.overdue(today)) for d in due] == [
        ("monthly", date(2026, 11, 1), date(2026, 12, 15), False),
        ("quarterly", date(2026, 7, 1), date(2026, 10, 15), True),
    ]
    r = draft(chief, c, "quarterly", date(2026, 7, 1), results="ผล")
    assert selectors.reports_due(chief, today)[1].report == r
    services.report_submit(Act(chief, today=today), report=r)
    assert [d.kind for d in selectors.reports_due(chief, today)] == ["monthly"]
    # The level above reads its children's reports; it owes none of theirs.
    assert selectors.reports_due(people["prov_admin"], today) == []
