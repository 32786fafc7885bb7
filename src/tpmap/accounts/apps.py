from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_save


class AccountsConfig(AppConfig):
    name = "tpmap.accounts"
    label = "accounts"
    verbose_name = "บัญชีผู้ใช้"

    def ready(self) -> None:
        from tpmap.accounts.models import User
        from tpmap.accounts.sessions import on_user_saved

        post_save.connect(on_user_saved, sender=User, dispatch_uid="accounts_user_deactivated")
