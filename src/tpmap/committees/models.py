"""F19 committees (ศจพ.) with their members and establishment orders (คำสั่ง), and F26
their monthly and quarterly reports, whose figures of the area are frozen at submission.

One committee per area: a province (ศจพ.จ.; Bangkok ศจพ.กทม.), a district (ศจพ.อ.; a
Bangkok เขต ศจพ.ข.) or a subdistrict's operations team (ทีมปฏิบัติการ). Its level follows
from the area code (see ``level_for``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tpmap.logbook.models import Versioned
from tpmap.site.storage import AtomicFileSystemStorage


class Level(models.TextChoices):
    PROVINCE = "province", _("ศจพ.จ.")
    BANGKOK = "bangkok", _("ศจพ.กทม.")
    DISTRICT = "district", _("ศจพ.อ.")
    BANGKOK_DISTRICT = "bangkok_district", _("ศจพ.ข.")
    TEAM = "team", _("ทีมปฏิบัติการ")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("ประธาน")
    VICE_CHAIR = "vice_chair", _("รองประธาน")
    MEMBER = "member", _("กรรมการ")
    SECRETARY = "secretary", _("เลขานุการ")
    ASSISTANT_SECRETARY = "assistant_secretary", _("ผู้ช่วยเลขานุการ")


#: The order members are listed in, as an establishment order lists them.
ROLE_ORDER: dict[str, int] = {r.value: i for i, r in enumerate(MemberRole)}


class Made(models.Model):
    """Who made a committee's record, and the offline client's id of the create."""

    client_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True


class Committee(Made, Versioned):
    area_code = models.CharField(_("รหัสพื้นที่"), max_length=6, unique=True)
    level = models.CharField(_("ระดับ"), max_length=20, choices=Level.choices)
    name = models.CharField(_("ชื่อ"), max_length=300)

    class Meta:
        ordering = ["area_code"]

    def __str__(self) -> str:
        return self.name

    def latest_order(self) -> Order | None:
        orders: Any = getattr(self, "_prefetched_objects_cache", {}).get("orders")
        if orders is not None:
            return max(orders, key=lambda o: (o.signed_on, o.pk), default=None)
        return self.orders.order_by("-signed_on", "-id").first()


class Member(Made):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("ชื่อ-นามสกุล"), max_length=200)
    position = models.CharField(_("ตำแหน่ง"), max_length=200)
    agency = models.CharField(_("หน่วยงาน"), max_length=200, blank=True)
    role = models.CharField(_("บทบาท"), max_length=20, choices=MemberRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["committee", "id"]


def _order_path(instance: Order, filename: str) -> str:
    return f"committees/orders/{instance.committee.area_code}/{filename}"


# Orders are public documents, but they are served by a view (never MEDIA_URL), like photos.
order_storage = AtomicFileSystemStorage()


class Order(models.Model):
    """An establishment order (คำสั่งจัดตั้ง) as uploaded: a checked PDF, its number and the
    day it was signed. A committee whose composition changes gets a new order; the latest
    by date is the one in force."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="orders")
    number = models.CharField(_("เลขที่คำสั่ง"), max_length=50)
    signed_on = models.DateField(_("ลงวันที่"))
    file = models.FileField(upload_to=_order_path, storage=order_storage, max_length=200)
    size_bytes = models.PositiveIntegerField()
    pages = models.PositiveIntegerField(default=0)
    original_name = models.CharField(max_length=200, blank=True)
    client_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "-id"]


class ReportKind(models.TextChoices):
    MONTHLY = "monthly", _("รายงานความก้าวหน้ารายเดือน")
    QUARTERLY = "quarterly", _("รายงานผลรายไตรมาส")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("ฉบับร่าง")
    SUBMITTED = "submitted", _("ส่งแล้ว")


class Report(Made, Versioned):
    """A committee's report of one period (a month, or a fiscal quarter starting Oct, Jan,
    Apr or Jul): its texts, and at submission the figures of its area, frozen."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(_("ประเภทรายงาน"), max_length=10, choices=ReportKind.choices)
    period_start = models.DateField(_("รอบรายงาน"))
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    results = models.TextField(_("ผลการดำเนินการ"), blank=True)
    obstacles = models.TextField(_("ปัญหาและอุปสรรค"), blank=True)
    suggestions = models.TextField(_("ข้อเสนอแนะ"), blank=True)
    figures: Any = models.JSONField(null=True, blank=True)
    submitted_at = models.DateTimeField(_("วันที่ส่ง"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    late = models.BooleanField(_("ส่งหลังกำหนด"), default=False)

    class Meta:
        ordering = ["-period_start", "committee"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "kind", "period_start"], name="report_one_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(submitted_at__isnull=False),
                name="report_submitted_has_time",
            ),
        ]

    @property
    def period_label(self) -> str:
        from tpmap.committees import periods

        return periods.label(self.kind, self.period_start)
