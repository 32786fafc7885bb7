"""Rewrite the monitoring dashboard's follow-up rows (FollowedHousehold, FollowedMonth) of
every Logbook household from its records, with the target flag read again from the
warehouse. Run it after the migration that added them (records written before it have no
follow-up rows yet) and after publishing a warehouse version that changes the targets."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tpmap.logbook import followup
from tpmap.logbook.models import Activity, Classification, Mentor, Pin, Problem
from tpmap.site.warehouse import WarehouseUnavailable, get_warehouse
from tpmap.warehouse.read import households as warehouse_households


class Command(BaseCommand):
    help = "Rebuild the dashboard's follow-up rows of the Logbook from its records"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, help="one data year (default: every year)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            wh = get_warehouse()
        except WarehouseUnavailable as e:
            raise CommandError(f"ไม่พบคลังข้อมูล / no warehouse at {e}") from None
        years: set[int] = set()
        for model in (Problem, Activity, Mentor, Pin, Classification):
            years.update(model.objects.values_list("year", flat=True).distinct())
        if options["year"] is not None:
            years = {options["year"]}
        for year in sorted(years):
            targets: Any = (
                partial(warehouse_households.target_households, wh, year)
                if year in wh.years
                else set()
            )
            n = followup.rebuild(year, targets)
            self.stdout.write(f"{year}: {n} households")
