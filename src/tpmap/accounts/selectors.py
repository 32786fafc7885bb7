"""Reads of accounts and of the audit trail, limited to what the viewer may see."""

from __future__ import annotations

from django.db.models import QuerySet

from tpmap.accounts.models import AuditEvent, User
from tpmap.accounts.roles import role_info
from tpmap.core.areas import COUNTRY_CODE


def accounts_managed_by(manager: User) -> QuerySet[User]:
    """The accounts below ``manager`` inside its area (none for a non-manager)."""
    if not getattr(manager, "manages_accounts", False):
        return User.objects.none()
    rank = role_info(manager.role).rank
    lower = [r for r, _ in User._meta.get_field("role").choices or [] if role_info(r).rank > rank]
    qs = User.objects.filter(role__in=lower)
    if manager.area_code != COUNTRY_CODE:
        qs = qs.filter(area_code__startswith=manager.area_code)
    return qs.order_by("area_code", "role", "username")


def audit_events_for(
    viewer: User,
    *,
    household_id: str = "",
    username: str = "",
    action: str = "",
) -> QuerySet[AuditEvent]:
    """The audit rows of the viewer's area (only account managers may browse it)."""
    if not getattr(viewer, "manages_accounts", False):
        return AuditEvent.objects.none()
    qs = AuditEvent.objects.select_related("actor")
    if viewer.area_code != COUNTRY_CODE:
        qs = qs.filter(area_code__startswith=viewer.area_code)
    if household_id:
        qs = qs.filter(household_id=household_id)
    if username:
        qs = qs.filter(actor_username__icontains=username)
    if action:
        qs = qs.filter(action=action)
    return qs.order_by("-at", "-id")


def bulk_read_alerts_for(viewer: User) -> QuerySet[AuditEvent]:
    """The bulk-reading alerts an account manager sees on its audit page."""
    from tpmap.accounts.bulk import bulk_read_alerts

    if not getattr(viewer, "manages_accounts", False):
        return AuditEvent.objects.none()
    return bulk_read_alerts(viewer.area_code)
