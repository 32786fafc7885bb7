"""Routing pages through the test client: a problem's routing page (proposal, assignment,
escalation, status, history), the activity form's duplicate confirm step, the agency
catalogue and the menu pages of the province's administrator."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.logbook.pages import text
from tests.logbook.routing.kit import a_problem, agency, menu
from tests.web_kit import H1, YEAR
from tpmap.logbook.models import Activity, Agency, MenuItem, Problem
from tpmap.site.officers import Act

pytestmark = pytest.mark.django_db


def _login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def test_the_district_routes_a_problem_from_the_proposed_menu(
    client: Client, people: dict[str, Any]
) -> None:
    # The test warehouse asks questionnaire 2560 in 2566: item 22 is MPI indicator 22.
    p = a_problem(people["team"], indicator=22, dimension="income")
    c = _login(client, people["district"])
    page = c.get(f"/problems/{p.pk}/routing/")
    html = text(page)
    assert page.status_code == 200
    assert "มอบหมายหน่วยงาน" in html and "ส่งต่อจังหวัด" in html
    # Proposed: the menu's first item for MPI 22 and its agency, selected.
    assert f'<option value="{menu("khok_nong_na").pk}" selected>' in page.content.decode()
    due = timezone.localdate() + timedelta(days=14)
    r = c.post(
        f"/problems/{p.pk}/assignment/",
        {"menu_item_id": menu("khok_nong_na").pk, "agency_id": "", "due_on": due.isoformat()},
    )
    assert r.status_code == 302 and r["Location"] == f"/problems/{p.pk}/routing/"
    p.refresh_from_db()
    assert (p.status, p.agency_ref, p.due_on) == ("assigned", agency("กรมการพัฒนาชุมชน"), due)
    html = text(c.get(f"/problems/{p.pk}/routing/"))
    assert "มอบหมายหน่วยงานแล้ว" in html and "โคก หนอง นา โมเดล" in html


def test_a_broken_rule_shows_on_the_page_in_thai_and_nothing_changes(
    client: Client, people: dict[str, Any]
) -> None:
    p = a_problem(people["district"])
    c = _login(client, people["district"])
    r = c.post(f"/problems/{p.pk}/assignment/", {"not_in_menu": "on", "due_on": "2020-01-01"})
    html = text(r)
    assert r.status_code == 400
    assert "วันกำหนดแล้วเสร็จต้องไม่เป็นวันที่ผ่านมาแล้ว" in html
    assert "กรณีไม่มีในเมนูแก้จน กรุณาระบุแนวทางแก้ไขปัญหา" in html
    p.refresh_from_db()
    assert (p.status, p.version) == ("open", 1)


def test_escalation_and_status_from_the_page(client: Client, people: dict[str, Any]) -> None:
    p = a_problem(people["district"])
    c = _login(client, people["district"])
    r = c.post(f"/problems/{p.pk}/escalation/", {"reason": "เกินศักยภาพอำเภอ"})
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.status == "escalated"
    # The district may no longer assign it: the page offers no assignment form.
    assert 'id="assign"' not in c.get(f"/problems/{p.pk}/routing/").content.decode()
    assert c.post(f"/problems/{p.pk}/assignment/", {}).status_code == 403
    r = c.post(f"/problems/{p.pk}/status/", {"status": "resolved"})
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.status == "resolved" and p.resolved_on == timezone.localdate()


def test_a_problem_outside_the_area_is_not_found_and_a_mentor_may_not_route(
    client: Client, people: dict[str, Any]
) -> None:
    p = a_problem(people["district"])
    c = _login(client, people["other_district"])
    assert c.get(f"/problems/{p.pk}/routing/").status_code == 404
    assert c.post(f"/problems/{p.pk}/escalation/", {"reason": "x"}).status_code == 404
    c = _login(Client(), people["team"])
    assert c.post(f"/problems/{p.pk}/escalation/", {"reason": "x"}).status_code == 403
    p.refresh_from_db()
    assert p.status == "open"


def test_the_activity_form_warns_of_duplicate_assistance_and_saves_once_confirmed(
    client: Client, people: dict[str, Any]
) -> None:
    c = _login(client, people["district"])
    url = f"/households/{YEAR}/{H1}/activities/new/"
    form = {
        "name": "ฝึกอาชีพ",
        "performer": "ทีม",
        "agency_id": agency("กรมการพัฒนาชุมชน").pk,
        "start_on": "2026-10-01",
        "end_on": "2026-10-31",
        "indicator": "27",
    }
    assert c.post(url, form).status_code == 302
    # The agency is a select of the catalogue, never a text box.
    page = c.get(url).content.decode()
    assert '<select name="agency_id"' in page and 'name="confirm_duplicate"' in page
    other = {**form, "agency_id": agency("กรมพัฒนาฝีมือแรงงาน").pk, "start_on": "2026-10-20"}
    r = c.post(url, other)
    assert r.status_code == 400
    assert "ตรวจสอบแล้วยืนยันหากต้องการบันทึก" in text(r)
    assert 'type="checkbox" name="confirm_duplicate"' in r.content.decode()
    assert Activity.objects.count() == 1
    r = c.post(url, {**other, "confirm_duplicate": "on"})
    assert r.status_code == 302
    saved = Activity.objects.latest("id")
    assert (saved.agency, saved.duplicate_confirmed, len(saved.duplicate_of)) == (
        "กรมพัฒนาฝีมือแรงงาน",
        True,
        1,
    )
    assert "ซ้ำซ้อนกับหน่วยงานอื่น" in text(c.get(f"/households/{YEAR}/{H1}/"))


def test_the_province_admin_adds_and_deactivates_an_office(
    client: Client, people: dict[str, Any]
) -> None:
    c = _login(client, people["prov_admin"])
    r = c.post(
        "/agencies/",
        {
            "name": "สำนักงานพัฒนาชุมชนอำเภอเมือง",
            "district_code": "3401",
            "parent_id": agency("กรมการพัฒนาชุมชน").pk,
            "active": "on",
        },
    )
    assert r.status_code == 302
    office = Agency.objects.get(province_code="34")
    assert (office.district_code, office.level, office.active) == ("3401", "district_office", True)
    r = c.post(f"/agencies/{office.pk}/", {"name": office.name, "district_code": "3401"})
    assert r.status_code == 302
    office.refresh_from_db()
    assert office.active is False
    assert "สำนักงานพัฒนาชุมชนอำเภอเมือง" in text(c.get("/agencies/"))
    # A district officer reads the catalogue but may not add to it.
    d = _login(Client(), people["district"])
    assert d.get("/agencies/").status_code == 200
    assert d.post("/agencies/", {"name": "x"}).status_code == 403
    assert d.get(f"/agencies/{office.pk}/").status_code == 403


def test_the_province_admin_edits_the_menu(client: Client, people: dict[str, Any]) -> None:
    c = _login(client, people["prov_admin"])
    assert "เมนูเริ่มต้น" in text(c.get("/menu/"))
    r = c.post(
        "/menu/",
        {
            "name": "ตลาดนัดชุมชน",
            "dimension": "income",
            "indicator": "22",
            "agency_id": agency("กรมการพัฒนาชุมชน").pk,
            "qualifies": "ครัวเรือนเป้าหมาย",
            "active": "on",
        },
    )
    assert r.status_code == 302
    assert MenuItem.objects.filter(province_code="34").count() == 20
    html = text(c.get("/menu/"))
    assert "เมนูของจังหวัด" in html and "ตลาดนัดชุมชน" in html
    d = _login(Client(), people["district"])
    assert d.post("/menu/", {"name": "x"}).status_code == 403
    assert Problem.objects.count() == 0


def test_the_governor_lists_the_escalated_problems_of_the_province_only(
    client: Client, people: dict[str, Any]
) -> None:
    from tests.logbook.routing.kit import HH4
    from tpmap.logbook.routing import services

    mine = a_problem(people["district"], title="ถนนเข้าบ้านขาด")
    services.problem_escalate(
        Act(people["district"]), problem=mine, data=services.EscalationInput(reason="งบสูง")
    )
    a_problem(people["prov_admin"], household=HH4, title="ยังไม่ส่งต่อ")
    c = _login(client, people["prov_admin"])
    html = c.get("/problems/routed/").content.decode()
    assert "ถนนเข้าบ้านขาด" in html and "ยังไม่ส่งต่อ" not in html
    assert f"/problems/{mine.pk}/routing/" in html
    other = _login(Client(), people["other_admin"])
    assert "ถนนเข้าบ้านขาด" not in other.get("/problems/routed/").content.decode()


def test_an_assigned_problem_past_its_due_date_is_overdue(
    client: Client, people: dict[str, Any]
) -> None:
    p = a_problem(people["district"], title="น้ำไม่พอใช้")
    Problem.objects.filter(pk=p.pk).update(
        status="assigned", due_on=timezone.localdate() - timedelta(days=1)
    )
    c = _login(client, people["district"])
    assert "น้ำไม่พอใช้" in c.get("/problems/routed/", {"list": "overdue"}).content.decode()
    assert "น้ำไม่พอใช้" in c.get("/problems/routed/", {"list": "assigned"}).content.decode()
    assert "น้ำไม่พอใช้" not in c.get("/problems/routed/").content.decode()
