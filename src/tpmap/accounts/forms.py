from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from tpmap.accounts.models import AuditEvent, User
from tpmap.accounts.roles import ROLES, Role, role_info


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"),
        "inactive": _("บัญชีนี้ถูกระงับการใช้งาน"),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("ชื่อผู้ใช้")
        self.fields["password"].label = _("รหัสผ่าน")


class AccountCreateForm(forms.Form):
    username = forms.RegexField(
        label=_("ชื่อผู้ใช้"),
        regex=r"^[A-Za-z0-9_.@+-]{3,150}$",
        error_messages={"invalid": _("ใช้ตัวอักษรอังกฤษ ตัวเลข และ . _ - @ + ได้ 3-150 ตัว")},
    )
    first_name = forms.CharField(label=_("ชื่อ"), max_length=150)
    last_name = forms.CharField(label=_("นามสกุล"), max_length=150)
    role = forms.ChoiceField(label=_("บทบาท"))
    area_code = forms.CharField(
        label=_("รหัสพื้นที่"),
        max_length=8,
        help_text=_("จังหวัด 2 หลัก อำเภอ 4 หลัก ตำบล 6 หลัก เช่น 3401"),
    )
    agency = forms.CharField(label=_("หน่วยงาน"), max_length=200, required=False)
    email = forms.EmailField(label=_("อีเมล"), required=False)
    phone = forms.CharField(label=_("โทรศัพท์"), max_length=30, required=False)

    def __init__(self, *args: Any, manager: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rank = role_info(manager.role).rank
        role: Any = self.fields["role"]
        role.choices = [(r.value, ROLES[r].name_th) for r in Role if ROLES[r].rank > rank]


# The actions officers look for, in the order they look for them.
_SEARCHED_ACTIONS = (
    AuditEvent.Action.VIEW,
    AuditEvent.Action.CREATE,
    AuditEvent.Action.CHANGE,
    AuditEvent.Action.DELETE,
)


class AuditFilterForm(forms.Form):
    household_id = forms.CharField(label=_("รหัสบ้าน"), required=False, max_length=32)
    username = forms.CharField(label=_("ผู้ใช้"), required=False, max_length=150)
    action = forms.ChoiceField(
        label=_("การกระทำ"),
        required=False,
        choices=[("", _("ทั้งหมด")), *((a.value, a.label) for a in _SEARCHED_ACTIONS)],
    )


class OwnPasswordChangeForm(PasswordChangeForm):
    """Django's password change, refusing the password the account already has (at first
    login that is the one an administrator sent)."""

    def clean_new_password1(self) -> str:
        password: str = self.cleaned_data["new_password1"]
        if self.user.check_password(password):
            raise forms.ValidationError(_("รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านเดิม"))
        return password
