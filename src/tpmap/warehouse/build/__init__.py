"""The warehouse build: validate, link, compute MPI, targets and area statistics, audit,
and publish a new version atomically. Only the CLI and tests import this package; readers
use tpmap.warehouse.layout and tpmap.warehouse.read."""

from __future__ import annotations

from tpmap.warehouse.build.context import BuildError, BuildOptions
from tpmap.warehouse.build.pipeline import build

__all__ = ["BuildError", "BuildOptions", "build"]
