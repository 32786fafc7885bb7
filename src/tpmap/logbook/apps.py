from __future__ import annotations

from django.apps import AppConfig


class LogbookConfig(AppConfig):
    name = "tpmap.logbook"
    label = "logbook"
    verbose_name = "แฟ้มบ้านพัฒนาคนไทย"
