"""The Logbook's pages through the test client, as a district officer would use them."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.logbook.images import gif, jpeg_with_gps, webp
from tests.web_kit import H1, H3, H4, YEAR
from tpmap.accounts.models import AuditEvent
from tpmap.logbook.models import Activity, Classification, Photo, Pin, Problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client: Any, people: dict[str, Any]) -> Any:
    client.force_login(people["district"])
    return client


def text(r: Any) -> str:
    return str(r.content.decode())


def test_the_search_lists_only_the_officers_households_with_the_total(officer: Any) -> None:
    r = officer.get("/households/", {"year": YEAR})
    html = text(r)
    assert r.status_code == 200
    assert "บุญมี มีสุข" in html and "สมชาย ใจดี" in html
    assert "ทองดี มั่นคง" not in html and "เพชร ดาวเด่น" not in html
    assert "แสดง 1 ถึง 2 จาก 2 รายการ" in html
    # The officer's province and district are fixed in the cascade.
    assert re.search(r'<input type="hidden" name="district" value="3401">', html)


def test_asking_for_another_district_shows_nothing_of_it(officer: Any) -> None:
    r = officer.get("/households/", {"year": YEAR, "province": "34", "district": "3402"})
    html = text(r)
    assert "ทองดี มั่นคง" not in html


def test_an_htmx_search_returns_only_the_results_fragment(officer: Any) -> None:
    r = officer.get(
        "/households/",
        {"year": YEAR, "q": "สมชาย"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="results",
    )
    html = text(r)
    assert "<html" not in html
    assert "แสดง 1 ถึง 1 จาก 1 รายการ" in html
    assert f"/households/{YEAR}/{H1}/" in html


def test_the_cascade_offers_only_areas_inside_the_officers_area(officer: Any, client: Any) -> None:
    html = text(officer.get("/households/areas/", {"province": "34", "district": "3401"}))
    assert '<option value="340101">ในเมือง</option>' in html
    assert "340201" not in html  # a subdistrict of another district
    html = text(
        officer.get(
            "/households/areas/", {"province": "34", "district": "3401", "subdistrict": "340101"}
        )
    )
    assert '<option value="34010101">หมู่ 1 บ้านนาคำ</option>' in html


def test_sorting_and_paging_links_keep_the_filters(officer: Any) -> None:
    html = text(
        officer.get("/households/", {"year": YEAR, "per_page": 10, "sort": "name", "dir": "asc"})
    )
    names = re.findall(r'class="name" href="[^"]+">([^<]+)</a>', html)
    assert names == ["บุญมี มีสุข", "สมชาย ใจดี"]


def test_the_household_page_shows_every_field_and_writes_an_audit_row(officer: Any) -> None:
    r = officer.get(f"/households/{YEAR}/{H1}/", REMOTE_ADDR="192.0.2.10")
    html = text(r)
    assert r.status_code == 200
    for expected in [
        "นายสมชาย ใจดี",
        "บ้านเลขที่ 12/3",
        "มีบ้านเลขที่ (12/3)",
        "บ้านของตนเอง",
        "60,000 บาท",
        "20,000.00 บาท",
        "7,000 บาท",  # formal 5,000 + informal 2,000
        "5,000 บาท",
        "2,000 บาท",
        "3 คน (ชาย 2 · หญิง 1 · พิการ 0)",
        "0016",
        "0024",
        "ประถมศึกษา",
        "เกษตรกร",
        "สิทธิหลักประกันสุขภาพแห่งชาติ",
        "โรงพยาบาลสรรพสิทธิประสงค์",
        "(รหัส 10669)",
        "กลุ่มที่ 1.1 เร่งด่วน มีบัตรสวัสดิการแห่งรัฐ",
        "surveyed and mpi_poor and welfare_card",
        "สมาชิก: สมชาย ใจดี",
        "15.24, 104.85",
        "ผู้พึ่งพิงในครัวเรือน",
        "มี (เด็กอายุต่ำกว่า 15 ปี",
    ]:
        assert expected in html, expected
    assert "1100000000016" not in html and "1100000000024" not in html
    assert (
        AuditEvent.objects.filter(
            action="view", household_id=H1, actor_username="district", ip="192.0.2.10"
        ).count()
        == 1
    )


def test_the_household_page_summarises_bmn_per_category_with_thai_indicator_names(
    officer: Any,
) -> None:
    html = text(officer.get(f"/households/{YEAR}/{H3}/"))
    # H3 fails 8-11, 15, 20, 21 of questionnaire 2560.
    assert re.search(r'<span class="bad">✘</span> สุขภาพ', html) or "✘" in html
    failed = re.findall(r'aria-label="ไม่ผ่าน">✘</span>\s*(\d+)\.', html)
    assert failed == ["8", "9", "10", "11", "15", "20", "21"]
    # Items an MPI indicator reads carry its number (questionnaire 2560: the item's own).
    assert '<span class="tag">MPI 8</span>' in html and '<span class="tag">MPI 2</span>' not in html


def test_the_search_filters_by_the_17_mpi_indicator_numbers(officer: Any) -> None:
    html = text(officer.get("/households/", {"year": YEAR}))
    select = html.split('name="indicator"', 1)[1].split("</select>", 1)[0]
    numbers = [int(n) for n in re.findall(r'<option value="(\d+)"', select)]
    assert numbers == [1, 4, 5, 7, 8, 9, 10, 11, 15, 16, 17, 19, 20, 21, 22, 27, 28]


def test_a_household_of_another_district_is_not_found(officer: Any) -> None:
    r = officer.get(f"/households/{YEAR}/{H4}/")
    assert r.status_code == 404
    assert "ทองดี" not in text(r)
    assert not AuditEvent.objects.exists()


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
    assert html.count("ฟิลด์นี้จำเป็น") == 3  # title, performer, agency


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


def test_an_officer_classifies_a_household_with_its_5_photos(officer: Any) -> None:
    photos = {
        f"photo_{k}": SimpleUploadedFile(f"{k}.jpg", jpeg_with_gps(), "image/jpeg")
        for k in ("head", "members", "house", "surroundings_1", "surroundings_2")
    }
    r = officer.post(
        f"/households/{YEAR}/{H1}/folder/",
        {
            "household_type": "developable",
            "wants_help": "urgent",
            "help_kinds": ["training", "money"],
            "occupational_skills": "ทอผ้า",
            "khok_nong_na_role": "none",
            "community_funds": ["village_fund"],
            **photos,
        },
    )
    assert r.status_code == 302, text(r)[:2000]
    folder = Classification.objects.get()
    assert (folder.household_type, folder.wants_help, folder.help_kinds) == (
        "developable",
        "urgent",
        ["money", "training"],
    )
    assert folder.photos.count() == 5
    html = text(officer.get(f"/households/{YEAR}/{H1}/"))
    assert "มีความพร้อมสามารถพัฒนาได้" in html


def test_an_officer_pins_a_household_and_sees_it_on_the_area_map(officer: Any) -> None:
    page = text(officer.get(f"/households/{YEAR}/{H1}/pin/"))
    assert "ใช้ตำแหน่งปัจจุบัน (GPS)" in page
    assert "อุบลราชธานี" in page  # the province outline travels with the page
    r = officer.post(
        f"/households/{YEAR}/{H1}/pin/",
        {
            "latitude": "15.228761234567",
            "longitude": "104.856412345678",
            "source": "gps",
            "accuracy_m": "7.6",
        },
    )
    assert r.status_code == 302
    pin = Pin.objects.get()
    assert (str(pin.latitude), str(pin.longitude), pin.source, pin.accuracy_m) == (
        "15.228761",
        "104.856412",
        "gps",
        8,
    )
    html = text(officer.get("/map/"))
    assert "1 หมุด" in html and "สมชาย ใจดี" in html and "#f39c12" in html


def test_a_pin_outside_thailand_is_refused(officer: Any) -> None:
    r = officer.post(
        f"/households/{YEAR}/{H1}/pin/", {"latitude": "48.85", "longitude": "2.35", "source": "map"}
    )
    assert r.status_code == 400 and not Pin.objects.exists()


def test_the_province_admin_browses_the_provinces_audit_log(
    client: Any, people: dict[str, Any]
) -> None:
    client.force_login(people["district"])
    client.get(f"/households/{YEAR}/{H1}/")
    client.force_login(people["other_admin"])
    assert "district" not in re.sub(r"<[^>]+>", " ", text(client.get("/accounts/audit/")))
    client.force_login(people["prov_admin"])
    html = text(client.get("/accounts/audit/", {"household_id": H1}))
    assert "เปิดดูข้อมูลส่วนบุคคล" in html and "district" in html and H1 in html


def test_without_a_warehouse_the_search_explains_itself(
    officer: Any, settings: Any, tmp_path: Any
) -> None:
    from tpmap.logbook import warehouse

    settings.TPMAP_WAREHOUSE = tmp_path / "none"
    warehouse.reset()
    r = officer.get("/households/")
    assert r.status_code == 503 and "ยังไม่มีคลังข้อมูลครัวเรือน" in text(r)


def test_anonymous_visitors_are_sent_to_the_login_page(client: Any, people: dict[str, Any]) -> None:
    r = client.get(f"/households/{YEAR}/{H1}/")
    assert r.status_code == 302 and r["Location"].startswith("/login/?next=")


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


def test_a_national_id_typed_into_search_is_refused_and_never_shown_back(officer: Any) -> None:
    typed = "1100000000016"
    r = officer.get("/households/", {"year": YEAR, "q": typed})
    html = text(r)
    assert r.status_code == 200
    assert typed not in html
    assert "x-xxxx-xxxxx-00-16" in html  # the box shows the masked form
    assert "ช่องนี้ไม่รับเลขประจำตัวประชาชน" in html


def test_request_log_lines_mask_national_ids() -> None:
    import logging

    from tpmap.site.logfilters import MaskNidFilter

    logger = logging.getLogger("django.server")
    assert any(isinstance(f, MaskNidFilter) for h in logger.handlers for f in h.filters)
    assert not logger.propagate
