"""Logbook records. Each points to a household by (year, household_id) and carries the
household's village code, so every read and write can be limited to the officer's area
without asking the warehouse, and the record survives warehouse rebuilds."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tpmap.core.areas import CODE_LENGTH
from tpmap.core.indicators import DIMENSION_NAMES_TH, DIMENSIONS, MAX_INDICATORS

# The 5 MPI dimensions as a choice ("" = not stated: ไม่ระบุ).
DIMENSION_CHOICES: list[tuple[str, str]] = [(d, DIMENSION_NAMES_TH[d]) for d in DIMENSIONS]


class Versioned(models.Model):
    """When a record an officer changes was made and last changed, and its version (the
    Logbook's records, the routing catalogue, the committees and their reports)."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Raised by one at each change: a client sends the version it read and a stale one is
    # refused (409 in the API), so an offline edit never silently overwrites a newer one.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class HouseholdRecord(Versioned):
    year = models.PositiveIntegerField(_("ปีข้อมูล"))
    household_id = models.CharField(_("รหัสบ้าน"), max_length=32)
    village_code = models.CharField(_("รหัสหมู่บ้าน"), max_length=8, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True


class ProblemStatus(models.TextChoices):
    OPEN = "open", _("รอดำเนินการ")
    # Routing (F18): the district gave the problem an agency and a due date, or sent it to
    # the province (logbook/routing). Kept in this order: new → assigned → in progress →
    # resolved, escalated beside them.
    ASSIGNED = "assigned", _("มอบหมายหน่วยงานแล้ว")
    IN_PROGRESS = "in_progress", _("กำลังดำเนินการ")
    RESOLVED = "resolved", _("แก้ไขแล้ว")
    ESCALATED = "escalated", _("ส่งต่อจังหวัด")


class Problem(HouseholdRecord):
    """F8: a problem or need of a household, in one MPI dimension, followed until resolved."""

    title = models.CharField(_("ปัญหา"), max_length=200)
    details = models.TextField(_("รายละเอียดปัญหา"), blank=True)
    performer = models.CharField(_("ผู้ดำเนินการ"), max_length=200)
    agency = models.CharField(_("หน่วยงาน"), max_length=200)
    occurred_on = models.DateField(_("วันที่"))
    dimension = models.CharField(
        _("มิติปัญหา"), max_length=12, choices=DIMENSION_CHOICES, blank=True, default=""
    )
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=ProblemStatus.choices, default=ProblemStatus.OPEN
    )
    resolved_on = models.DateField(_("วันที่แก้ไขแล้ว"), null=True, blank=True)
    indicator = models.PositiveSmallIntegerField(_("ตัวชี้วัด จปฐ."), null=True, blank=True)
    # The client's id of the record (the API's idempotency key): the same account sending
    # the same client_id again gets the record already made, never a second one.
    client_id = models.UUIDField(null=True, blank=True, editable=False)
    # Routing (F18): the catalogue's agency (None: ``agency`` is text the catalogue does not
    # know), the due date the district set, and the menu's programme chosen (None with a
    # note: "not in the menu").
    agency_ref = models.ForeignKey(
        "Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="problems",
        verbose_name=_("หน่วยงาน (ทะเบียน)"),
    )
    due_on = models.DateField(_("กำหนดแล้วเสร็จ"), null=True, blank=True)
    menu_item = models.ForeignKey(
        "MenuItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problems",
        verbose_name=_("เมนูแก้จน"),
    )
    routing_note = models.TextField(_("หมายเหตุการมอบหมาย"), blank=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["household_id", "year"]),
            # The dashboard counts problems by dimension and status: an area's from a
            # village-code range, the country's in index order (covering, no sort).
            models.Index(
                fields=["year", "village_code", "dimension", "status"], name="problem_area_dim"
            ),
            models.Index(fields=["year", "dimension", "status"], name="problem_year_dim"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[c.value for c in ProblemStatus]),
                name="problem_status_known",
            ),
            models.CheckConstraint(
                condition=Q(dimension="") | Q(dimension__in=list(DIMENSIONS)),
                name="problem_dimension_known",
            ),
            # A resolved problem has the day it was resolved; an open one has none.
            models.CheckConstraint(
                condition=Q(status=ProblemStatus.RESOLVED, resolved_on__isnull=False)
                | (~Q(status=ProblemStatus.RESOLVED) & Q(resolved_on__isnull=True)),
                name="problem_resolved_on_iff_resolved",
            ),
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=F("occurred_on")),
                name="problem_resolved_after_occurred",
            ),
            models.CheckConstraint(
                condition=Q(indicator__isnull=True) | Q(indicator__gte=1, indicator__lte=38),
                name="problem_indicator_in_range",
            ),
            models.UniqueConstraint(
                fields=["created_by", "client_id"],
                condition=Q(client_id__isnull=False),
                name="one_problem_per_client_id",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Activity(HouseholdRecord):
    """F9: an assistance activity for a household."""

    name = models.CharField(_("ชื่อกิจกรรม"), max_length=200)
    details = models.TextField(_("รายละเอียดกิจกรรม"), blank=True)
    performer = models.CharField(_("ผู้ดำเนินการ"), max_length=200)
    agency = models.CharField(_("หน่วยงาน"), max_length=200)
    start_on = models.DateField(_("วันเริ่มต้น"))
    end_on = models.DateField(_("วันสิ้นสุด"), null=True, blank=True)
    indicator = models.PositiveSmallIntegerField(_("ตัวชี้วัด จปฐ."), null=True, blank=True)
    problem = models.ForeignKey(
        Problem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        verbose_name=_("ปัญหาที่แก้"),
    )
    # The client's id of the record (the API's idempotency key): the same account sending
    # the same client_id again gets the record already made, never a second one.
    client_id = models.UUIDField(null=True, blank=True, editable=False)
    # Routing (F18, F27): the catalogue's agency (None: unmatched text), and the duplicate
    # assistance found when it was saved (ids of other agencies' activities for the same
    # household and indicator in an overlapping period) and whether someone confirmed it.
    agency_ref = models.ForeignKey(
        "Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("หน่วยงาน (ทะเบียน)"),
    )
    duplicate_of: Any = models.JSONField(default=list, blank=True)
    duplicate_confirmed = models.BooleanField(_("ยืนยันบันทึกแม้ซ้ำซ้อน"), default=False)

    class Meta:
        ordering = ["-start_on", "-id"]
        indexes = [
            models.Index(fields=["household_id", "year"]),
            # The dashboard counts activities by agency and month, and by agency and BMN
            # indicator: covering indexes for an area's range and for the whole country.
            models.Index(
                fields=["year", "village_code", "agency", "start_on", "indicator", "problem"],
                name="activity_area_agency",
            ),
            models.Index(fields=["year", "agency", "start_on"], name="activity_year_agency_month"),
            models.Index(
                fields=["year", "agency", "indicator", "problem"], name="activity_year_agency_ind"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gte=F("start_on")),
                name="activity_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(indicator__isnull=True)
                | Q(indicator__gte=1, indicator__lte=MAX_INDICATORS),
                name="activity_indicator_in_range",
            ),
            models.UniqueConstraint(
                fields=["created_by", "client_id"],
                condition=Q(client_id__isnull=False),
                name="one_activity_per_client_id",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class HouseholdType(models.TextChoices):
    DEVELOPABLE = "developable", _("มีความพร้อมสามารถพัฒนาได้")
    WELFARE = "welfare", _("ต้องการให้สงเคราะห์/ช่วยเหลือเพียงอย่างเดียว (สูงอายุ/พิการ)")
    GONE = "gone", _("เสียชีวิต หรือ ย้ายออก")
    OTHER = "other", _("อื่น ๆ")


class WantsHelp(models.TextChoices):
    URGENT = "urgent", _("ต้องได้รับการช่วยเหลือเร่งด่วน")
    WANTS = "wants", _("ประสงค์รับการช่วยเหลือ")
    NO = "no", _("ไม่ประสงค์รับการช่วยเหลือ")


HELP_KINDS: list[tuple[str, Any]] = [
    ("goods", _("สิ่งของ")),
    ("money", _("เงินสงเคราะห์")),
    ("utilities", _("สาธารณูปโภค")),
    ("training", _("อบรม/ศึกษาดูงาน/พัฒนาความสามารถ")),
    ("scholarship", _("ทุนการศึกษา")),
    ("referral", _("ประสานส่งต่อ")),
    ("other", _("อื่น ๆ")),
]
KHOK_NONG_NA_ROLES: list[tuple[str, Any]] = [
    ("none", _("ไม่เกี่ยวข้อง")),
    ("owner", _("เจ้าของแปลง")),
    ("contractor", _("ลูกจ้างเหมาบริการ")),
    ("other", _("อื่น ๆ")),
]
KHOK_NONG_NA_BUDGETS: list[tuple[str, Any]] = [
    ("province", _("งบพัฒนาจังหวัด")),
    ("covid_loan", _("งบเงินกู้ฟื้นฟูเศรษฐกิจหลัง COVID-19")),
    ("cdd", _("งบกรมการพัฒนาชุมชน")),
    ("agriculture", _("งบกระทรวงเกษตรฯ")),
    ("other", _("อื่น ๆ")),
]
COMMUNITY_FUNDS: list[tuple[str, Any]] = [
    ("savings_group", _("กลุ่มออมทรัพย์เพื่อการผลิต")),
    ("finance_centre", _("ศูนย์จัดการเงินทุนชุมชน")),
    ("kkkj", _("กข.คจ.")),
    ("village_fund", _("กองทุนหมู่บ้าน")),
    ("women_fund", _("กองทุนพัฒนาบทบาทสตรี")),
    ("other", _("อื่น ๆ")),
]


class Classification(HouseholdRecord):
    """F14: the family folder (แบบสรุปข้อมูลครัวเรือน) of a household in a data year."""

    household_type = models.CharField(
        _("ประเภทครัวเรือน"), max_length=20, choices=HouseholdType.choices
    )
    household_type_other = models.CharField(_("ประเภทอื่น ๆ (ระบุ)"), max_length=200, blank=True)
    wants_help = models.CharField(
        _("ความประสงค์รับการช่วยเหลือ"), max_length=10, choices=WantsHelp.choices
    )
    help_kinds: Any = models.JSONField(_("ความต้องการการช่วยเหลือ"), default=list, blank=True)
    help_other = models.CharField(_("ความต้องการอื่น ๆ (ระบุ)"), max_length=200, blank=True)
    debt_cause = models.CharField(_("สาเหตุของการเป็นหนี้"), max_length=300, blank=True)
    occupational_skills = models.TextField(_("ทักษะด้านอาชีพของคนในครัวเรือน"), blank=True)
    khok_nong_na_role = models.CharField(
        _("โคก หนอง นา โมเดล"), max_length=20, choices=KHOK_NONG_NA_ROLES, default="none"
    )
    khok_nong_na_budgets: Any = models.JSONField(_("แหล่งงบประมาณ"), default=list, blank=True)
    community_funds: Any = models.JSONField(_("แหล่งทุนในชุมชน"), default=list, blank=True)
    community_funds_other = models.CharField(_("แหล่งทุนอื่น ๆ (ระบุ)"), max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["year", "household_id"], name="one_classification_per_household_year"
            ),
            models.CheckConstraint(
                condition=Q(household_type__in=[c.value for c in HouseholdType]),
                name="classification_type_known",
            ),
            models.CheckConstraint(
                condition=Q(wants_help__in=[c.value for c in WantsHelp]),
                name="classification_wants_help_known",
            ),
        ]


class Pin(models.Model):
    """F15: where a household lives, set from the phone's GPS or by tapping a map. One pin
    per household (a house does not move between data years)."""

    class Source(models.TextChoices):
        GPS = "gps", _("GPS ของโทรศัพท์")
        MAP = "map", _("แตะบนแผนที่")
        TYPED = "typed", _("พิมพ์พิกัด")
        SURVEY = "survey", _("พิกัดจากการสำรวจ จปฐ.")

    household_id = models.CharField(_("รหัสบ้าน"), max_length=32, unique=True)
    year = models.PositiveIntegerField(_("ปีข้อมูล"))
    village_code = models.CharField(_("รหัสหมู่บ้าน"), max_length=8, db_index=True)
    latitude = models.DecimalField(_("ละติจูด"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("ลองจิจูด"), max_digits=9, decimal_places=6)
    accuracy_m = models.PositiveIntegerField(_("ความแม่นยำ (เมตร)"), null=True, blank=True)
    source = models.CharField(_("ที่มา"), max_length=10, choices=Source.choices)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            # The contract's box around Thailand (CONTRACTS.md section 1).
            models.CheckConstraint(
                condition=Q(latitude__gte=5.6, latitude__lte=20.5)
                & Q(longitude__gte=97.3, longitude__lte=105.7),
                name="pin_inside_thailand",
            ),
        ]


class MentorKind(models.TextChoices):
    """Who mentors (WORKFLOWS.md §4): recorded on the assignment, not the account, because
    most students, community leaders and volunteers mentor without an account."""

    CIVIL_SERVANT = "civil_servant", _("ข้าราชการ")
    STUDENT = "student", _("นักศึกษา")
    COMMUNITY_LEADER = "community_leader", _("ผู้นำชุมชน")
    VOLUNTEER = "volunteer", _("อาสาสมัคร")
    # Seed 001: "อื่น ๆ ตามสมควร (เช่น วิทยากรจิตอาสาพัฒนาชุมชน)".
    OTHER = "other", _("อื่น ๆ ตามสมควร")


class Mentor(Versioned):
    """F16: the mentor (พี่เลี้ยง) who looks after a household in a data year: a civil
    servant, a student, a community leader, a volunteer or a team, optionally linked to
    their account. One mentor per household and year; a mentor looks after at most the
    province's limit of households (``ProvinceSetting``, default
    ``MAX_HOUSEHOLDS_PER_MENTOR``)."""

    year = models.PositiveIntegerField(_("ปีข้อมูล"))
    household_id = models.CharField(_("รหัสบ้าน"), max_length=32)
    village_code = models.CharField(_("รหัสหมู่บ้าน"), max_length=8)
    name = models.CharField(_("ชื่อพี่เลี้ยงหรือทีม"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentored",
        verbose_name=_("บัญชีผู้ใช้ของพี่เลี้ยง"),
    )
    agency = models.CharField(_("หน่วยงาน"), max_length=200)
    kind = models.CharField(
        _("ประเภทพี่เลี้ยง"),
        max_length=20,
        choices=MentorKind.choices,
        default=MentorKind.CIVIL_SERVANT,
    )
    # The dimension the mentor works on with the household: the household's main problem
    # dimension when known (blank: not stated).
    dimension = models.CharField(
        _("มิติที่พี่เลี้ยงดูแล"), max_length=12, choices=DIMENSION_CHOICES, blank=True, default=""
    )
    assigned_on = models.DateField(_("วันที่มอบหมาย"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    MAX_HOUSEHOLDS_PER_MENTOR = 5

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["year", "household_id"], name="one_mentor_per_household_year"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[c.value for c in MentorKind]), name="mentor_kind_known"
            ),
        ]
        indexes = [models.Index(fields=["year", "village_code"], name="mentor_year_village")]

    def __str__(self) -> str:
        return self.name


class FollowedHousehold(models.Model):
    """What the dashboard counts, one row per household and data year with any Logbook
    record: derived from the records (never edited by hand) and rewritten by the services
    in the same transaction as every write, so the dashboard is one GROUP BY per table.
    Dates are the records' own dates (problem occurred_on, activity start_on, mentor
    assigned_on, the day a pin or family folder was saved)."""

    year = models.PositiveIntegerField()
    household_id = models.CharField(max_length=32)
    village_code = models.CharField(max_length=8)
    # A target household of the year (a member is a target person), read from the warehouse
    # when a record is written.
    is_target = models.BooleanField(default=False)
    first_record_on = models.DateField()
    last_record_on = models.DateField()
    first_problem_on = models.DateField(null=True)
    first_activity_on = models.DateField(null=True)
    mentor_on = models.DateField(null=True)
    pinned_on = models.DateField(null=True)
    problems = models.PositiveIntegerField(default=0)
    open_problems = models.PositiveIntegerField(default=0)
    oldest_open_problem_on = models.DateField(null=True)
    activities = models.PositiveIntegerField(default=0)
    # Contacts: the household's visits (Visit records) where the household was met.
    visits = models.PositiveIntegerField(default=0)
    last_visit_on = models.DateField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["year", "household_id"], name="one_followed_row_per_household_year"
            ),
        ]
        indexes = [
            models.Index(fields=["year", "village_code"], name="followed_year_village"),
            models.Index(
                fields=["year", "oldest_open_problem_on"],
                name="followed_open_problem",
                condition=Q(oldest_open_problem_on__isnull=False),
            ),
        ]


class FollowedMonth(models.Model):
    """One row per household, data year and calendar month with any Logbook record dated
    in it (a visit), flagged by the kinds of records and by whether the month is the
    household's first with a record of that kind (so cumulative counts are running sums)."""

    year = models.PositiveIntegerField()
    household_id = models.CharField(max_length=32)
    village_code = models.CharField(max_length=8)
    is_target = models.BooleanField(default=False)
    month = models.DateField()  # the first day of the month
    problem = models.BooleanField(default=False)
    activity = models.BooleanField(default=False)
    mentor = models.BooleanField(default=False)
    pin = models.BooleanField(default=False)
    first_visit = models.BooleanField(default=False)
    first_problem = models.BooleanField(default=False)
    first_activity = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["year", "household_id", "month"], name="one_followed_month_row"
            ),
        ]
        indexes = [
            models.Index(fields=["year", "village_code"], name="followed_month_village"),
            # The country's months read from the index alone, in month order.
            models.Index(
                fields=[
                    "year",
                    "is_target",
                    "month",
                    "problem",
                    "activity",
                    "mentor",
                    "pin",
                    "first_visit",
                    "first_problem",
                    "first_activity",
                ],
                name="followed_month_country",
            ),
        ]


class PhotoKind(models.TextChoices):
    PROBLEM = "problem", _("รูปภาพปัญหา/ความต้องการ")
    ACTIVITY = "activity", _("รูปภาพกิจกรรม")
    HEAD = "head", _("ภาพหัวหน้าครัวเรือน")
    MEMBERS = "members", _("ภาพสมาชิกในครัวเรือน")
    HOUSE = "house", _("สภาพบ้านเรือนหรือที่อยู่อาศัย")
    SURROUNDINGS_1 = "surroundings_1", _("สภาพบริเวณโดยรอบบ้าน (1)")
    SURROUNDINGS_2 = "surroundings_2", _("สภาพบริเวณโดยรอบบ้าน (2)")
    CORRECTION = "correction", _("รูปภาพผลการเยี่ยมบ้าน")
    VISIT = "visit", _("รูปภาพการเยี่ยมบ้าน")


FOLDER_PHOTO_KINDS: tuple[str, ...] = (
    "head",
    "members",
    "house",
    "surroundings_1",
    "surroundings_2",
)


def _photo_path(instance: Photo, filename: str) -> str:
    return f"photos/{instance.village_code[: CODE_LENGTH['district']]}/{instance.household_id}/{filename}"


class Photo(models.Model):
    """A checked, re-encoded photo (EXIF and GPS removed) with its thumbnail; it belongs to
    a problem, an activity or a family-folder slot."""

    kind = models.CharField(max_length=20, choices=PhotoKind.choices)
    year = models.PositiveIntegerField()
    household_id = models.CharField(max_length=32, db_index=True)
    village_code = models.CharField(max_length=8, db_index=True)
    problem = models.ForeignKey(
        Problem, null=True, blank=True, on_delete=models.CASCADE, related_name="photos"
    )
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="photos"
    )
    classification = models.ForeignKey(
        Classification, null=True, blank=True, on_delete=models.CASCADE, related_name="photos"
    )
    correction = models.ForeignKey(
        "Correction", null=True, blank=True, on_delete=models.CASCADE, related_name="photos"
    )
    visit = models.ForeignKey(
        "Visit", null=True, blank=True, on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(upload_to=_photo_path, max_length=200)
    thumbnail = models.FileField(upload_to=_photo_path, max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size_bytes = models.PositiveIntegerField()
    original_name = models.CharField(max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="problem",
                        problem__isnull=False,
                        activity__isnull=True,
                        classification__isnull=True,
                        correction__isnull=True,
                        visit__isnull=True,
                    )
                    | Q(
                        kind="activity",
                        activity__isnull=False,
                        problem__isnull=True,
                        classification__isnull=True,
                        correction__isnull=True,
                        visit__isnull=True,
                    )
                    | Q(
                        kind__in=list(FOLDER_PHOTO_KINDS),
                        classification__isnull=False,
                        problem__isnull=True,
                        activity__isnull=True,
                        correction__isnull=True,
                        visit__isnull=True,
                    )
                    | Q(
                        kind="correction",
                        correction__isnull=False,
                        problem__isnull=True,
                        activity__isnull=True,
                        classification__isnull=True,
                        visit__isnull=True,
                    )
                    | Q(
                        kind="visit",
                        visit__isnull=False,
                        problem__isnull=True,
                        activity__isnull=True,
                        classification__isnull=True,
                        correction__isnull=True,
                    )
                ),
                name="photo_has_exactly_its_owner",
            ),
            models.UniqueConstraint(
                fields=["classification", "kind"],
                condition=Q(classification__isnull=False),
                name="one_photo_per_folder_slot",
            ),
        ]


# -- F12/F13 the outcome of a visit: corrections, additions, re-assessments -----------------
class CorrectionKind(models.TextChoices):
    FOUND = "found", _("พบตามที่สำรวจ")
    MOVED_OUT = "moved_out", _("ย้ายออก")
    DECEASED = "deceased", _("เสียชีวิต")
    NOT_POOR = "not_poor", _("ไม่ใช่คนจน (ตกหล่นเกิน)")
    NOT_FOUND = "not_found", _("ไม่พบตัว/ไม่พบบ้าน")
    WRONG_DATA = "wrong_data", _("ข้อมูลไม่ถูกต้อง")


#: Kinds that take a household or a person out of the Logbook's work lists and target
#: counts (a wrong field is corrected, not excluded; "found" confirms the survey).
EXCLUDING_KINDS: tuple[str, ...] = ("moved_out", "deceased", "not_poor", "not_found")


class Correction(HouseholdRecord):
    """F13: what a visit found, for a whole household (``member_no`` None) or one member:
    found as surveyed, or a correction of the survey. Never deleted: a mistaken one is
    reversed with a reason, and only active ones reach the export for the next build."""

    member_no = models.PositiveSmallIntegerField(_("สมาชิกลำดับที่"), null=True, blank=True)
    # The member's name when recorded, so the mark reads well after a rebuild renumbers.
    member_name = models.CharField(_("ชื่อสมาชิก"), max_length=200, blank=True)
    kind = models.CharField(_("ผลการเยี่ยมบ้าน"), max_length=12, choices=CorrectionKind.choices)
    field_name = models.CharField(_("ข้อมูลที่ไม่ถูกต้อง"), max_length=40, blank=True)
    correct_value = models.CharField(_("ค่าที่ถูกต้อง"), max_length=200, blank=True)
    effective_on = models.DateField(_("วันที่"))
    note = models.TextField(_("หมายเหตุ"), blank=True)
    client_id = models.UUIDField(null=True, blank=True, unique=True)
    reversed_at = models.DateTimeField(_("ยกเลิกเมื่อ"), null=True, blank=True)
    reversed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reversed_reason = models.TextField(_("เหตุผลที่ยกเลิก"), blank=True)

    class Meta:
        ordering = ["-effective_on", "-id"]
        indexes = [
            models.Index(fields=["year", "household_id"], name="correction_household"),
            models.Index(fields=["year", "village_code"], name="correction_year_village"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[c.value for c in CorrectionKind]),
                name="correction_kind_known",
            ),
            # A wrong field names the field and its correct value; other kinds carry none.
            models.CheckConstraint(
                condition=(Q(kind="wrong_data") & ~Q(field_name="") & ~Q(correct_value=""))
                | (~Q(kind="wrong_data") & Q(field_name="", correct_value="")),
                name="correction_wrong_data_has_value",
            ),
            # Reversed: who, when and why, all three; active: none of them.
            models.CheckConstraint(
                condition=(
                    Q(reversed_at__isnull=False, reversed_by__isnull=False) & ~Q(reversed_reason="")
                )
                | Q(reversed_at__isnull=True, reversed_by__isnull=True, reversed_reason=""),
                name="correction_reversal_complete",
            ),
        ]

    @property
    def active(self) -> bool:
        return self.reversed_at is None

    @property
    def excludes(self) -> bool:
        return self.active and self.kind in EXCLUDING_KINDS

    def __str__(self) -> str:
        return f"{self.household_id}/{self.member_no}: {self.kind}"


class AdditionStatus(models.TextChoices):
    PENDING = "pending", _("รออนุมัติ")
    APPROVED = "approved", _("อนุมัติแล้ว")
    REJECTED = "rejected", _("ไม่อนุมัติ")


class AdditionPlace(models.TextChoices):
    SURVEYED = "surveyed", _("อยู่ในครัวเรือนที่สำรวจแล้ว")
    NEW = "new", _("ครัวเรือนใหม่ (ยังไม่ได้สำรวจ)")
    NONE = "none", _("ไม่มีครัวเรือน (เช่น คนไร้บ้าน)")


class Addition(models.Model):
    """F12: a person the data missed (group 4), proposed by a field officer and pending
    until a district chief of the area (or a higher account) approves it after checking
    the identity against the civil registration. The NID is kept whole because the export
    for the next build must link it; pages show its last 4 digits only."""

    year = models.PositiveIntegerField(_("ปีข้อมูล"))
    village_code = models.CharField(_("รหัสหมู่บ้าน"), max_length=8, db_index=True)
    place = models.CharField(_("ที่อยู่อาศัย"), max_length=10, choices=AdditionPlace.choices)
    household_id = models.CharField(_("รหัสบ้าน"), max_length=32, blank=True)
    house_no = models.CharField(_("บ้านเลขที่"), max_length=30, blank=True)
    nid = models.CharField(_("เลขประจำตัวประชาชน"), max_length=13, blank=True)
    title = models.CharField(_("คำนำหน้า"), max_length=30, blank=True)
    first_name = models.CharField(_("ชื่อ"), max_length=100)
    last_name = models.CharField(_("นามสกุล"), max_length=100)
    sex = models.CharField(_("เพศ"), max_length=1, blank=True)
    birth_date = models.DateField(_("วันเกิด"), null=True, blank=True)
    age = models.PositiveSmallIntegerField(_("อายุ (ปี)"), null=True, blank=True)
    reason = models.TextField(_("เหตุผลที่เพิ่ม"))
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=AdditionStatus.choices, default=AdditionStatus.PENDING
    )
    client_id = models.UUIDField(null=True, blank=True, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The decision: who, when, whether the identity was checked and the note (what was
    # checked when approved, the reason when rejected).
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("วันที่พิจารณา"), null=True, blank=True)
    identity_checked = models.BooleanField(_("ตรวจสอบกับทะเบียนราษฎรแล้ว"), default=False)
    decision_note = models.TextField(_("บันทึกการพิจารณา"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["year", "village_code", "status"], name="addition_area")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[c.value for c in AdditionStatus]),
                name="addition_status_known",
            ),
            models.CheckConstraint(
                condition=Q(place__in=[c.value for c in AdditionPlace]),
                name="addition_place_known",
            ),
            models.CheckConstraint(
                condition=(Q(place="surveyed") & ~Q(household_id=""))
                | (~Q(place="surveyed") & Q(household_id="")),
                name="addition_household_iff_surveyed",
            ),
            models.CheckConstraint(
                condition=Q(nid="") | Q(nid__regex=r"^[0-9]{13}$"), name="addition_nid_shape"
            ),
            models.CheckConstraint(
                condition=Q(birth_date__isnull=False) | Q(age__isnull=False),
                name="addition_birth_date_or_age",
            ),
            models.CheckConstraint(
                condition=Q(age__isnull=True) | Q(age__lte=130), name="addition_age_in_range"
            ),
            # Approved only after the identity check; a decision has who and when; a
            # rejection keeps its reason.
            models.CheckConstraint(
                condition=Q(status="pending", decided_by__isnull=True, decided_at__isnull=True)
                | Q(
                    status="approved",
                    identity_checked=True,
                    decided_by__isnull=False,
                    decided_at__isnull=False,
                )
                | (
                    Q(status="rejected", decided_by__isnull=False, decided_at__isnull=False)
                    & ~Q(decision_note="")
                ),
                name="addition_decision_complete",
            ),
        ]

    @property
    def nid_last4(self) -> str:
        return self.nid[-4:] if self.nid else ""

    @property
    def full_name(self) -> str:
        return f"{self.title}{self.first_name} {self.last_name}"

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class AssessmentResult(models.TextChoices):
    PASS = "pass", _("ผ่านเกณฑ์")
    FAIL = "fail", _("ไม่ผ่านเกณฑ์")
    NA = "na", _("ไม่เกี่ยวข้อง")


class Assessment(HouseholdRecord):
    """A re-assessment of the MPI indicators at a visit: ``results`` per MPI indicator
    number as the officer answered it, and ``items`` per questionnaire item (``ind_01`` ..
    ``ind_38``: 1 pass, 0 fail, None not applicable) derived from them through the year's
    MPI mapping, as the export for the next build carries them."""

    assessed_on = models.DateField(_("วันที่ประเมิน"))
    results: Any = models.JSONField(_("ผลการประเมิน"), default=dict)
    items: Any = models.JSONField(default=dict)
    note = models.TextField(_("หมายเหตุ"), blank=True)
    client_id = models.UUIDField(null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-assessed_on", "-id"]
        indexes = [models.Index(fields=["year", "household_id"], name="assessment_household")]


# -- F16 mentors and visits (issue 11 items 1 and 5) ----------------------------------------
class ProvinceSetting(models.Model):
    """A province's own settings, edited by its administrator: how many households one
    mentor may look after (Loei works 1:1; default ``Mentor.MAX_HOUSEHOLDS_PER_MENTOR``)."""

    province_code = models.CharField(_("จังหวัด"), max_length=2, unique=True)
    mentor_household_limit = models.PositiveSmallIntegerField(
        _("จำนวนครัวเรือนสูงสุดต่อพี่เลี้ยง 1 คน"), default=Mentor.MAX_HOUSEHOLDS_PER_MENTOR
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    MAX_LIMIT = 20

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(province_code__regex=r"^[0-9]{2}$"), name="province_setting_code"
            ),
            models.CheckConstraint(
                condition=Q(mentor_household_limit__gte=1, mentor_household_limit__lte=20),
                name="province_setting_limit_range",
            ),
        ]

    def __str__(self) -> str:
        return self.province_code


class VisitOutcome(models.TextChoices):
    BETTER = "better", _("สถานการณ์ดีขึ้น")
    SAME = "same", _("สถานการณ์คงเดิม")
    WORSE = "worse", _("สถานการณ์แย่ลง")
    NOT_HOME = "not_home", _("ไม่พบครัวเรือน (ไม่อยู่บ้าน)")


#: A visit that met nobody is recorded but is no contact: KPIs count the others.
NO_CONTACT_OUTCOMES: tuple[str, ...] = (VisitOutcome.NOT_HOME.value,)


class Visit(HouseholdRecord):
    """F16: a home visit (การเยี่ยมบ้าน) as its own record: when, who, what was found, with
    photos. KPIs count a household's contacts from these (Ubon: at least 3)."""

    visited_on = models.DateField(_("วันที่เยี่ยมบ้าน"))
    found = models.CharField(_("สิ่งที่พบ"), max_length=300)
    outcome = models.CharField(
        _("ผลการเยี่ยม"), max_length=10, choices=VisitOutcome.choices, blank=True, default=""
    )
    note = models.TextField(_("หมายเหตุ"), blank=True)
    client_id = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-visited_on", "-id"]
        indexes = [
            models.Index(fields=["year", "household_id"], name="visit_household"),
            models.Index(fields=["year", "village_code"], name="visit_year_village"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome__in=[c.value for c in VisitOutcome]),
                name="visit_outcome_known",
            ),
            models.UniqueConstraint(
                fields=["created_by", "client_id"],
                condition=Q(client_id__isnull=False),
                name="one_visit_per_client_id",
            ),
        ]

    @property
    def is_contact(self) -> bool:
        return self.outcome not in NO_CONTACT_OUTCOMES

    def __str__(self) -> str:
        return f"{self.household_id} {self.visited_on}"


# -- F17 household development plan (แผนพัฒนาคุณภาพชีวิตครัวเรือน, seed 002) ---------------
class PlanStage(models.TextChoices):
    """The stage of a household toward its goal (seed 001, 002: อยู่รอด พอเพียง ยั่งยืน),
    in the order a household climbs them."""

    SURVIVE = "survive", _("อยู่รอด")
    SUFFICIENT = "sufficient", _("พอเพียง")
    SUSTAINABLE = "sustainable", _("ยั่งยืน")


class PlanActionStatus(models.TextChoices):
    CONTINUING = "continuing", _("ต่อเนื่อง")
    DONE = "done", _("สำเร็จ")


class Plan(HouseholdRecord):
    """F17: the household development plan of a data year: the household's ultimate goal;
    its action rows are ``PlanAction``. The head of household and the mentor are read from
    the warehouse and the ``Mentor`` assignment when shown, never copied."""

    goal = models.TextField(_("เป้าหมายสูงสุดของครัวเรือน"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    client_id = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["year", "household_id"], name="one_plan_per_household_year"
            ),
            models.UniqueConstraint(
                fields=["created_by", "client_id"],
                condition=Q(client_id__isnull=False),
                name="one_plan_per_client_id",
            ),
        ]
        indexes = [models.Index(fields=["year", "village_code"], name="plan_year_village")]

    def __str__(self) -> str:
        return self.goal


class PlanAction(HouseholdRecord):
    """One row of the plan's action table: in one MPI dimension, what the household does
    itself (พึ่งตนเอง) and what the mentor or an agency supports, over a period, done or
    continuing; linked to the household's problems and activities it answers."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    dimension = models.CharField(_("มิติการพัฒนา"), max_length=12, choices=DIMENSION_CHOICES)
    household_does = models.TextField(_("สิ่งที่ครัวเรือนจะทำ (พึ่งตนเอง)"), blank=True)
    support = models.TextField(_("สิ่งที่พี่เลี้ยง/หน่วยงานจะสนับสนุน"), blank=True)
    # Plain text for now: it becomes a foreign key once the agency catalogue exists.
    agency = models.CharField(_("หน่วยงานที่สนับสนุน"), max_length=200, blank=True)
    start_on = models.DateField(_("ระยะเวลาตั้งแต่"))
    end_on = models.DateField(_("ถึง"), null=True, blank=True)
    status = models.CharField(
        _("สถานะ"),
        max_length=12,
        choices=PlanActionStatus.choices,
        default=PlanActionStatus.CONTINUING,
    )
    problems = models.ManyToManyField(
        Problem, blank=True, related_name="plan_actions", verbose_name=_("ปัญหาที่แก้")
    )
    activities = models.ManyToManyField(
        Activity, blank=True, related_name="plan_actions", verbose_name=_("กิจกรรมที่เกี่ยวข้อง")
    )
    client_id = models.UUIDField(null=True, blank=True, editable=False)

    DIMENSION_ORDER = ("income", "living", "health", "education", "access")

    class Meta:
        ordering = ["plan", "start_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dimension__in=list(DIMENSIONS)), name="plan_action_dimension_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[c.value for c in PlanActionStatus]),
                name="plan_action_status_known",
            ),
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gte=F("start_on")),
                name="plan_action_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(household_does="") | ~Q(support=""),
                name="plan_action_says_something",
            ),
            models.UniqueConstraint(
                fields=["created_by", "client_id"],
                condition=Q(client_id__isnull=False),
                name="one_plan_action_per_client_id",
            ),
        ]

    def __str__(self) -> str:
        return self.household_does or self.support


class PlanAnalysis(HouseholdRecord):
    """The 4ท analysis of the first visit (seed 002 step 1, seed 004 2.1): ทัศนคติ attitude,
    ทักษะ skills, ทรัพยากร resources, ทางออก way out; one per household and data year, its
    author ``created_by`` (the last one to change it is ``updated_by``)."""

    analysed_on = models.DateField(_("วันที่วิเคราะห์"))
    attitude = models.TextField(_("ทัศนคติ"))
    skills = models.TextField(_("ทักษะ"))
    resources = models.TextField(_("ทรัพยากร"))
    way_out = models.TextField(_("ทางออก"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    client_id = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["year", "household_id"], name="one_analysis_per_household_year"
            ),
        ]


class StageChange(models.Model):
    """The stage of a household set on a day (history: never changed or deleted; the
    current stage is the latest by ``set_on`` then id, carried into later data years)."""

    year = models.PositiveIntegerField(_("ปีข้อมูล"))
    household_id = models.CharField(_("รหัสบ้าน"), max_length=32)
    village_code = models.CharField(_("รหัสหมู่บ้าน"), max_length=8)
    # A target household of the year when the stage was set: the monitor counts these.
    is_target = models.BooleanField(default=False)
    stage = models.CharField(_("ขั้นการพัฒนา"), max_length=12, choices=PlanStage.choices)
    set_on = models.DateField(_("วันที่"))
    note = models.TextField(_("หมายเหตุ"), blank=True)
    client_id = models.UUIDField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["set_on", "id"]
        indexes = [
            models.Index(fields=["household_id", "set_on"], name="stage_household"),
            models.Index(fields=["year", "village_code"], name="stage_year_village"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=[c.value for c in PlanStage]), name="stage_known"
            ),
            models.UniqueConstraint(
                fields=["created_by", "client_id"],
                condition=Q(client_id__isnull=False),
                name="one_stage_change_per_client_id",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household_id}: {self.stage}"


# -- F18/F27 routing: the agency catalogue, the solution menu, a problem's history ----------
class AgencyLevel(models.TextChoices):
    MINISTRY = "ministry", _("กระทรวง")
    DEPARTMENT = "department", _("กรม/หน่วยงานส่วนกลาง")
    PROVINCE_OFFICE = "province_office", _("หน่วยงานระดับจังหวัด")
    DISTRICT_OFFICE = "district_office", _("หน่วยงานระดับอำเภอ")
    OTHER = "other", _("อื่น ๆ (จากข้อความเดิม)")


class Agency(Versioned):
    """An agency of the catalogue: a ministry, a department under it, or a provincial or
    district office (``province_code``/``district_code`` say where). Never deleted: an
    office that closes is deactivated, so the records that name it keep it."""

    name = models.CharField(_("ชื่อหน่วยงาน"), max_length=200)
    level = models.CharField(_("ระดับ"), max_length=16, choices=AgencyLevel.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("สังกัด"),
    )
    province_code = models.CharField(_("รหัสจังหวัด"), max_length=2, blank=True, default="")
    district_code = models.CharField(_("รหัสอำเภอ"), max_length=4, blank=True, default="")
    active = models.BooleanField(_("ใช้งาน"), default=True)
    # Made by the migration from a free-text agency the catalogue did not know.
    from_old_text = models.BooleanField(_("จากข้อความเดิม"), default=False)
    # The API's idempotency key of the create that made it.
    client_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "province_code", "district_code"], name="agency_name_unique"
            ),
            models.CheckConstraint(
                condition=Q(level__in=[c.value for c in AgencyLevel]), name="agency_level_known"
            ),
            # A district office names its district (and so its province); a provincial
            # office its province only; ministries and departments neither.
            models.CheckConstraint(
                condition=Q(level="district_office", district_code__regex=r"^[0-9]{4}$")
                | Q(level="province_office", province_code__regex=r"^[0-9]{2}$", district_code="")
                | Q(level__in=["ministry", "department"], province_code="", district_code="")
                | Q(level="other"),
                name="agency_place_matches_level",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def area_code(self) -> str:
        """Where the agency works ('' for the whole country)."""
        return self.district_code or self.province_code


class MenuItem(Versioned):
    """A programme or service of the solution menu (เมนูแก้จน): by dimension and MPI
    indicator, with its agency and who qualifies. ``province_code`` '' is the default menu
    (core/data/solution_menu.toml); a province's own rows replace it for that province."""

    province_code = models.CharField(_("รหัสจังหวัด"), max_length=2, blank=True, default="")
    key = models.CharField(max_length=40, blank=True, default="")
    name = models.CharField(_("โครงการ/บริการ"), max_length=200)
    dimension = models.CharField(_("มิติ"), max_length=12, choices=DIMENSION_CHOICES)
    indicator = models.PositiveSmallIntegerField(_("ตัวชี้วัด MPI"), null=True, blank=True)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="menu_items", verbose_name=_("หน่วยงาน")
    )
    qualifies = models.CharField(_("ผู้มีสิทธิ์"), max_length=300, blank=True)
    active = models.BooleanField(_("ใช้งาน"), default=True)
    client_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["province_code", "dimension", "indicator", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dimension__in=list(DIMENSIONS)), name="menu_item_dimension_known"
            ),
            models.CheckConstraint(
                condition=Q(indicator__isnull=True) | Q(indicator__gte=1, indicator__lte=28),
                name="menu_item_indicator_in_range",
            ),
        ]
        indexes = [models.Index(fields=["province_code", "dimension"], name="menu_item_area")]

    def __str__(self) -> str:
        return self.name


class ProblemEventKind(models.TextChoices):
    CREATED = "created", _("บันทึกปัญหา")
    ASSIGNED = "assigned", _("มอบหมายหน่วยงาน")
    ESCALATED = "escalated", _("ส่งต่อจังหวัด")
    STATUS = "status", _("เปลี่ยนสถานะ")


class ProblemEvent(models.Model):
    """One change of a problem's routing or status, never edited: who, when, from which
    status to which, the agency and due date given, the menu item and the note (the reason
    of an escalation, the note of a "not in the menu" assignment)."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=ProblemEventKind.choices)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(null=True, blank=True)
    menu_item = models.ForeignKey(
        MenuItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    not_in_menu = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[c.value for c in ProblemEventKind]),
                name="problem_event_kind_known",
            ),
        ]

    @property
    def from_label(self) -> str:
        return str(ProblemStatus(self.from_status).label) if self.from_status else ""

    @property
    def to_label(self) -> str:
        return str(ProblemStatus(self.to_status).label)
