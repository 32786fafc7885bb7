"""The pages of mentors' case work: a mentor's home, the visit form on the household page,
the work lists, a province's settings and the dashboard's panel; status codes and the
database state."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from tests.logbook.mentors.conftest import TODAY
from tests.logbook.mentors.test_worklists import T1, casework  # noqa: F401 - a fixture
from tests.web_kit import H1, H3, H4, H5, PASSWORD, YEAR
from tpmap.dashboard.monitor import views as monitor_views
from tpmap.logbook.models import Mentor, ProvinceSetting, Visit
from tpmap.logbook.visits.services import VisitInput, visit_create
from tpmap.logbook.worklists import views as worklist_views
from tpmap.site.officers import Act

pytestmark = pytest.mark.django_db
NEW_VISIT = f"/households/{YEAR}/{H1}/visits/new/"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lists and the dashboard count from the personas' day (1 Dec 2026)."""
    monkeypatch.setattr(worklist_views, "today", lambda: TODAY)
    monkeypatch.setattr(monitor_views, "today", lambda: TODAY)


def test_a_mentor_lands_on_the_households_they_look_after(client: Client, somsri: Any) -> None:
    client.force_login(somsri)
    r = client.get("/")
    assert (r.status_code, r["Location"]) == (302, "/my-households/")
    client.logout()
    r = client.post("/login/", {"username": "somsri", "password": PASSWORD}, follow=True)
    assert r.redirect_chain[-1] == ("/my-households/", 302)
    client.logout()
    r = client.post("/login/", {"username": "team", "password": PASSWORD}, follow=True)
    assert r.redirect_chain[-1] == ("/households/", 302)


@pytest.mark.usefixtures("casework")
def test_my_households_lists_them_by_priority_with_what_is_due(
    client: Client, somsri: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.force_login(somsri)
    r = client.get("/my-households/")
    page = r.content.decode()
    assert r.status_code == 200
    assert page.index(f'data-household="{H3}"') < page.index(f'data-household="{H1}"')
    assert "เยี่ยมบ้านครั้งแรก" in page and "ไม่ได้เยี่ยมบ้าน 57 วัน" in page
    # H3: first visit, plan missing; H1: plan missing, a problem, 57 days.
    assert page.count('data-key="due"') == 5


def test_a_visit_is_recorded_from_the_household_page_and_shown_there(
    client: Client, people: dict[str, Any]
) -> None:
    client.force_login(people["team"])
    assert client.get(NEW_VISIT).status_code == 200
    r = client.post(
        NEW_VISIT, {"visited_on": "2026-11-02", "found": "พบหัวหน้าครัวเรือน", "outcome": "better"}
    )
    assert (r.status_code, r["Location"]) == (302, f"/households/{YEAR}/{H1}/#home-visits")
    v = Visit.objects.get()
    assert (v.found, v.outcome, v.created_by_id) == ("พบหัวหน้าครัวเรือน", "better", people["team"].pk)
    page = client.get(f"/households/{YEAR}/{H1}/").content.decode()
    assert 'id="home-visits"' in page and "พบหัวหน้าครัวเรือน" in page
    assert f"/visits/{v.pk}/edit/" in page


def test_a_visit_form_with_a_future_day_or_no_text_saves_nothing(
    client: Client, people: dict[str, Any]
) -> None:
    client.force_login(people["team"])
    r = client.post(NEW_VISIT, {"visited_on": "2099-01-01", "found": ""})
    assert r.status_code == 400
    assert "วันที่ต้องไม่เป็นวันในอนาคต" in r.content.decode()
    r = client.post(NEW_VISIT, {"visited_on": "2020-01-01", "found": "พบ"})
    assert r.status_code == 400
    assert "ต้นปีข้อมูล" in r.content.decode()
    assert not Visit.objects.exists()


def test_only_the_author_or_a_manager_edits_or_deletes_a_visit_page(
    client: Client, people: dict[str, Any]
) -> None:
    v = visit_create(
        Act(people["team"]), household=T1, data=VisitInput(visited_on=date(2026, 11, 1), found="พบ")
    )
    client.force_login(people["district"])
    assert client.get(f"/visits/{v.pk}/edit/").status_code == 403
    assert client.post(f"/visits/{v.pk}/delete/").status_code == 403
    client.force_login(people["other_admin"])
    assert client.get(f"/visits/{v.pk}/edit/").status_code == 404
    client.force_login(people["team"])
    r = client.post(f"/visits/{v.pk}/edit/", {"visited_on": "2026-11-03", "found": "แก้แล้ว"})
    assert r.status_code == 302
    v.refresh_from_db()
    assert (v.found, v.visited_on, v.version) == ("แก้แล้ว", date(2026, 11, 3), 2)
    assert client.post(f"/visits/{v.pk}/delete/").status_code == 302
    assert not Visit.objects.exists()


@pytest.mark.usefixtures("casework")
def test_the_work_pages_show_counts_and_filtered_lists(
    client: Client, people: dict[str, Any]
) -> None:
    client.force_login(people["district"])
    page = client.get("/work/").content.decode()
    for slug, n in [
        ("no-mentor", 0),
        ("not-visited", 2),
        ("problems-without-activity", 1),
        ("additions-pending", 1),
        ("plan-missing", 2),
        ("problems-overdue", 0),
    ]:
        assert f'data-key="{slug}">{n}<' in page
    # Another province's area (or nonsense) gives the officer's own area, never the country.
    for asked in ("35", "xyz", "TH"):
        r = client.get("/work/no-mentor/", {"area": asked})
        assert r.status_code == 200 and "พื้นที่ 3401" in r.content.decode()
    client.force_login(people["prov_admin"])
    r = client.get("/work/no-mentor/", {"area": "35"})
    assert f'data-household="{H4}"' in r.content.decode() and H5 not in r.content.decode()
    client.force_login(people["district"])
    r = client.get("/work/not-visited/", {"days": "60"})
    assert r.status_code == 200
    assert 'data-key="total">1<' in r.content.decode()
    assert f'data-household="{H3}"' in r.content.decode()
    assert client.get("/work/not-visited/", {"days": "abc"}).status_code == 400
    assert client.get("/work/not-visited/", {"days": "0"}).status_code == 400
    assert client.get("/work/no-such-list/").status_code == 404
    client.force_login(people["team"])
    assert client.get("/work/additions-pending/").status_code == 403
    assert 'data-list="additions-pending"' not in client.get("/work/").content.decode()


def test_the_province_administrator_sets_the_mentor_limit_on_a_page(
    client: Client, people: dict[str, Any]
) -> None:
    client.force_login(people["prov_admin"])
    assert client.get("/settings/province/").status_code == 200
    r = client.post("/settings/province/", {"mentor_household_limit": "1"})
    assert (r.status_code, r["Location"]) == (302, "/settings/province/?province=34")
    assert ProvinceSetting.objects.values_list("province_code", "mentor_household_limit").get() == (
        "34",
        1,
    )
    r = client.post("/settings/province/", {"mentor_household_limit": "50"})
    assert r.status_code == 400
    assert ProvinceSetting.objects.get().mentor_household_limit == 1
    client.force_login(people["district"])
    assert client.get("/settings/province/").status_code == 403
    client.force_login(people["other_admin"])
    assert client.get("/settings/province/", {"province": "34"}).status_code == 404
    client.force_login(people["national"])
    assert client.get("/settings/province/", {"province": "34"}).status_code == 200
    assert client.get("/settings/province/").status_code == 404  # no province chosen


def test_the_mentor_page_shows_the_main_dimension_and_records_the_kind(
    client: Client, people: dict[str, Any], somsri: Any
) -> None:
    client.force_login(people["district"])
    page = client.get(f"/households/{YEAR}/{H3}/mentor/").content.decode()
    # H3 has no Logbook problem: the survey's first deprived dimension (living).
    assert "มิติปัญหาหลักของครัวเรือน: <b>ด้านความเป็นอยู่</b>" in page
    assert "(ดูแล 0/5 ครัวเรือน)" in page
    r = client.post(
        f"/households/{YEAR}/{H3}/mentor/",
        {
            "user": str(somsri.pk),
            "kind": "student",
            "dimension": "living",
            "assigned_on": "2026-11-02",
        },
    )
    assert r.status_code == 302
    m = Mentor.objects.get()
    assert (m.user_id, m.kind, m.dimension, m.name) == (
        somsri.pk,
        "student",
        "living",
        "somsri ทดสอบ",
    )


@pytest.mark.usefixtures("casework")
def test_the_dashboard_shows_households_by_visits_and_the_work_list_counts(
    client: Client, people: dict[str, Any]
) -> None:
    client.force_login(people["district"])
    page = client.get("/monitor/").content.decode()
    # Targets of 3401: H1 (1 contact) and H3 (none).
    for key, n in [("0", 1), ("1", 1), ("2", 0), ("3+", 0)]:
        assert f'data-key="visits_{key}">{n}<' in page
    assert 'data-key="work_not-visited">2<' in page
