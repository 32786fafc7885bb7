"""The Logbook's sources for the next build (CONTRACTS.md §1, "Sources written by the
Logbook"): approved additions, active corrections and re-assessments of one data year as
CSV files the next ``tpmap build`` of the sources folder applies. The warehouse never reads
the Logbook's database; this is the one way the field's findings reach it."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from django.utils import timezone

from tpmap.core.contract import CORRECTION_COLUMNS, PERSON_FIELDS
from tpmap.core.indicators import MAX_INDICATORS
from tpmap.logbook.models import (
    Addition,
    AdditionStatus,
    Assessment,
    Correction,
    CorrectionKind,
)

PERSON_COLUMNS = (
    "record_id",
    *PERSON_FIELDS,
    "village_code",
    "household_id",
    "reason",
    "approved_on",
)
ASSESSMENT_COLUMNS = (
    "record_id",
    "household_id",
    "assessed_on",
    *(f"ind_{i:02d}" for i in range(1, MAX_INDICATORS + 1)),
)
Cell = str | int | date | None


def _day(value: datetime | None) -> date | None:
    return None if value is None else timezone.localdate(value)


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _write(path: Path, columns: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    """Write a CSV beside its final name and move it over the earlier export at once, so
    a build never reads half a file; a Parquet export of the same source is removed so
    the build reads this one only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    n = 0
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(columns)
            for row in rows:
                w.writerow([_cell(c) for c in row])
                n += 1
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    path.with_suffix(".parquet").unlink(missing_ok=True)
    return n


def _people(year: int) -> Iterable[Sequence[Cell]]:
    qs = Addition.objects.filter(year=year, status=AdditionStatus.APPROVED).order_by("id")
    for a in qs:
        yield (
            a.pk,
            a.nid or None,
            a.title,
            a.first_name,
            a.last_name,
            a.sex,
            a.birth_date,
            a.age,
            a.village_code,
            a.household_id,
            a.reason,
            _day(a.decided_at),
        )


def _corrections(year: int) -> Iterable[Sequence[Cell]]:
    # A correction needs no approval (WORKFLOWS.md §1): it counts from the day recorded.
    qs = (
        Correction.objects.filter(year=year, reversed_at__isnull=True)
        .exclude(kind=CorrectionKind.FOUND)
        .order_by("id")
    )
    for c in qs:
        note = c.note
        if c.kind == CorrectionKind.WRONG_DATA:
            note = f"{c.field_name}={c.correct_value}" + (f"; {note}" if note else "")
        yield (c.pk, c.household_id, c.member_no, c.kind, c.effective_on, _day(c.created_at), note)


def _assessments(year: int) -> Iterable[Sequence[Cell]]:
    for a in Assessment.objects.filter(year=year).order_by("id"):
        items = a.items
        yield (
            a.pk,
            a.household_id,
            a.assessed_on,
            *(items.get(f"ind_{i:02d}") for i in range(1, MAX_INDICATORS + 1)),
        )


def export_sources(year: int, out: Path) -> dict[str, int]:
    """Write the three sources of data year ``year`` into ``out/<year>/``; rows of each."""
    folder = out / str(year)
    counts = {
        "logbook_person": _write(folder / "logbook_person.csv", PERSON_COLUMNS, _people(year)),
        "logbook_correction": _write(
            folder / "logbook_correction.csv", CORRECTION_COLUMNS, _corrections(year)
        ),
        "logbook_assessment": _write(
            folder / "logbook_assessment.csv", ASSESSMENT_COLUMNS, _assessments(year)
        ),
    }
    return counts
