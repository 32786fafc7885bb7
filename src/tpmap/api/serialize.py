"""Logbook records as JSON: every record carries its ``id`` and ``version``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from tpmap.logbook.models import Activity, Classification, Mentor, Pin, Problem
from tpmap.logbook.routing.duplicates import describe
from tpmap.logbook.services import FOLDER_FIELDS


def iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def plain(record: Any, *names: str) -> dict[str, Any]:
    """The record's fields ``names`` as they are stored (texts, numbers, ids, flags), in
    that order, each under its own name."""
    return {name: getattr(record, name) for name in names}


def client_ref(record: Any) -> str | None:
    """The ``client_id`` an offline client gave the record when it made it, if any."""
    return str(record.client_id) if record.client_id else None


R = TypeVar("R")


def _head(record: Any) -> dict[str, Any]:
    """What every household record's document starts with."""
    return {
        "id": record.pk,
        **plain(record, "version", "year", "household_id"),
    }


def _optional(doc: Callable[[R], dict[str, Any]]) -> Callable[[R | None], dict[str, Any] | None]:
    """The document of a household's one record of a kind (pin, folder, mentor), or None
    when the household has none."""

    def document(record: R | None) -> dict[str, Any] | None:
        return None if record is None else doc(record)

    return document


def _photos(record: Any) -> list[int]:
    return [p.pk for p in record.photos.all()]


def _duplicates(a: Activity) -> list[dict[str, object]]:
    if not a.duplicate_of:
        return []
    others = Activity.objects.filter(pk__in=a.duplicate_of).order_by("start_on", "id")
    return [describe(o) for o in others]


def problem(p: Problem) -> dict[str, Any]:
    return {
        **_head(p),
        **plain(
            p, "village_code", "dimension", "indicator", "title", "details", "performer", "agency"
        ),
        "agency_id": p.agency_ref_id,
        "occurred_on": iso(p.occurred_on),
        "status": p.status,
        "resolved_on": iso(p.resolved_on),
        "due_on": iso(p.due_on),
        "menu_item_id": p.menu_item_id,
        "routing_note": p.routing_note,
        "client_id": client_ref(p),
        "created_by": p.created_by.username,
        "created_at": iso(p.created_at),
        "updated_at": iso(p.updated_at),
        "photos": _photos(p),
    }


def activity(a: Activity) -> dict[str, Any]:
    return {
        **_head(a),
        **plain(a, "village_code", "name", "details", "performer", "agency"),
        "agency_id": a.agency_ref_id,
        "start_on": iso(a.start_on),
        "end_on": iso(a.end_on),
        "indicator": a.indicator,
        "problem_id": a.problem_id,
        "duplicate_of": list(a.duplicate_of),
        # Other agencies' help for the same indicator in an overlapping period (F27).
        "duplicates": _duplicates(a),
        "duplicate_confirmed": a.duplicate_confirmed,
        "client_id": client_ref(a),
        "created_by": a.created_by.username,
        "created_at": iso(a.created_at),
        "updated_at": iso(a.updated_at),
        "photos": _photos(a),
    }


@_optional
def pin(p: Pin) -> dict[str, Any]:
    return {
        **_head(p),
        "latitude": float(p.latitude),
        "longitude": float(p.longitude),
        "accuracy_m": p.accuracy_m,
        "source": p.source,
        "set_by": p.set_by.username,
        "set_at": iso(p.set_at),
    }


@_optional
def classification(c: Classification) -> dict[str, Any]:
    return {
        **_head(c),
        **{f: getattr(c, f) for f in FOLDER_FIELDS},
        "updated_by": c.updated_by.username,
        "updated_at": iso(c.updated_at),
        "photos": {p.kind: p.pk for p in c.photos.all()},
    }


@_optional
def mentor(m: Mentor) -> dict[str, Any]:
    return {
        **_head(m),
        **plain(m, "name", "agency", "kind"),
        "dimension": m.dimension or None,
        "user": m.user.username if m.user else None,
        "assigned_on": iso(m.assigned_on),
        "assigned_by": m.assigned_by.username,
    }


def logbook(records: dict[str, Any]) -> dict[str, Any]:
    return {
        "problems": [problem(p) for p in records["problems"]],
        "activities": [activity(a) for a in records["activities"]],
        "pin": pin(records["pin"]),
        "classification": classification(records["classification"]),
        "mentor": mentor(records["mentor"]),
    }
