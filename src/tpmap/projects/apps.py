from __future__ import annotations

from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "tpmap.projects"
    label = "projects"
    verbose_name = "TPMAP projects (eMENSCR)"
