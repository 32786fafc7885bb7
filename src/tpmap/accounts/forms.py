from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from tpmap.accounts.roles import ROLES, Role, role_info


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง",
        "inactive": "บัญชีนี้ถูกระงับการใช้งาน",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "ชื่อผู้ใช้"
        self.fields["password"].label = "รหัสผ่าน"


class AccountCreateForm(forms.Form):
    username = forms.RegexField(
        label="ชื่อผู้ใช้",
        regex=r"^[A-Za-z0-9_.@+-]{3,150}$",
        error_messages={"invalid": "ใช้ตัวอักษรอังกฤษ ตัวเลข และ . _ - @ + ได้ 3-150 ตัว"},
    )
    first_name = forms.CharField(label="ชื่อ", max_length=150)
    last_name = forms.CharField(label="นามสกุล", max_length=150)
    role = forms.ChoiceField(label="บทบาท")
    area_code = forms.CharField(
        label="รหัสพื้นที่",
        max_length=8,
        help_text="จังหวัด 2 หลัก อำเภอ 4 หลัก ตำบล 6 หลัก เช่น 3401",
    )
    agency = forms.CharField(label="หน่วยงาน", max_length=200, required=False)
    email = forms.EmailField(label="อีเมล", required=False)
    phone = forms.CharField(label="โทรศัพท์", max_length=30, required=False)

    def __init__(self, *args: Any, manager: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rank = role_info(manager.role).rank
        role: Any = self.fields["role"]
        role.choices = [(r.value, ROLES[r].name_th) for r in Role if ROLES[r].rank > rank]


class AuditFilterForm(forms.Form):
    household_id = forms.CharField(label="รหัสบ้าน", required=False, max_length=32)
    username = forms.CharField(label="ผู้ใช้", required=False, max_length=150)
    action = forms.ChoiceField(
        label="การกระทำ",
        required=False,
        choices=[
            ("", "ทั้งหมด"),
            ("view", "เปิดดูข้อมูลส่วนบุคคล"),
            ("create", "สร้าง"),
            ("change", "แก้ไข"),
            ("delete", "ลบ"),
        ],
    )
