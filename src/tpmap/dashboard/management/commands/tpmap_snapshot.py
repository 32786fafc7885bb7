"""Snapshot a month of the monitoring dashboard: the month's figures of the country and of
every province, district and subdistrict with a Logbook record, for one data year or every
year with records, kept as reported (docs/monitor.md, "Monthly snapshots")."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tpmap.core import areas as area_catalog
from tpmap.dashboard.monitor import snapshots
from tpmap.logbook.models import FollowedHousehold


class Command(BaseCommand):
    help = "Keep a month's figures of the monitoring dashboard as reported"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", required=True, help="the month, YYYY-MM (Gregorian)")
        parser.add_argument("--year", type=int, help="one data year (default: every year)")
        parser.add_argument("--area", help="one area code, TH or 2-8 digits (default: all)")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="take the figures again even where the month has a snapshot",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            month = snapshots.parse_month(options["month"])
        except ValueError:
            raise CommandError(
                f"เดือนไม่ถูกต้อง ใช้รูปแบบ YYYY-MM / bad month {options['month']!r}, use YYYY-MM"
            ) from None
        if month >= snapshots.first_of_month(timezone.localdate()):
            raise CommandError(
                f"เดือน {options['month']} ยังไม่สิ้นสุด / the month {options['month']} has not ended"
            )
        area = options["area"]
        if area is not None and not (
            area == area_catalog.COUNTRY_CODE
            or (area.isdigit() and len(area) in area_catalog.CODE_LENGTH.values())
        ):
            raise CommandError(f"รหัสพื้นที่ไม่ถูกต้อง / bad area code {area!r}")
        years = sorted(set(FollowedHousehold.objects.values_list("year", flat=True).distinct()))
        if options["year"] is not None:
            years = [options["year"]]
        for year in years:
            areas = [area] if area is not None else snapshots.areas_with_records(year)
            taken, kept = snapshots.take(year, month, areas, replace=options["replace"])
            self.stdout.write(f"{year} {month:%Y-%m}: {taken} taken, {kept} kept as reported")
