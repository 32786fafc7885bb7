from __future__ import annotations

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "tpmap.portal"
    label = "portal"
    verbose_name = "TPMAP open portal"
