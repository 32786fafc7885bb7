"""F8 / F9 problems and activities: new, edit, through the test client."""

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.logbook.images import gif, jpeg_with_gps, webp
from tests.logbook.pages import text
from tests.web_kit import H1, YEAR
from tpmap.accounts.models import AuditEvent
from tpmap.logbook.models import Activity, Photo, Problem

pytestmark = pytest.mark.django_db


def test_an_officer_adds_a_problem_with_a_photo_and_sees_it_on_the_timeline(
    officer: Any,
) -> None:
    r = officer.post(
        f"/households/{YEAR}/{H1}/problems/new/",
        {
            "title": "รอบบ้านไม่สะอาด",
            "details": "มีขยะสะสม",
            "performer": "นางสาวสมใจ จัดการ",
            "agency": "อบต.ในเมือง",
            "occurred_on": "2026-11-20",
            "photos": [SimpleUploadedFile("a.jpg", jpeg_with_gps(), "image/jpeg")],
        },
    )
    assert r.status_code == 302 and r["Location"] == f"/households/{YEAR}/{H1}/#timeline"
    problem = Problem.objects.get()
    assert (problem.title, problem.occurred_on) == ("รอบบ้านไม่สะอาด", date(2026, 11, 20))
    photo = Photo.objects.get()
    html = text(officer.get(f"/households/{YEAR}/{H1}/"))
    assert "รอบบ้านไม่สะอาด" in html and "20 พ.ย. 2569" in html
    assert f"/photos/{photo.pk}/thumb/" in html
    image = officer.get(f"/photos/{photo.pk}/")
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"


def test_a_bad_photo_is_refused_in_thai_and_nothing_is_saved(officer: Any) -> None:
    r = officer.post(
        f"/households/{YEAR}/{H1}/problems/new/",
        {
            "title": "บ้านทรุด",
            "performer": "ก",
            "agency": "ข",
            "occurred_on": "2026-11-20",
            "photos": [
                SimpleUploadedFile("ok.webp", webp(), "image/webp"),
                SimpleUploadedFile("anim.gif", gif(), "image/jpeg"),
            ],
        },
    )
    assert r.status_code == 400
    assert "ไฟล์ anim.gif ไม่ใช่รูปภาพ JPEG, PNG หรือ WebP" in text(r)
    assert not Problem.objects.exists() and not Photo.objects.exists()


def test_a_future_date_and_missing_fields_are_reported_in_thai(officer: Any) -> None:
    r = officer.post(
        f"/households/{YEAR}/{H1}/problems/new/", {"title": "", "occurred_on": "2999-01-01"}
    )
    html = text(r)
    assert r.status_code == 400
    assert "วันที่ต้องไม่เป็นวันในอนาคต" in html
    # title, performer (the agency is chosen from the catalogue; none: the officer's)
    assert html.count("ฟิลด์นี้จำเป็น") == 2


def test_an_officer_adds_an_activity_for_a_problem(officer: Any, people: dict[str, Any]) -> None:
    officer.post(
        f"/households/{YEAR}/{H1}/problems/new/",
        {"title": "หลังคารั่ว", "performer": "ก", "agency": "ข", "occurred_on": "2026-11-01"},
    )
    problem = Problem.objects.get()
    form = text(officer.get(f"/households/{YEAR}/{H1}/activities/new/?problem={problem.pk}"))
    assert f'<option value="{problem.pk}" selected>หลังคารั่ว</option>' in form
    assert "22. " in form  # indicators of the household's questionnaire
    r = officer.post(
        f"/households/{YEAR}/{H1}/activities/new/",
        {
            "name": "ซ่อมหลังคาบ้าน",
            "details": "เปลี่ยนสังกะสี 20 แผ่น",
            "performer": "ทีมช่างชุมชน",
            "agency": "อบต.ในเมือง",
            "start_on": "2026-11-05",
            "end_on": "2026-11-10",
            "indicator": "13",
            "problem": str(problem.pk),
        },
    )
    assert r.status_code == 302
    activity = Activity.objects.get()
    assert (activity.indicator, activity.problem, activity.end_on) == (
        13,
        problem,
        date(2026, 11, 10),
    )
    html = text(officer.get(f"/households/{YEAR}/{H1}/"))
    # Newest first: the activity (5 Nov) before the problem (1 Nov).
    assert html.index("ซ่อมหลังคาบ้าน") < html.index("หลังคารั่ว</b>")
    assert "5 พ.ย. 2569 – 10 พ.ย. 2569" in html


def test_the_author_edits_a_problem_and_the_change_is_audited(
    officer: Any, client: Any, people: dict[str, Any]
) -> None:
    officer.post(
        f"/households/{YEAR}/{H1}/problems/new/",
        {"title": "หลังคารั่ว", "performer": "ก", "agency": "ข", "occurred_on": "2026-11-01"},
    )
    problem = Problem.objects.get()
    page = text(officer.get(f"/problems/{problem.pk}/edit/"))
    assert 'value="หลังคารั่ว"' in page
    r = officer.post(
        f"/problems/{problem.pk}/edit/",
        {"title": "หลังคารั่วทั้งหลัง", "performer": "ก", "agency": "ข", "occurred_on": "2026-11-02"},
    )
    assert r.status_code == 302
    problem.refresh_from_db()
    assert (problem.title, problem.occurred_on) == ("หลังคารั่วทั้งหลัง", date(2026, 11, 2))
    change = AuditEvent.objects.get(action="change", object_type="problem")
    assert change.before is not None and change.after is not None
    assert (change.before["title"], change.after["title"]) == ("หลังคารั่ว", "หลังคารั่วทั้งหลัง")
    client.force_login(people["team"])  # same area, not the author, not an administrator
    assert client.get(f"/problems/{problem.pk}/edit/").status_code == 403


def test_an_activity_is_edited_by_its_author(officer: Any) -> None:
    officer.post(
        f"/households/{YEAR}/{H1}/activities/new/",
        {"name": "ซ่อมบ้าน", "performer": "ก", "agency": "ข", "start_on": "2026-11-05"},
    )
    activity = Activity.objects.get()
    r = officer.post(
        f"/activities/{activity.pk}/edit/",
        {
            "name": "ซ่อมบ้าน",
            "performer": "ก",
            "agency": "ข",
            "start_on": "2026-11-05",
            "end_on": "2026-11-30",
            "indicator": "14",
        },
    )
    assert r.status_code == 302
    activity.refresh_from_db()
    assert (activity.end_on, activity.indicator) == (date(2026, 11, 30), 14)
