"""Each source's as-of date (F1): an optional ``sources.toml`` in a data-year folder says
when each agency's file was extracted, so a reader of the build report knows how far
apart the sources that must confirm each other are::

    # 2566/sources.toml
    [as_of]
    bmn_household = 2023-06-30      # a TOML date
    welfare_card = "2023-09-01"     # or an ISO date text

Every name must be a source of the contract; a bad file stops the build with a message."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

from tpmap.warehouse.build import sources as src
from tpmap.warehouse.build.context import BuildError

FILE_NAME = "sources.toml"


def load_as_of(year_dir: Path) -> dict[str, date]:
    """The as-of date of each source named in the year's ``sources.toml`` ({} without one)."""
    path = year_dir / FILE_NAME
    if not path.is_file():
        return {}
    where = f"{year_dir.name}/{FILE_NAME}"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise BuildError(f"ไฟล์ {where} ไม่ถูกต้อง / bad {where}: {e}") from None
    table = data.get("as_of", {})
    if not isinstance(table, dict):
        raise BuildError(f"{where}: [as_of] ต้องเป็นตาราง / [as_of] must be a table")
    known = {s.name for s in src.SOURCES}
    out: dict[str, date] = {}
    for name, value in table.items():
        if name not in known:
            raise BuildError(
                f"{where}: ไม่รู้จักแหล่งข้อมูล {name!r} / unknown source {name!r} "
                f"(known: {', '.join(sorted(known))})"
            )
        if isinstance(value, date):
            out[name] = value
            continue
        try:
            out[name] = date.fromisoformat(str(value))
        except ValueError:
            raise BuildError(
                f"{where}: วันที่ของ {name} ต้องเป็น YYYY-MM-DD / the date of {name} must be "
                f"YYYY-MM-DD, not {value!r}"
            ) from None
    return out
