from __future__ import annotations

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "tpmap.reports"
    label = "reports"
    verbose_name = "TPMAP reports"
