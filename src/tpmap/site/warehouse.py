"""The warehouse the web pages read: ``settings.TPMAP_WAREHOUSE``, reopened when a new
version is published. One reader per thread (a DuckDB connection is not shared between
threads)."""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings

from tpmap.warehouse.layout import current_version
from tpmap.warehouse.read.base import NotBuilt, NotFound, Warehouse

# The reader's type and its errors, for the pages (one import of the warehouse's read side).
__all__ = ["NotBuilt", "NotFound", "Warehouse", "WarehouseUnavailable", "get_warehouse", "reset"]

_local = threading.local()


class WarehouseUnavailable(RuntimeError):
    """No warehouse has been built at the configured folder."""


def get_warehouse() -> Warehouse:
    path = Path(settings.TPMAP_WAREHOUSE)
    version = current_version(path)
    if version is None:
        raise WarehouseUnavailable(str(path))
    wh: Warehouse | None = getattr(_local, "warehouse", None)
    if wh is not None and wh.path == path and wh.version == version:
        return wh
    if wh is not None:
        wh.close()
        _local.warehouse = None
    try:
        wh = Warehouse(path)
    except NotBuilt as e:
        raise WarehouseUnavailable(str(path)) from e
    _local.warehouse = wh
    return wh


def reset() -> None:
    """Close this thread's reader (tests switch warehouses)."""
    wh: Warehouse | None = getattr(_local, "warehouse", None)
    if wh is not None:
        wh.close()
    _local.warehouse = None
