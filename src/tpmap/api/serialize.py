"""Logbook records as JSON: every record carries its ``id`` and ``version``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from tpmap.logbook.models import Activity, Classification, Mentor, Pin, Problem


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _photos(record: Any) -> list[int]:
    return [p.pk for p in record.photos.all()]


def problem(p: Problem) -> dict[str, Any]:
    return {
        "id": p.pk,
        "version": p.version,
        "year": p.year,
        "household_id": p.household_id,
        "village_code": p.village_code,
        "dimension": p.dimension,
        "indicator": p.indicator,
        "title": p.title,
        "details": p.details,
        "performer": p.performer,
        "agency": p.agency,
        "occurred_on": _iso(p.occurred_on),
        "status": p.status,
        "resolved_on": _iso(p.resolved_on),
        "client_id": str(p.client_id) if p.client_id else None,
        "created_by": p.created_by.username,
        "created_at": _iso(p.created_at),
        "updated_at": _iso(p.updated_at),
        "photos": _photos(p),
    }


def activity(a: Activity) -> dict[str, Any]:
    return {
        "id": a.pk,
        "version": a.version,
        "year": a.year,
        "household_id": a.household_id,
        "village_code": a.village_code,
        "name": a.name,
        "details": a.details,
        "performer": a.performer,
        "agency": a.agency,
        "start_on": _iso(a.start_on),
        "end_on": _iso(a.end_on),
        "indicator": a.indicator,
        "problem_id": a.problem_id,
        "client_id": str(a.client_id) if a.client_id else None,
        "created_by": a.created_by.username,
        "created_at": _iso(a.created_at),
        "updated_at": _iso(a.updated_at),
        "photos": _photos(a),
    }


def pin(p: Pin | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "id": p.pk,
        "version": p.version,
        "household_id": p.household_id,
        "year": p.year,
        "latitude": float(p.latitude),
        "longitude": float(p.longitude),
        "accuracy_m": p.accuracy_m,
        "source": p.source,
        "set_by": p.set_by.username,
        "set_at": _iso(p.set_at),
    }


def classification(c: Classification | None) -> dict[str, Any] | None:
    if c is None:
        return None
    fields = (
        "household_type",
        "household_type_other",
        "wants_help",
        "help_kinds",
        "help_other",
        "debt_cause",
        "occupational_skills",
        "khok_nong_na_role",
        "khok_nong_na_budgets",
        "community_funds",
        "community_funds_other",
    )
    return {
        "id": c.pk,
        "version": c.version,
        "year": c.year,
        "household_id": c.household_id,
        **{f: getattr(c, f) for f in fields},
        "updated_by": c.updated_by.username,
        "updated_at": _iso(c.updated_at),
        "photos": {p.kind: p.pk for p in c.photos.all()},
    }


def mentor(m: Mentor | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {
        "id": m.pk,
        "version": m.version,
        "year": m.year,
        "household_id": m.household_id,
        "name": m.name,
        "agency": m.agency,
        "kind": m.kind,
        "dimension": m.dimension or None,
        "user": m.user.username if m.user else None,
        "assigned_on": _iso(m.assigned_on),
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
