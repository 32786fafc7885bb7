"""Bulk reading: an account opening more than ``TPMAP_BULK_READ_HOUSEHOLDS`` distinct
households in ``TPMAP_BULK_READ_MINUTES`` minutes (the real TPMAP was scraped this way
with leaked credentials) is flagged with an ``alert`` audit row, which the area's
administrator sees at the top of the audit page. One alert per account and window."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet

from tpmap.accounts.models import AuditEvent
from tpmap.core.areas import COUNTRY_CODE

ALERT_TYPE = "bulk_read"


#: The time of the latest alert this process has seen for each account (its id). Alerts
#: are only ever added, so while that one is inside an account's window, the account has
#: its alert and its reads need no query at all.
_alerted: dict[int, datetime] = {}


def forget_alerts() -> None:
    """Forget the alerts seen (tests: a rolled-back database reuses ids)."""
    _alerted.clear()


def note_household_read(event: AuditEvent) -> None:
    """Called for every audited household opening; writes the alert when due."""
    if event.actor_id is None:
        return
    limit = int(settings.TPMAP_BULK_READ_HOUSEHOLDS)
    minutes = int(settings.TPMAP_BULK_READ_MINUTES)
    since = event.at - timedelta(minutes=minutes)
    seen = _alerted.get(event.actor_id)
    if seen is not None and seen >= since:
        return
    mine = AuditEvent.objects.filter(actor_id=event.actor_id, at__gte=since)
    # Cheap checks first, so a busy account's every read costs a bounded query: no count
    # once the window's alert exists, and the count stops at limit + 1.
    alerted = (
        mine.filter(action="alert", object_type=ALERT_TYPE)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    if alerted is not None:
        _alerted[event.actor_id] = alerted
        return
    opened = (
        mine.filter(action="view", object_type="household")
        .values("household_id")
        .distinct()[: limit + 1]
        .count()
    )
    if opened <= limit:
        return
    actor = event.actor
    own = getattr(actor, "area_code", "") or COUNTRY_CODE
    # A national account is flagged to the province whose households it was reading.
    area = event.area_code[:2] if own == COUNTRY_CODE else own
    from tpmap.accounts.audit import audit_record

    alert = audit_record(
        actor=actor,
        action="alert",
        object_type=ALERT_TYPE,
        object_id=str(event.actor_id),
        area_code=area,
        ip=event.ip,
        after={"households": opened, "minutes": minutes, "limit": limit},
    )
    _alerted[event.actor_id] = alert.at


def bulk_read_alerts(viewer_area: str, *, days: int = 7) -> QuerySet[AuditEvent]:
    """The bulk-reading alerts of the last ``days`` days in the viewer's area."""
    from django.utils import timezone

    qs = AuditEvent.objects.filter(
        action="alert", object_type=ALERT_TYPE, at__gte=timezone.now() - timedelta(days=days)
    )
    if viewer_area != COUNTRY_CODE:
        qs = qs.filter(area_code__startswith=viewer_area)
    return qs.order_by("-at", "-id")
