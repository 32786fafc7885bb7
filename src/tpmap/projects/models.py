"""F24: projects for the national M&E system (eMENSCR): a named group of Logbook
activities with its owning agency, budget, national-strategy target, fiscal year (B.E.)
and areas, made by a province or district account inside its area (docs/emenscr.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tpmap.logbook.models import Activity


class Project(models.Model):
    name = models.CharField(_("ชื่อโครงการ"), max_length=300)
    agency = models.CharField(_("หน่วยงานเจ้าของโครงการ"), max_length=200)
    budget = models.DecimalField(_("งบประมาณ (บาท)"), max_digits=14, decimal_places=2)
    strategy_target = models.CharField(_("รหัสเป้าหมายแผนแม่บทย่อย"), max_length=6)
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    start_on = models.DateField(_("วันเริ่มต้น"), null=True, blank=True)
    end_on = models.DateField(_("วันสิ้นสุด"), null=True, blank=True)
    objective = models.TextField(_("วัตถุประสงค์"), blank=True)
    # The area of the account that made it (the scope: who may see and change it) and the
    # areas the project covers, each inside it (province, district, subdistrict or village).
    area_code = models.CharField(_("พื้นที่ของโครงการ"), max_length=8, db_index=True)
    areas: Any = models.JSONField(_("พื้นที่ดำเนินการ"), default=list)
    activities = models.ManyToManyField(Activity, related_name="projects", blank=True)
    client_id = models.UUIDField(null=True, blank=True, unique=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-fiscal_year", "name", "id"]
        indexes = [models.Index(fields=["area_code", "fiscal_year"], name="project_area_year")]
        constraints = [
            models.CheckConstraint(condition=Q(budget__gte=0), name="project_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(strategy_target__regex=r"^[0-9]{6}$"),
                name="project_strategy_target_shape",
            ),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=2561, fiscal_year__lte=2580),
                name="project_fiscal_year_in_strategy",
            ),
            models.CheckConstraint(
                condition=Q(start_on__isnull=True)
                | Q(end_on__isnull=True)
                | Q(end_on__gte=models.F("start_on")),
                name="project_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name
