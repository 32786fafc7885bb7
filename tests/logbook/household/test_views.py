"""F7 household page (and what every Logbook page shares) through the test client."""

import re
from typing import Any

import pytest

from tests.logbook.pages import text
from tests.web_kit import H1, H3, H4, YEAR
from tpmap.accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


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
        "เพราะ: อยู่ในการสำรวจ จปฐ. และ ยากจนตามดัชนี MPI และ มีบัตรสวัสดิการแห่งรัฐ",
        "สมาชิก: สมชาย ใจดี",
        "15.24, 104.85",
        "ผู้พึ่งพิงในครัวเรือน",
        "มี (เด็กอายุต่ำกว่า 15 ปี",
    ]:
        assert expected in html, expected
    assert "1100000000016" not in html and "1100000000024" not in html
    # The target group's reason is said in Thai words, never the policy rule's code.
    assert "surveyed and" not in html and "mpi_poor" not in html
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


def test_a_household_of_another_district_is_not_found(officer: Any) -> None:
    r = officer.get(f"/households/{YEAR}/{H4}/")
    assert r.status_code == 404
    assert "ทองดี" not in text(r)
    assert not AuditEvent.objects.exists()


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


def test_anonymous_visitors_are_sent_to_the_login_page(client: Any, people: dict[str, Any]) -> None:
    r = client.get(f"/households/{YEAR}/{H1}/")
    assert r.status_code == 302 and r["Location"].startswith("/login/?next=")


def test_request_log_lines_mask_national_ids() -> None:
    import logging

    from tpmap.site.logfilters import MaskNidFilter

    logger = logging.getLogger("django.server")
    assert any(isinstance(f, MaskNidFilter) for h in logger.handlers for f in h.filters)
    assert not logger.propagate
