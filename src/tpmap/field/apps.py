from __future__ import annotations

from django.apps import AppConfig


class FieldConfig(AppConfig):
    name = "tpmap.field"
    label = "field"
    verbose_name = "Offline field app"
