"""Writes of the Logbook. Every function checks the actor's area first, writes in one
transaction (a failed photo or row leaves nothing behind, files included) and records an
audit row with the state before and after."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tpmap.accounts.audit import audit_record, snapshot
from tpmap.accounts.scope import in_scope
from tpmap.logbook import followup
from tpmap.logbook.models import (
    COMMUNITY_FUNDS,
    FOLDER_PHOTO_KINDS,
    HELP_KINDS,
    KHOK_NONG_NA_BUDGETS,
    Activity,
    Classification,
    Mentor,
    Photo,
    Pin,
    Problem,
    ProblemStatus,
)
from tpmap.logbook.photos import MAX_PHOTOS_PER_RECORD, CleanPhoto
from tpmap.site.privacy import mask_text


def _text(value: str) -> str:
    """Free text as stored: trimmed, and a national ID typed into it reduced to its last 4
    digits, so no page, export or audit row ever shows one in full."""
    return mask_text(value.strip())


class Keep:
    """The value of an optional argument that keeps what the record has."""


KEEP = Keep()


@dataclass(frozen=True, slots=True)
class HouseholdRef:
    """A household as the warehouse places it: the only way services learn its area."""

    year: int
    household_id: str
    village_code: str
    # A target household of the year (a member is a target person); None: not looked up
    # (a record's own copy of the reference), so the follow-up row keeps what it knew.
    is_target: bool | None = None


class StaleVersion(Exception):
    """A write based on a version of the record older than the stored one (or on a
    record that has since been made): the client must reload and merge (409 in the API)."""

    def __init__(self, current: int | None) -> None:
        super().__init__(current)
        self.current = current


def _check_version(
    model: type[Problem | Activity | Classification | Pin | Mentor],
    pk: int | None,
    expected: int | None,
) -> int:
    """The stored version of the record (0 when none), locked until the transaction ends;
    StaleVersion when ``expected`` is given and differs. Called inside the write's
    transaction, so two writers with the same version cannot both pass."""
    current = 0
    if pk is not None:
        row = model.objects.select_for_update().filter(pk=pk).values_list("version", flat=True)
        current = row.first() or 0
    if expected is not None and expected != current:
        raise StaleVersion(current or None)
    return current


def _require_scope(actor: Any, household: HouseholdRef) -> None:
    if not in_scope(actor, household.village_code):
        raise PermissionDenied(_("ครัวเรือนนี้อยู่นอกพื้นที่ของบัญชีนี้"))


def _require_owner_or_manager(actor: Any, record: Problem | Activity) -> None:
    """A record is its author's responsibility (F11); the area's account managers may also
    correct it."""
    if not in_scope(actor, record.village_code):
        raise PermissionDenied(_("รายการนี้อยู่นอกพื้นที่ของบัญชีนี้"))
    if record.created_by_id != actor.pk and not getattr(actor, "manages_accounts", False):
        raise PermissionDenied(_("แก้ไขหรือลบได้เฉพาะผู้บันทึกหรือผู้ดูแลระบบของพื้นที่"))


@contextmanager
def _files_rolled_back() -> Iterator[list[Photo]]:
    """Delete the files of photos saved inside the block when the block fails."""
    saved: list[Photo] = []
    try:
        yield saved
    except BaseException:
        for p in saved:
            for f in (p.image, p.thumbnail):
                if f and f.name:
                    f.storage.delete(f.name)
        raise


def _store_photos(
    saved: list[Photo],
    *,
    actor: Any,
    household: HouseholdRef,
    kind: str,
    photos: Sequence[CleanPhoto],
    **owner: Any,
) -> list[Photo]:
    out = []
    for clean in photos:
        stem = uuid.uuid4().hex
        photo = Photo(
            kind=kind,
            year=household.year,
            household_id=household.household_id,
            village_code=household.village_code,
            width=clean.width,
            height=clean.height,
            size_bytes=len(clean.image),
            original_name=clean.original_name,
            uploaded_by=actor,
            **owner,
        )
        photo.image.save(f"{stem}.jpg", ContentFile(clean.image), save=False)
        saved.append(photo)
        photo.thumbnail.save(f"{stem}_t.jpg", ContentFile(clean.thumbnail), save=False)
        photo.full_clean()
        photo.save()
        out.append(photo)
    return out


def _check_photo_count(existing: int, new: Sequence[CleanPhoto]) -> None:
    if existing + len(new) > MAX_PHOTOS_PER_RECORD:
        raise ValidationError(
            {"photos": _("แนบรูปภาพได้ไม่เกิน %(n)s รูปต่อรายการ") % {"n": MAX_PHOTOS_PER_RECORD}}
        )


def _audit(
    actor: Any,
    action: str,
    obj: Problem | Activity | Classification | Pin | Mentor,
    *,
    ip: str | None,
    before: dict[str, Any] | None = None,
) -> None:
    after = None
    if action != "delete":
        after = snapshot(obj)
        photos = getattr(obj, "photos", None)
        if photos is not None:
            after["photos"] = [p.pk for p in photos.all()]
    audit_record(
        actor=actor,
        action=action,
        object_type=obj._meta.model_name or "record",
        object_id=obj.pk if obj.pk is not None else "",
        area_code=obj.village_code,
        year=obj.year,
        household_id=obj.household_id,
        ip=ip,
        before=before,
        after=after,
    )


# -- F8 problems ---------------------------------------------------------------------------
def problem_create(
    *,
    actor: Any,
    household: HouseholdRef,
    title: str,
    details: str = "",
    performer: str,
    agency: str,
    occurred_on: date,
    dimension: str = "",
    status: str | None = None,
    resolved_on: date | None = None,
    photos: Sequence[CleanPhoto] = (),
    ip: str | None = None,
    today: date | None = None,
    indicator: int | None = None,
    client_id: uuid.UUID | None = None,
) -> Problem:
    _require_scope(actor, household)
    _check_photo_count(0, photos)
    with transaction.atomic(), _files_rolled_back() as saved:
        problem = Problem(
            year=household.year,
            household_id=household.household_id,
            village_code=household.village_code,
            title=_text(title),
            details=_text(details),
            performer=_text(performer),
            agency=_text(agency),
            occurred_on=occurred_on,
            dimension=dimension,
            indicator=indicator,
            client_id=client_id,
            created_by=actor,
        )
        _set_status(problem, status or ProblemStatus.OPEN, resolved_on, today=today)
        problem.full_clean()
        problem.save()
        _store_photos(
            saved, actor=actor, household=household, kind="problem", photos=photos, problem=problem
        )
        _audit(actor, "create", problem, ip=ip)
        _follow(household)
    return problem


def _set_status(
    problem: Problem, status: str, resolved_on: date | None, *, today: date | None
) -> None:
    """A problem's status and the day it was resolved: kept when it stays resolved and no
    day is given, today when it becomes resolved without one, none unless resolved."""
    if status not in ProblemStatus.values:
        raise ValidationError({"status": _("สถานะไม่ถูกต้อง")})
    today = today or timezone.localdate()
    if status != ProblemStatus.RESOLVED:
        resolved_on = None
    elif resolved_on is None:
        was_resolved = problem.status == ProblemStatus.RESOLVED and problem.resolved_on
        resolved_on = problem.resolved_on if was_resolved else max(today, problem.occurred_on)
    if resolved_on is not None:
        if resolved_on > today:
            raise ValidationError({"resolved_on": _("วันที่ต้องไม่เป็นวันในอนาคต")})
        if resolved_on < problem.occurred_on:
            raise ValidationError({"resolved_on": _("วันที่แก้ไขแล้วต้องไม่ก่อนวันที่พบปัญหา")})
    problem.status, problem.resolved_on = status, resolved_on


def _follow(household: HouseholdRef) -> None:
    followup.refresh(household.year, household.household_id, is_target=household.is_target)


def problem_update(
    *,
    actor: Any,
    problem: Problem,
    title: str,
    details: str,
    performer: str,
    agency: str,
    occurred_on: date,
    dimension: str | None = None,
    status: str | None = None,
    resolved_on: date | None = None,
    photos: Sequence[CleanPhoto] = (),
    ip: str | None = None,
    today: date | None = None,
    indicator: int | Keep | None = KEEP,
    expected_version: int | None = None,
) -> Problem:
    """Change a problem; ``dimension`` and ``status`` None (``indicator`` KEEP) keep what
    it has. ``expected_version``: the version the change is based on (None: no check)."""
    _require_owner_or_manager(actor, problem)
    _check_photo_count(problem.photos.count(), photos)
    household = HouseholdRef(problem.year, problem.household_id, problem.village_code)
    with transaction.atomic(), _files_rolled_back() as saved:
        stored = _check_version(Problem, problem.pk, expected_version)
        before = snapshot(problem)
        problem.version = stored + 1
        if not isinstance(indicator, Keep):
            problem.indicator = indicator
        problem.title, problem.details = _text(title), _text(details)
        problem.performer, problem.agency = _text(performer), _text(agency)
        problem.occurred_on = occurred_on
        if dimension is not None:
            problem.dimension = dimension
        _set_status(
            problem,
            problem.status if status is None else status,
            resolved_on,
            today=today,
        )
        problem.full_clean()
        problem.save()
        _store_photos(
            saved, actor=actor, household=household, kind="problem", photos=photos, problem=problem
        )
        _audit(actor, "change", problem, ip=ip, before=before)
        _follow(household)
    return problem


def _delete_files(photos: Sequence[Photo]) -> None:
    names = [(f.storage, f.name) for p in photos for f in (p.image, p.thumbnail) if f.name]

    def remove() -> None:
        for storage, name in names:
            storage.delete(name)

    transaction.on_commit(remove)


def problem_delete(
    *, actor: Any, problem: Problem, ip: str | None = None, expected_version: int | None = None
) -> None:
    _require_owner_or_manager(actor, problem)
    with transaction.atomic():
        _check_version(Problem, problem.pk, expected_version)
        before = snapshot(problem)
        photos = list(problem.photos.all())
        before["photos"] = [p.pk for p in photos]
        pk = problem.pk
        problem.delete()
        problem.pk = pk
        _audit(actor, "delete", problem, ip=ip, before=before)
        followup.refresh(problem.year, problem.household_id)
        _delete_files(photos)


# -- F9 activities -------------------------------------------------------------------------
def activity_create(
    *,
    actor: Any,
    household: HouseholdRef,
    name: str,
    details: str = "",
    performer: str,
    agency: str,
    start_on: date,
    end_on: date | None = None,
    indicator: int | None = None,
    problem: Problem | None = None,
    photos: Sequence[CleanPhoto] = (),
    ip: str | None = None,
    client_id: uuid.UUID | None = None,
) -> Activity:
    _require_scope(actor, household)
    _check_photo_count(0, photos)
    if problem is not None and (
        problem.household_id != household.household_id or problem.year != household.year
    ):
        raise ValidationError({"problem": _("ปัญหานี้ไม่ใช่ของครัวเรือนนี้")})
    if end_on is not None and end_on < start_on:
        raise ValidationError({"end_on": _("วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น")})
    with transaction.atomic(), _files_rolled_back() as saved:
        activity = Activity(
            year=household.year,
            household_id=household.household_id,
            village_code=household.village_code,
            name=_text(name),
            details=_text(details),
            performer=_text(performer),
            agency=_text(agency),
            start_on=start_on,
            end_on=end_on,
            indicator=indicator,
            problem=problem,
            client_id=client_id,
            created_by=actor,
        )
        activity.full_clean()
        activity.save()
        _store_photos(
            saved,
            actor=actor,
            household=household,
            kind="activity",
            photos=photos,
            activity=activity,
        )
        _audit(actor, "create", activity, ip=ip)
        _follow(household)
    return activity


def activity_update(
    *,
    actor: Any,
    activity: Activity,
    name: str,
    details: str,
    performer: str,
    agency: str,
    start_on: date,
    end_on: date | None,
    indicator: int | None,
    problem: Problem | None,
    photos: Sequence[CleanPhoto] = (),
    ip: str | None = None,
    expected_version: int | None = None,
) -> Activity:
    _require_owner_or_manager(actor, activity)
    _check_photo_count(activity.photos.count(), photos)
    if problem is not None and (
        problem.household_id != activity.household_id or problem.year != activity.year
    ):
        raise ValidationError({"problem": _("ปัญหานี้ไม่ใช่ของครัวเรือนนี้")})
    household = HouseholdRef(activity.year, activity.household_id, activity.village_code)
    with transaction.atomic(), _files_rolled_back() as saved:
        stored = _check_version(Activity, activity.pk, expected_version)
        before = snapshot(activity)
        activity.version = stored + 1
        activity.name, activity.details = _text(name), _text(details)
        activity.performer, activity.agency = _text(performer), _text(agency)
        activity.start_on, activity.end_on = start_on, end_on
        activity.indicator, activity.problem = indicator, problem
        activity.full_clean()
        activity.save()
        _store_photos(
            saved,
            actor=actor,
            household=household,
            kind="activity",
            photos=photos,
            activity=activity,
        )
        _audit(actor, "change", activity, ip=ip, before=before)
        _follow(household)
    return activity


def activity_delete(
    *, actor: Any, activity: Activity, ip: str | None = None, expected_version: int | None = None
) -> None:
    _require_owner_or_manager(actor, activity)
    with transaction.atomic():
        _check_version(Activity, activity.pk, expected_version)
        before = snapshot(activity)
        photos = list(activity.photos.all())
        before["photos"] = [p.pk for p in photos]
        pk = activity.pk
        activity.delete()
        activity.pk = pk
        _audit(actor, "delete", activity, ip=ip, before=before)
        followup.refresh(activity.year, activity.household_id)
        _delete_files(photos)


# -- F14 family folder ---------------------------------------------------------------------
def _only(values: Sequence[str], choices: list[tuple[str, str]], field: str) -> list[str]:
    known = [c for c, _ in choices]
    bad = [v for v in values if v not in known]
    if bad:
        raise ValidationError({field: _("ตัวเลือกไม่ถูกต้อง: %(v)s") % {"v": ", ".join(bad)}})
    return [c for c in known if c in values]


def classification_save(
    *,
    actor: Any,
    household: HouseholdRef,
    household_type: str,
    wants_help: str,
    household_type_other: str = "",
    help_kinds: Sequence[str] = (),
    help_other: str = "",
    debt_cause: str = "",
    occupational_skills: str = "",
    khok_nong_na_role: str = "none",
    khok_nong_na_budgets: Sequence[str] = (),
    community_funds: Sequence[str] = (),
    community_funds_other: str = "",
    photos: dict[str, CleanPhoto] | None = None,
    ip: str | None = None,
    expected_version: int | None = None,
) -> Classification:
    """Create or update the household's family folder; a photo given for a slot replaces
    the slot's photo. ``expected_version``: the version the change is based on (0: there
    was none yet; None: no check)."""
    _require_scope(actor, household)
    photos = photos or {}
    unknown = set(photos) - set(FOLDER_PHOTO_KINDS)
    if unknown:
        raise ValidationError(
            {"photos": _("ช่องรูปภาพไม่ถูกต้อง: %(v)s") % {"v": ", ".join(sorted(unknown))}}
        )
    with transaction.atomic(), _files_rolled_back() as saved:
        folder = (
            Classification.objects.select_for_update()
            .filter(year=household.year, household_id=household.household_id)
            .first()
        )
        stored = _check_version(Classification, folder.pk if folder else None, expected_version)
        before = None
        if folder is None:
            folder = Classification(
                year=household.year,
                household_id=household.household_id,
                village_code=household.village_code,
                created_by=actor,
            )
        else:
            before = snapshot(folder)
            before["photos"] = [p.pk for p in folder.photos.all()]
        folder.household_type = household_type
        folder.household_type_other = (
            _text(household_type_other) if household_type == "other" else ""
        )
        folder.wants_help = wants_help
        folder.help_kinds = _only(help_kinds, HELP_KINDS, "help_kinds")
        folder.help_other = _text(help_other) if "other" in folder.help_kinds else ""
        folder.debt_cause = _text(debt_cause)
        folder.occupational_skills = _text(occupational_skills)
        folder.khok_nong_na_role = khok_nong_na_role
        folder.khok_nong_na_budgets = (
            _only(khok_nong_na_budgets, KHOK_NONG_NA_BUDGETS, "khok_nong_na_budgets")
            if khok_nong_na_role == "owner"
            else []
        )
        folder.community_funds = _only(community_funds, COMMUNITY_FUNDS, "community_funds")
        folder.community_funds_other = (
            _text(community_funds_other) if "other" in folder.community_funds else ""
        )
        folder.updated_by = actor
        folder.version = stored + 1
        folder.full_clean()
        folder.save()
        replaced = list(folder.photos.filter(kind__in=list(photos)))
        for old in replaced:
            old.delete()
        for kind in FOLDER_PHOTO_KINDS:
            if kind in photos:
                _store_photos(
                    saved,
                    actor=actor,
                    household=household,
                    kind=kind,
                    photos=[photos[kind]],
                    classification=folder,
                )
        _audit(actor, "create" if before is None else "change", folder, ip=ip, before=before)
        _follow(household)
        _delete_files(replaced)
    return folder


# -- F15 pins ------------------------------------------------------------------------------
def pin_set(
    *,
    actor: Any,
    household: HouseholdRef,
    latitude: Decimal,
    longitude: Decimal,
    source: str,
    accuracy_m: int | None = None,
    ip: str | None = None,
    expected_version: int | None = None,
) -> Pin:
    _require_scope(actor, household)
    with transaction.atomic():
        pin = Pin.objects.select_for_update().filter(household_id=household.household_id).first()
        stored = _check_version(Pin, pin.pk if pin else None, expected_version)
        before = snapshot(pin) if pin else None
        if pin is None:
            pin = Pin(household_id=household.household_id)
        earlier_year = pin.year if before is not None else None
        pin.year = household.year
        pin.village_code = household.village_code
        pin.latitude = Decimal(latitude).quantize(Decimal("0.000001"))
        pin.longitude = Decimal(longitude).quantize(Decimal("0.000001"))
        pin.source = source
        pin.accuracy_m = accuracy_m
        pin.set_by = actor
        pin.version = stored + 1
        pin.full_clean()
        pin.save()
        _audit(actor, "create" if before is None else "change", pin, ip=ip, before=before)
        _follow(household)
        if earlier_year is not None and earlier_year != household.year:
            # The pin counted for the data year it was set for; it moves to this one.
            followup.refresh(earlier_year, household.household_id)
    return pin


# -- F16 mentors ---------------------------------------------------------------------------
def mentor_assign(
    *,
    actor: Any,
    household: HouseholdRef,
    name: str,
    agency: str,
    assigned_on: date,
    user: Any = None,
    ip: str | None = None,
    today: date | None = None,
    expected_version: int | None = None,
) -> Mentor:
    """Give the household its mentor for the data year (replacing the one it had). A
    mentor account must be active, cover the household's area and look after at most
    ``Mentor.MAX_HOUSEHOLDS_PER_MENTOR`` households of the year (F16: 1 to 5)."""
    _require_scope(actor, household)
    if assigned_on > (today or timezone.localdate()):
        raise ValidationError({"assigned_on": _("วันที่ต้องไม่เป็นวันในอนาคต")})
    if user is not None:
        if not in_scope(user, household.village_code):
            raise ValidationError({"user": _("บัญชีของพี่เลี้ยงต้องใช้งานได้และรับผิดชอบพื้นที่ของครัวเรือนนี้")})
        others = (
            Mentor.objects.filter(year=household.year, user=user)
            .exclude(household_id=household.household_id)
            .count()
        )
        if others >= Mentor.MAX_HOUSEHOLDS_PER_MENTOR:
            raise ValidationError(
                {
                    "user": _("พี่เลี้ยงคนนี้ดูแลครบ %(n)s ครัวเรือนในปีนี้แล้ว")
                    % {"n": Mentor.MAX_HOUSEHOLDS_PER_MENTOR}
                }
            )
        name = name.strip() or user.display_name
        agency = agency.strip() or user.agency
    with transaction.atomic():
        mentor = (
            Mentor.objects.select_for_update()
            .filter(year=household.year, household_id=household.household_id)
            .first()
        )
        stored = _check_version(Mentor, mentor.pk if mentor else None, expected_version)
        before = snapshot(mentor) if mentor else None
        if mentor is None:
            mentor = Mentor(year=household.year, household_id=household.household_id)
        mentor.version = stored + 1
        mentor.village_code = household.village_code
        mentor.name, mentor.agency = _text(name), _text(agency)
        mentor.user = user
        mentor.assigned_on = assigned_on
        mentor.assigned_by = actor
        mentor.full_clean()
        mentor.save()
        _audit(actor, "create" if before is None else "change", mentor, ip=ip, before=before)
        _follow(household)
    return mentor


def mentor_remove(
    *, actor: Any, mentor: Mentor, ip: str | None = None, expected_version: int | None = None
) -> None:
    if not in_scope(actor, mentor.village_code):
        raise PermissionDenied(_("รายการนี้อยู่นอกพื้นที่ของบัญชีนี้"))
    with transaction.atomic():
        _check_version(Mentor, mentor.pk, expected_version)
        before = snapshot(mentor)
        pk = mentor.pk
        mentor.delete()
        mentor.pk = pk
        _audit(actor, "delete", mentor, ip=ip, before=before)
        followup.refresh(mentor.year, mentor.household_id)


# -- F7 opening a household's personal data --------------------------------------------------
def household_opened(*, actor: Any, household: HouseholdRef, ip: str | None = None) -> None:
    """Record that ``actor`` opened the household's page (members' personal data)."""
    _require_scope(actor, household)
    audit_record(
        actor=actor,
        action="view",
        object_type="household",
        object_id=household.household_id,
        area_code=household.village_code,
        year=household.year,
        household_id=household.household_id,
        ip=ip,
    )
