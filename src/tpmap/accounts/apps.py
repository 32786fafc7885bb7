from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tpmap.accounts"
    label = "accounts"
    verbose_name = "บัญชีผู้ใช้"
