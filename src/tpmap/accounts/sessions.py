"""Ending an account's sessions.

Django keeps a logged-in session in the session table until it expires. Deactivating an
account makes the authentication backend refuse it, but the session row stays: when the
account is reactivated, the old cookie (a lost phone's, a former officer's) would work
again. Deactivation therefore deletes the account's sessions."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone


def sessions_end(*, user_id: int) -> int:
    """Delete every live session of ``user_id``; returns how many there were. The session
    table holds the user id only inside the encoded data, so each live session is decoded
    (deactivation is rare; the table holds one row per logged-in browser)."""
    ended = [
        s.pk
        for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(s.get_decoded().get(SESSION_KEY)) == str(user_id)
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)
