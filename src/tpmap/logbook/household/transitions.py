"""F21 on the household page: how the household's MPI-poor status changed between data
years ("ปี 2562 ตกเกณฑ์ด้านรายได้ → ปี 2566 ผ่าน"), from the warehouse's transitions."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from tpmap.site.lang import dimension_names
from tpmap.warehouse.read.base import Warehouse
from tpmap.warehouse.read.transitions import HouseholdTransition, household_transitions


@dataclass(frozen=True, slots=True)
class TransitionLine:
    before: str
    after: str
    status: str
    status_label: str
    persons: int


def _status_label(status: str) -> str:
    return {
        "stayed": _("ยังตกเกณฑ์"),
        "exited": _("พ้นเกณฑ์ MPI"),
        "entered": _("ตกเกณฑ์ใหม่"),
        "not_resurveyed": _("ไม่ได้สำรวจซ้ำ"),
    }.get(status, status)


def _state(year: int, dims: tuple[str, ...] | None, *, before: bool) -> str:
    y = str(year)  # data years are Buddhist-era already
    if dims is None:
        return _("ปี %(year)s ไม่ได้สำรวจซ้ำ") % {"year": y}
    if not dims:
        if before:
            return _("ปี %(year)s ไม่ตกเกณฑ์หรือไม่ได้สำรวจ") % {"year": y}
        return _("ปี %(year)s ผ่าน") % {"year": y}
    names = dimension_names()
    return _("ปี %(year)s ตกเกณฑ์%(dims)s") % {
        "year": y,
        "dims": ", ".join(names[d] for d in dims),
    }


def line(t: HouseholdTransition) -> TransitionLine:
    return TransitionLine(
        before=_state(t.from_year, t.from_dimensions, before=True),
        after=_state(t.year, t.dimensions, before=False),
        status=t.status,
        status_label=_status_label(t.status),
        persons=t.persons,
    )


def transition_lines(wh: Warehouse, *, year: int, household_id: str) -> list[TransitionLine]:
    return [line(t) for t in household_transitions(wh, year=year, household_id=household_id)]
