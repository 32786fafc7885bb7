"""F16: the mentor form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tpmap.accounts.models import User
from tpmap.logbook.forms import today
from tpmap.logbook.models import DIMENSION_CHOICES, MentorKind
from tpmap.site.forms import DateInput


class MentorForm(forms.Form):
    """F16: a household's mentor, an account of the area or a name (a team, a civil
    servant without an account)."""

    user = forms.TypedChoiceField(
        label=_("บัญชีผู้ใช้ของพี่เลี้ยง"), coerce=int, required=False, empty_value=None
    )
    name = forms.CharField(
        label=_("ชื่อพี่เลี้ยงหรือทีม"),
        max_length=200,
        required=False,
        help_text=_("เว้นว่างได้เมื่อเลือกบัญชีผู้ใช้"),
    )
    agency = forms.CharField(label=_("หน่วยงาน"), max_length=200, required=False)
    # Not required: a form without it (an older page, a script) records a civil servant.
    kind = forms.ChoiceField(
        label=_("ประเภทพี่เลี้ยง"),
        choices=MentorKind.choices,
        initial=MentorKind.CIVIL_SERVANT,
        required=False,
    )
    dimension = forms.ChoiceField(
        label=_("มิติที่พี่เลี้ยงดูแล"),
        choices=[("", _("— ไม่ระบุ —")), *DIMENSION_CHOICES],
        required=False,
        help_text=_("ควรตรงกับมิติปัญหาหลักของครัวเรือน"),
    )
    assigned_on = forms.DateField(label=_("วันที่มอบหมาย"), widget=DateInput(), initial=today)

    def __init__(
        self,
        *args: Any,
        accounts: list[User],
        loads: dict[int, int] | None = None,
        limit: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["user"]
        loads = loads or {}

        def label(u: User) -> str:
            text = f"{u.display_name} · {u.agency}" if u.agency else u.display_name
            if limit is not None:
                text += " " + _("(ดูแล %(n)s/%(limit)s ครัวเรือน)") % {
                    "n": loads.get(u.pk, 0),
                    "limit": limit,
                }
            return text

        field.choices = [("", _("— ไม่มีบัญชี (ระบุชื่อ) —"))] + [(u.pk, label(u)) for u in accounts]
        self._accounts = {u.pk: u for u in accounts}

    def account(self) -> User | None:
        pk = self.cleaned_data.get("user")
        return self._accounts.get(pk) if pk is not None else None
