from __future__ import annotations

from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "tpmap.committees"
    label = "committees"
    verbose_name = "ศจพ. และรายงานผล"
