"""Bulk reading: an account opening more than ``TPMAP_BULK_READ_HOUSEHOLDS`` distinct
households in ``TPMAP_BULK_READ_MINUTES`` minutes (the real TPMAP was scraped this way
with leaked credentials) is flagged with an ``alert`` audit row, which the area's
administrator sees at the top of the audit page. One alert per account and window."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet

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
    # One statement: the window's alert (once seen, remembered: the account's next reads
    # in the window send none) and the distinct households opened in the window. No
    # ordering: the model's would make each row distinct, counting openings.
    window = (
        AuditEvent.objects.filter(actor_id=event.actor_id, at__gte=since)
        .order_by()
        .aggregate(
            alerted=Max("at", filter=Q(action="alert", object_type=ALERT_TYPE)),
            opened=Count(
                "household_id", distinct=True, filter=Q(action="view", object_type="household")
            ),
        )
    )
    if window["alerted"] is not None:
        _alerted[event.actor_id] = window["alerted"]
        return
    opened = int(window["opened"])
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
