"""F16: home visits (การเยี่ยมบ้าน), each its own record. Writes follow the Logbook's rules
(tpmap.logbook.services): the officer's area first, then the dates and texts; a visit is
its author's (or the area's account managers') to change or delete; every write is
audited and refreshes the household's follow-up row, whose contact count the dashboard's
KPI reads."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from tpmap.accounts.models import User
from tpmap.logbook.models import Visit, VisitOutcome
from tpmap.logbook.photos import CleanPhoto
from tpmap.logbook.services import (
    HouseholdRef,
    _check_photo_count,
    _new_record,
    _not_future,
    _record_delete,
    _record_save,
    _require_scope,
    _text,
    require_editor,
)
from tpmap.site.officers import Act
from tpmap.site.rules import Rules
from tpmap.site.thaidate import BE_OFFSET
from tpmap.site.versioned import made_before

FOUND_MAX = 300


@dataclass(frozen=True, slots=True, kw_only=True)
class VisitInput:
    """A home visit: the day, what was found (a short text and optionally an outcome),
    a note and photos."""

    visited_on: date
    found: str
    outcome: str = ""
    note: str = ""
    photos: Sequence[CleanPhoto] = ()


def data_year_start(year: int) -> date:
    """1 January of the data year (Buddhist era) in the Gregorian calendar: no visit of a
    data year's work is older than its survey."""
    return date(year - BE_OFFSET, 1, 1)


def _visit_rules(year: int, data: VisitInput, today: date) -> None:
    rules = Rules()
    _not_future(rules, "visited_on", data.visited_on, today)
    start = data_year_start(year)
    if data.visited_on < start:
        rules.fail(
            "visited_on",
            _("วันที่เยี่ยมบ้านต้องไม่ก่อนต้นปีข้อมูล (1 มกราคม %(y)s)") % {"y": year},
        )
    found = data.found.strip()
    if not found:
        rules.fail("found", _("กรุณาระบุสิ่งที่พบจากการเยี่ยมบ้าน"))
    elif len(found) > FOUND_MAX:
        rules.fail("found", _("สิ่งที่พบยาวได้ไม่เกิน %(n)s ตัวอักษร") % {"n": FOUND_MAX})
    if data.outcome and data.outcome not in VisitOutcome.values:
        rules.fail("outcome", _("ผลการเยี่ยมไม่ถูกต้อง"))
    rules.check()


def _fill(visit: Visit, data: VisitInput) -> None:
    visit.visited_on = data.visited_on
    visit.found = _text(data.found)
    visit.outcome = data.outcome
    visit.note = _text(data.note)


def replayed(officer: User, client_id: uuid.UUID | None) -> Visit | None:
    """The visit the account already made with this ``client_id`` (a retry), if any."""
    return made_before(Visit, client_id, created_by=officer)


def visit_create(
    act: Act, *, household: HouseholdRef, data: VisitInput, client_id: uuid.UUID | None = None
) -> Visit:
    """Record a home visit of the household (in the officer's area). A ``client_id`` sent
    again by the same account gives the visit already made."""
    _require_scope(act.officer, household)
    existing = made_before(Visit, client_id, created_by=act.officer)
    if existing is not None:
        return existing
    _visit_rules(household.year, data, act.day)
    _check_photo_count(0, data.photos)
    visit = _new_record(Visit, act.officer, household, client_id=client_id)
    fill = lambda: _fill(visit, data)  # noqa: E731 - a callback
    _record_save(act, visit, data.photos, fill=fill, household=household)
    return visit


def visit_update(act: Act, *, visit: Visit, data: VisitInput) -> Visit:
    """Change a visit: its author or an account manager of the area only."""
    require_editor(act.officer, visit)
    _visit_rules(visit.year, data, act.day)
    _check_photo_count(visit.photos.count(), data.photos)
    _record_save(
        act,
        visit,
        data.photos,
        fill=lambda: _fill(visit, data),
        photos_before=True,
    )
    return visit


def visit_delete(act: Act, *, visit: Visit) -> None:
    """Delete a visit with its photos (files once the delete commits): its author or an
    account manager of the area only."""
    _record_delete(act, visit)
