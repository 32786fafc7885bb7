"""Write the Logbook's approved additions, active corrections and re-assessments of a data
year as the sources the next ``tpmap build`` applies (CONTRACTS.md §5)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tpmap.logbook.export import export_sources


class Command(BaseCommand):
    help = "Export logbook_person, logbook_correction and logbook_assessment of a data year"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="data year (Buddhist era)")
        parser.add_argument(
            "--out", type=Path, required=True, help="the sources folder (writes into OUT/<year>/)"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON document")

    def handle(self, *args: Any, **options: Any) -> None:
        year, out = options["year"], options["out"]
        counts = export_sources(year, out)
        if options["json"]:
            doc = {"year": year, "folder": str(out / str(year)), "rows": counts}
            self.stdout.write(json.dumps(doc, ensure_ascii=False))
            return
        for name, n in counts.items():
            self.stdout.write(f"{name}: {n}")
