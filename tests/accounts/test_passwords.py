"""The password rules and every message about a password, in Thai."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.web_kit import PASSWORD
from tpmap.accounts.models import User

pytestmark = pytest.mark.django_db


def messages(password: str, user: User | None = None, lang: str = "th") -> list[str]:
    with translation.override(lang):
        try:
            validate_password(password, user)
        except ValidationError as e:
            return list(e.messages)
    return []


def test_every_password_rule_says_why_in_thai() -> None:
    somchai = User(username="somchai", first_name="สมชาย")
    assert messages("1234") == [
        "รหัสผ่านสั้นเกินไป ต้องมีอย่างน้อย 10 ตัวอักษร",
        "รหัสผ่านนี้ใช้กันทั่วไป เดาง่าย กรุณาตั้งรหัสผ่านอื่น",
        "รหัสผ่านต้องไม่เป็นตัวเลขล้วน ให้มีตัวอักษรปนด้วย",
    ]
    assert messages("somchai123", somchai) == ["รหัสผ่านคล้ายกับชื่อผู้ใช้มากเกินไป"]
    assert messages("password123") == ["รหัสผ่านนี้ใช้กันทั่วไป เดาง่าย กรุณาตั้งรหัสผ่านอื่น"]
    assert messages("Ubon-Field-2569x", somchai) == []
    with translation.override("th"):
        assert password_validators_help_texts() == [
            "รหัสผ่านต้องไม่คล้ายกับชื่อผู้ใช้ ชื่อ นามสกุล หรืออีเมลของท่าน",
            "รหัสผ่านต้องมีอย่างน้อย 10 ตัวอักษร",
            "รหัสผ่านต้องไม่ใช่รหัสผ่านที่ใช้กันทั่วไป",
            "รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด",
        ]
    assert messages("1234", lang="en")[0] == "This password is too short: at least 10 characters."


def test_the_password_change_page_shows_the_rules_and_refuses_in_thai(
    client: Any, people: dict[str, Any]
) -> None:
    client.force_login(people["district"])
    html = client.get("/accounts/password/").content.decode()
    for expected in (
        "รหัสผ่านเดิม",
        "รหัสผ่านใหม่",
        "ยืนยันรหัสผ่านใหม่",
        "รหัสผ่านต้องมีอย่างน้อย 10 ตัวอักษร",
        "รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด",
    ):
        assert expected in html, expected
    assert "Your password" not in html and "characters" not in html
    r = client.post(
        "/accounts/password/",
        {"old_password": "wrong", "new_password1": "1234", "new_password2": "12345"},
    )
    html = r.content.decode()
    assert r.status_code == 200 or r.status_code == 400
    assert "รหัสผ่านเดิมไม่ถูกต้อง กรุณากรอกใหม่" in html
    assert "รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน" in html
    r = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "1234", "new_password2": "1234"},
    )
    html = r.content.decode()
    assert "รหัสผ่านสั้นเกินไป ต้องมีอย่างน้อย 10 ตัวอักษร" in html
    assert "didn" not in html and "too short" not in html
    people["district"].refresh_from_db()
    assert people["district"].check_password(PASSWORD)
