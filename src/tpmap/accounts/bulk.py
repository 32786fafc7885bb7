"""Bulk reading: an account opening more than ``TPMAP_BULK_READ_HOUSEHOLDS`` distinct
households in ``TPMAP_BULK_READ_MINUTES`` minutes (the real TPMAP was scraped this way
with leaked credentials) is flagged with an ``alert`` audit row, which the area's
administrator sees at the top of the audit page. One alert per account and window."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet

from tpmap.accounts.models import AuditEvent
from tpmap.core.areas import COUNTRY_CODE

ALERT_TYPE = "bulk_read"


#: The time of the latest alert this process has seen for each account (its id). Alerts
#: are only ever added, so while that one is inside an account's window, the account has
#: its alert and its reads need no query at all.
_alerted: dict[int, datetime] = {}


#: When this process last saw each account (id) open each household (id). A household
#: the account opened inside the current window is already among the households counted
#: in it, so opening it again cannot raise the count: no query. The read that takes an
#: account over the limit always opens a household new to it in the window, which no
#: process has seen, so that read is counted and alerts as before. Emptied when it grows
#: past ``_OPENED_KEPT`` (then the next reads query again).
_opened: dict[tuple[int, str], datetime] = {}
_OPENED_KEPT = 100_000


def forget_alerts() -> None:
    """Forget the alerts and openings seen (tests: a rolled-back database reuses ids)."""
    _alerted.clear()
    _opened.clear()


def _window(actor_id: int, since: datetime) -> tuple[int | None, int]:
    """The account's alert since ``since`` (its id; None: none) and the distinct households
    it opened since then, in one statement with bound parameters (written out: the ORM
    compiled this aggregate for ~0.6 ms of CPU on every household read)."""
    q = connection.ops.quote_name
    action, kind = q("action"), q("object_type")
    sql = (
        f"SELECT MAX(CASE WHEN {action} = 'alert' AND {kind} = %s THEN {q('id')} END),"
        f" COUNT(DISTINCT CASE WHEN {action} = 'view' AND {kind} = 'household'"
        f" THEN {q('household_id')} END)"
        f" FROM {q(AuditEvent._meta.db_table)} WHERE {q('actor_id')} = %s AND {q('at')} >= %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [ALERT_TYPE, actor_id, connection.ops.adapt_datetimefield_value(since)])
        alert_id, opened = cursor.fetchone()
    return (None if alert_id is None else int(alert_id)), int(opened)


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
    key = (event.actor_id, event.household_id)
    before = _opened.get(key)
    if len(_opened) >= _OPENED_KEPT:
        _opened.clear()
    _opened[key] = event.at
    if before is not None and before >= since:
        return
    alert_id, opened = _window(event.actor_id, since)
    if alert_id is not None:
        # Once seen, remembered: the account's next reads in the window send nothing.
        _alerted[event.actor_id] = AuditEvent.objects.values_list("at", flat=True).get(pk=alert_id)
        return
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
