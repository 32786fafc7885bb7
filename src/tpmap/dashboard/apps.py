from __future__ import annotations

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    # No models: the former "reports" label had none, so nothing to migrate.
    name = "tpmap.dashboard"
    label = "dashboard"
    verbose_name = "TPMAP dashboard"
