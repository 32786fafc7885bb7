"""Users with a role, an area and an agency (F11), and the audit trail."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tpmap.accounts.roles import ROLE_CHOICES, Role, area_error, role_info


class User(AbstractUser):
    """An officer's account. ``area_code`` is ``TH``, a province (2 digits), a district (4)
    or a subdistrict (6); the account sees households whose village code starts with it."""

    role = models.CharField(_("บทบาท"), max_length=40, choices=ROLE_CHOICES)
    area_code = models.CharField(_("รหัสพื้นที่"), max_length=8)
    agency = models.CharField(_("หน่วยงาน"), max_length=200, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=30, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("สร้างโดย"),
    )
    # Set when an administrator gave the password (a new account, a reset): the password
    # travelled in a file or a message, so the officer must choose their own before
    # anything else (tpmap.site.firstlogin.FirstLoginMiddleware).
    must_change_password = models.BooleanField(_("ต้องเปลี่ยนรหัสผ่าน"), default=False)

    REQUIRED_FIELDS = ["email", "role", "area_code"]

    class Meta:
        verbose_name = _("ผู้ใช้")
        verbose_name_plural = _("ผู้ใช้")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(area_code="TH")
                | models.Q(area_code__regex=r"^[0-9]{2}([0-9]{2}){0,2}$"),
                name="user_area_code_shape",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in Role]), name="user_role_known"
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.role and self.area_code:
            problem = area_error(self.role, self.area_code)
            if problem:
                raise ValidationError({"area_code": problem})

    @property
    def role_name(self) -> str:
        return gettext(role_info(self.role).name_th) if self.role else ""

    @property
    def manages_accounts(self) -> bool:
        return bool(self.role) and role_info(self.role).manages_accounts and self.is_active

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class AuditEvent(models.Model):
    """Who did what, when, from where: every create/change/delete of Logbook records and
    accounts (before and after, NIDs masked), every opening of a household's personal
    data and every report downloaded. Rows are only ever added."""

    class Action(models.TextChoices):
        CREATE = "create", _("สร้าง")
        CHANGE = "change", _("แก้ไข")
        DELETE = "delete", _("ลบ")
        VIEW = "view", _("เปิดดูข้อมูลส่วนบุคคล")
        EXPORT = "export", _("ดาวน์โหลดรายงาน")
        # Raised by the system, not done by the actor: e.g. many households opened in a
        # few minutes (tpmap.accounts.bulk), shown to the area's administrator.
        ALERT = "alert", _("แจ้งเตือน")

    at = models.DateTimeField(_("เวลา"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ผู้ใช้"),
    )
    actor_username = models.CharField(_("ชื่อผู้ใช้"), max_length=150)
    action = models.CharField(_("การกระทำ"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("ประเภทข้อมูล"), max_length=40)
    object_id = models.CharField(_("รหัสข้อมูล"), max_length=64, blank=True)
    # The area the event belongs to (a household's village, an account's area): a province
    # administrator browses the events whose area starts with the province code.
    area_code = models.CharField(_("พื้นที่"), max_length=8, db_index=True)
    year = models.PositiveIntegerField(_("ปีข้อมูล"), null=True, blank=True)
    household_id = models.CharField(_("รหัสบ้าน"), max_length=32, blank=True, db_index=True)
    before: Any = models.JSONField(_("ก่อน"), null=True, blank=True)
    after: Any = models.JSONField(_("หลัง"), null=True, blank=True)
    ip = models.GenericIPAddressField("IP", null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("บันทึกการใช้งาน")
        verbose_name_plural = _("บันทึกการใช้งาน")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    action__in=["create", "change", "delete", "view", "export", "alert"]
                ),
                name="audit_action_known",
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.object_type}"


class ApiToken(models.Model):
    """A bearer token of the REST API. Only its SHA-256 is stored, so a copy of the
    database gives no working token; it ends at ``expires_at`` or when revoked (by its
    holder, or by the account being deactivated)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    ip = models.GenericIPAddressField("IP", null=True, blank=True)

    class Meta:
        verbose_name = _("โทเคน API")
        verbose_name_plural = _("โทเคน API")
        indexes = [models.Index(fields=["user", "revoked_at"], name="api_token_user_live")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"


class RateCounter(models.Model):
    """One fixed-window counter of the rate limits (tpmap.site.ratelimit). In the
    database, so every process and server of a deployment counts the same requests; the
    increment is one INSERT ... ON CONFLICT DO UPDATE ... RETURNING, atomic on SQLite and
    PostgreSQL."""

    key = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)
