"""F1 for officers: the persons of their area whose sources disagree, by household, last 4
NID digits only, every opening audited; an area outside theirs is not found.

Web personas (2566; tests/web_kit.py): allowance (Malee, elderly) and health coverage
(Somchai) are given, no disability registry. In Mueang Ubon (3401):
* aged 60+ without an elderly allowance: Kham (65, H3) -> 1;
* an active card holder in no surveyed household: Fah (village 34010102) -> 1;
* no health scheme: Somsri, the son (H1), Malee (H2), Boonmee, Kham (H3) -> 5;
so 6 persons are listed. Phet (61, H5, Yasothon 35) is outside the district's area.
"""

from typing import Any

import pytest

from tests.logbook.pages import text
from tests.web_kit import H1, H3
from tpmap.accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_district_sees_its_disagreements_by_household(officer: Any) -> None:
    r = officer.get("/checks/", REMOTE_ADDR="192.0.2.20")
    assert r.status_code == 200
    html = text(r)
    for key, n in (
        ("disabled_unregistered", 0),
        ("elderly_no_allowance", 1),
        ("card_not_surveyed", 1),
        ("no_health_scheme", 5),
    ):
        assert f'<tr data-key="{key}">' in html
        assert (
            html.split(f'<tr data-key="{key}">', 1)[1]
            .split("</tr>", 1)[0]
            .endswith(f"<td>{n}</td>")
        )
    assert html.count('data-key="check-person"') == 6
    assert "ทั้งหมด 6 คน" in html
    assert f"/households/2566/{H1}/" in html and f"/households/2566/{H3}/" in html
    assert "อายุ 60 ปีขึ้นไป ไม่ได้รับเบี้ยยังชีพผู้สูงอายุ" in html
    assert "เลขบัตร 4 ตัวท้าย 0067" in html  # Fah, registry only
    assert "1100000000067" not in html and "1100000000041" not in html
    assert "เพชร" not in html  # Yasothon
    event = AuditEvent.objects.get(action="view", object_type="source_checks")
    assert (event.area_code, event.year, event.object_id, event.ip) == (
        "3401",
        2566,
        "all",
        "192.0.2.20",
    )


def test_one_check_and_a_narrower_area(officer: Any) -> None:
    html = text(officer.get("/checks/?area=34010102&check=elderly_no_allowance"))
    assert html.count('data-key="check-person"') == 1
    assert "ทั้งหมด 1 คน" in html and "0041" in html
    assert AuditEvent.objects.filter(
        object_type="source_checks", area_code="34010102", object_id="elderly_no_allowance"
    ).exists()


def test_an_area_outside_the_officers_is_not_found(officer: Any) -> None:
    assert officer.get("/checks/?area=35").status_code == 404
    assert officer.get("/checks/?area=3402").status_code == 404
    assert officer.get("/checks/?year=abcd").status_code == 400
    assert not AuditEvent.objects.filter(object_type="source_checks").exists()


def test_login_is_required(client: Any) -> None:
    r = client.get("/checks/")
    assert r.status_code == 302
