"""Models of the dashboard app: the monthly snapshots of the monitoring dashboard (F20) and
the saved views of the analytics pivot (F25)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class MonthlySnapshot(models.Model):
    """The figures of one calendar month of an area and data year as they were reported:
    taken by ``tpmap_snapshot --month YYYY-MM`` or the first time the dashboard shows the
    month after it has ended. The dashboard reads past months from here, so a record
    changed later does not change a month already reported."""

    year = models.PositiveIntegerField()  # the data year (Buddhist era)
    area_code = models.CharField(max_length=8)  # TH or a 2/4/6/8-digit code
    month = models.DateField()  # the first day of the month
    figures: Any = models.JSONField(default=dict)
    taken_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=16, default="view")  # "view" or "command"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["year", "area_code", "month"], name="one_snapshot_per_area_month"
            ),
        ]
        ordering = ["year", "area_code", "month"]

    def __str__(self) -> str:
        return f"{self.area_code} {self.year} {self.month:%Y-%m}"


class PivotView(models.Model):
    """A saved pivot of the analytics page: its name, owner and query string. Shared by
    link with the officers whose area holds the view's area."""

    name = models.CharField(max_length=120)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pivot_views"
    )
    area_code = models.CharField(max_length=8)
    query = models.CharField(max_length=1000)  # the pivot's query string, without the view
    created_at = models.DateTimeField(auto_now_add=True)
    # An API client's idempotency key: the same key again gets the view already saved.
    client_id = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "client_id"], name="one_pivot_view_per_client_id"
            ),
        ]

    def __str__(self) -> str:
        return self.name
