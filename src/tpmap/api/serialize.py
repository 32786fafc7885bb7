"""Logbook records as JSON: every record carries its ``id`` and ``version``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from tpmap.logbook.models import Activity, Classification, Mentor, Pin, Problem
from tpmap.logbook.routing.duplicates import describe
from tpmap.logbook.selectors import HouseholdRecords
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


Photos = list[tuple[int, str]]  # a record's photos as (id, kind), by id


def _photos(record: Any, photos: Photos | None) -> list[int]:
    """The ids of the record's photos: those read with it (``photos``), else a query."""
    if photos is None:
        return [p.pk for p in record.photos.all()]
    return [pk for pk, _ in photos]


def _duplicates(a: Activity, found: dict[int, Activity] | None = None) -> list[dict[str, object]]:
    """The activities ``a`` overlaps (F27), from ``found`` (read for several activities
    at once) or read here."""
    if not a.duplicate_of:
        return []
    if found is None:
        others = list(Activity.objects.filter(pk__in=a.duplicate_of).order_by("start_on", "id"))
    else:
        others = sorted(
            (found[pk] for pk in set(a.duplicate_of) if pk in found),
            key=lambda o: (o.start_on, o.pk),
        )
    return [describe(o) for o in others]


def duplicates_of(activities: list[Activity]) -> dict[int, Activity]:
    """Every activity the ``activities`` overlap, by id: one query for all of them."""
    ids = {pk for a in activities for pk in a.duplicate_of or ()}
    return {o.pk: o for o in Activity.objects.filter(pk__in=ids)} if ids else {}


def _author(record: Problem | Activity) -> str:
    """The user name of the record's author: read with it (``selectors.CREATOR``), else
    from its account."""
    name: str | None = getattr(record, "created_by_username", None)
    return name if name is not None else record.created_by.username


def problem(p: Problem, photos: Photos | None = None) -> dict[str, Any]:
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
        "created_by": _author(p),
        "created_at": iso(p.created_at),
        "updated_at": iso(p.updated_at),
        "photos": _photos(p, photos),
    }


def activity(
    a: Activity, photos: Photos | None = None, duplicates: dict[int, Activity] | None = None
) -> dict[str, Any]:
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
        "duplicates": _duplicates(a, duplicates),
        "duplicate_confirmed": a.duplicate_confirmed,
        "client_id": client_ref(a),
        "created_by": _author(a),
        "created_at": iso(a.created_at),
        "updated_at": iso(a.updated_at),
        "photos": _photos(a, photos),
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


def classification(c: Classification | None, photos: Photos | None = None) -> dict[str, Any] | None:
    if c is None:
        return None
    kinds = [(p.pk, p.kind) for p in c.photos.all()] if photos is None else photos
    return {
        **_head(c),
        **{f: getattr(c, f) for f in FOLDER_FIELDS},
        "updated_by": c.updated_by.username,
        "updated_at": iso(c.updated_at),
        "photos": {kind: pk for pk, kind in kinds},
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


def logbook(records: HouseholdRecords) -> dict[str, Any]:
    """The ``logbook`` of a household's document, from its records read at once (no query
    but one for the activities' duplicates, when they have any)."""
    found = duplicates_of(records.activities)
    folder = records.classification
    return {
        "problems": [problem(p, records.photos_of("problem", p.pk)) for p in records.problems],
        "activities": [
            activity(a, records.photos_of("activity", a.pk), found) for a in records.activities
        ],
        "pin": pin(records.pin),
        "classification": None
        if folder is None
        else classification(folder, records.photos_of("classification", folder.pk)),
        "mentor": mentor(records.mentor),
    }
