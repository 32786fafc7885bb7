"""Storages: static files in production (hashed names, compressed copies, WhiteNoise) and
MEDIA files written atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):  # type: ignore[misc]  # untyped
    """WhiteNoise's manifest storage without rewriting ``sourceMappingURL`` comments: the
    vendored libraries (Leaflet, htmx) name source maps that are not shipped, and Django
    would refuse to collect them."""

    patterns = tuple(
        (ext, tuple(p for p in pats if "sourceMappingURL" not in str(p)))
        for ext, pats in CompressedManifestStaticFilesStorage.patterns
    )


class AtomicFileSystemStorage(FileSystemStorage):
    """MEDIA storage whose files appear whole or not at all: the bytes go to a temporary
    file in the target folder, are flushed to disk, then linked to the final name in one
    step (``os.link`` never overwrites, so a name taken meanwhile gets the next free one).
    Django's own storage writes straight into the final name, so a crash mid-write would
    leave a half-written file that a page would then serve."""

    def _save(self, name: str, content: Any) -> str:
        full = Path(self.path(name))
        full.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=full.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as out:
                if hasattr(content, "seek"):
                    content.seek(0)
                for chunk in content.chunks():
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            while True:
                try:
                    os.link(tmp, full)
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full = Path(self.path(name))
            if self.file_permissions_mode is not None:
                os.chmod(full, self.file_permissions_mode)
        finally:
            os.unlink(tmp)
        return str(name).replace("\\", "/")
