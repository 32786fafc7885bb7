"""Ending an account's sessions and API tokens.

Django keeps a logged-in session in the session table until it expires. Deactivating an
account makes the authentication backend refuse it, but the session row stays: when the
account is reactivated, the old cookie (a lost phone's, a former officer's) would work
again. Deactivation therefore deletes the account's sessions and revokes its API tokens:
one ``post_save`` receiver (connected in ``AccountsConfig.ready``), so every save that
leaves an account inactive does it, whether the accounts service, the admin or a script
made it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
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


def account_logged_out_everywhere(*, user_id: int) -> None:
    """End every web session and API token of ``user_id``."""
    from tpmap.accounts.tokens import tokens_revoke_all

    with transaction.atomic():
        tokens_revoke_all(user_id=user_id)
        sessions_end(user_id=user_id)


def on_user_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """post_save of User: a save that leaves an existing account inactive logs it out
    everywhere."""
    if not created and not instance.is_active:
        account_logged_out_everywhere(user_id=instance.pk)
