"""The audit trail service: one function writes every row; nothing updates or deletes one."""

from __future__ import annotations

import ipaddress
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest

from tpmap.accounts.models import AuditEvent, User
from tpmap.site.privacy import mask_data


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address; X-Forwarded-For only when a trusted proxy is configured."""
    if request is None:
        return None
    raw = request.META.get("REMOTE_ADDR", "")
    if settings.TPMAP_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            raw = forwarded.split(",")[0].strip()
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return None


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    return value


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of a model instance, JSON-ready (foreign keys as ids)."""
    out: dict[str, Any] = {}
    for f in instance._meta.concrete_fields:
        if fields is not None and f.name not in fields:
            continue
        out[f.attname] = _jsonable(getattr(instance, f.attname))
    return out


def audit_record(
    *,
    actor: User | None,
    action: str,
    object_type: str,
    object_id: str | int = "",
    area_code: str,
    ip: str | None = None,
    year: int | None = None,
    household_id: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit row; every NID inside ``before``/``after`` is masked first."""
    event = AuditEvent(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_username=getattr(actor, "username", "") or "-",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        area_code=area_code,
        year=year,
        household_id=household_id,
        before=mask_data(_jsonable(before)) if before is not None else None,
        after=mask_data(_jsonable(after)) if after is not None else None,
        ip=ip,
    )
    # The fields' own checks (lengths, the action's choices, the address), but neither the
    # actor's existence (an instance with a pk) nor the check constraint (the database
    # enforces it): one INSERT and no SELECT, on every household opened.
    event.clean_fields(exclude=["actor"])
    event.save(force_insert=True)
    if action == "view" and object_type == "household":
        from tpmap.accounts.bulk import note_household_read

        note_household_read(event)
    return event
