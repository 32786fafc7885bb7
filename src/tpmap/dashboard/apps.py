from __future__ import annotations

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    # Models: monthly snapshots of the monitor and saved pivot views (dashboard/models.py).
    name = "tpmap.dashboard"
    label = "dashboard"
    verbose_name = "TPMAP dashboard"
