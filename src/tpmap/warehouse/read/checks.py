"""Sources that disagree (F1), for officers of the area: per area the counts the build
made (``area_stats.check_*``) and the persons behind them (``persons.check_*``), with the
last 4 digits of the national ID only. Never published: the portal does not read this."""

from __future__ import annotations

from typing import Any

from tpmap.warehouse.layout import SOURCE_CHECKS
from tpmap.warehouse.read.base import Warehouse

#: The checks, in the order pages list them (keys without the ``check_`` prefix).
CHECKS = SOURCE_CHECKS


def _column(check: str) -> str:
    if check not in CHECKS:
        raise ValueError(check)
    return f"check_{check}"


def area_check_counts(wh: Warehouse, *, year: int, area: str) -> dict[str, int]:
    """Persons of ``area`` per check in ``year`` (0 for a version built before F1)."""
    wh.require_year(year)
    have = [c for c in CHECKS if _column(c) in wh.columns("area_stats")]
    counts = dict.fromkeys(CHECKS, 0)
    if not have:
        return counts
    row = wh.engine.fetchone(
        f"SELECT {', '.join(_column(c) for c in have)} FROM area_stats "
        "WHERE year = ? AND scope = 'all' AND area_code = ?",
        [year, area],
    )
    for c, n in zip(have, row or (), strict=False):
        counts[c] = int(n or 0)
    return counts


def check_persons(
    wh: Warehouse,
    *,
    year: int,
    area: str,
    check: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[dict[str, Any]]]:
    """The persons of ``area`` (a village-code prefix; 'TH' the country) with at least one
    check (or the one ``check``), by household then member: their total and one page of
    rows (household_id, village_code, member_no, name, nid_last4, age and the checks that
    hold)."""
    wh.require_year(year)
    have = [c for c in CHECKS if _column(c) in wh.columns("persons")]
    wanted = [check] if check else have
    if not have or any(c not in have for c in wanted):
        return 0, []
    where = " OR ".join(f"coalesce({_column(c)}, FALSE)" for c in wanted)
    prefix = "" if area == "TH" else area
    params: list[Any] = [year, prefix]
    base = f"FROM persons WHERE year = ? AND starts_with(village_code, ?) AND ({where})"
    total = int(wh.engine.scalar(f"SELECT count(*) {base}", params))
    flags = ", ".join(f"coalesce({_column(c)}, FALSE) AS {c}" for c in have)
    rows = wh.engine.fetchdicts(
        "SELECT household_id, village_code, member_no, "
        "trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) AS name, "
        # Only the last 4 digits ever leave the engine (as the household read does).
        f"right(nid, 4) AS nid_last4, age, {flags} {base} "
        "ORDER BY household_id NULLS LAST, member_no, village_code, nid LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    out = []
    for r in rows:
        r["nid_last4"] = r["nid_last4"] or None
        r["checks"] = [c for c in have if r.pop(c)]
        out.append(r)
    return total, out
