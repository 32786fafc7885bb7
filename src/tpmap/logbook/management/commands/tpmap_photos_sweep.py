"""Delete photo files that no Photo row references.

A record and its photos are written in one transaction, and a transaction that fails
deletes the files it wrote; but a process killed (-9, power cut, OOM) between writing a
photo's files and committing its row leaves the files behind, with nobody to delete them.
This command finds them: every file under ``MEDIA_ROOT/photos/`` whose name is neither a
Photo's image nor its thumbnail, and that is older than ``--min-age-minutes`` (default
60: an upload still in flight has written its files but not yet committed its row). Run
it daily (cron or a systemd timer); ``--dry-run`` lists without deleting."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from tpmap.logbook.models import Photo

PHOTO_DIR = "photos"


def orphan_photo_files(media_root: Path, *, min_age_seconds: float) -> list[Path]:
    """Files under ``media_root/photos`` that no Photo row names, older than the age."""
    root = media_root / PHOTO_DIR
    if not root.is_dir():
        return []
    referenced: set[str] = set()
    for image, thumbnail in Photo.objects.values_list("image", "thumbnail").iterator():
        referenced.update((image, thumbnail))
    cutoff = time.time() - min_age_seconds
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file()
        and path.relative_to(media_root).as_posix() not in referenced
        and path.stat().st_mtime < cutoff
    )


class Command(BaseCommand):
    help = "Delete photo files that no Photo row references (left by a killed upload)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--min-age-minutes",
            type=float,
            default=60.0,
            help="leave files younger than this (an upload may still be committing)",
        )
        parser.add_argument("--dry-run", action="store_true", help="list, delete nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        media_root = Path(settings.MEDIA_ROOT)
        orphans = orphan_photo_files(media_root, min_age_seconds=options["min_age_minutes"] * 60)
        if not options["dry_run"]:
            for path in orphans:
                path.unlink(missing_ok=True)
        self.stdout.write(
            json.dumps(
                {
                    "deleted": 0 if options["dry_run"] else len(orphans),
                    "orphans": [p.relative_to(media_root).as_posix() for p in orphans],
                },
                ensure_ascii=False,
            )
        )
