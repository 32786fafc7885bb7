from __future__ import annotations

from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "tpmap.site"
    label = "tpmap_site"
    verbose_name = "TPMAP site"
