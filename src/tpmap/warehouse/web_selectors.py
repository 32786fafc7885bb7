"""Warehouse reads of the web Logbook: search with paging and sorting, a household's full
profile, village lists and short household facts for maps.

Every function takes an open :class:`~tpmap.warehouse.selectors.Warehouse` and reads
through ``wh.engine`` with bound parameters only. Area limits arrive as a village-code
prefix and are applied as a range (``village_code >= prefix AND village_code < next``) so
DuckDB skips the row groups of other areas on a national warehouse. No result carries a
full national ID: members show ``nid_last4`` computed inside the query.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from tpmap.core.areas import code_range
from tpmap.core.indicators import DIMENSIONS
from tpmap.warehouse.engine import quote_ident
from tpmap.warehouse.selectors import Warehouse

SORTS: dict[str, str] = {
    "failed": "failed_count",
    "name": "head_name",
    "house": "house_no",
    "address": "village_code",
}
MAX_LIMIT = 100


def normalize_thai(text: str) -> str:
    """NFC, one space between words, and the two spellings of sara am (ำ vs ํ + า) made one,
    so what an officer types matches what the survey recorded."""
    text = unicodedata.normalize("NFC", text).replace("\u0e4d\u0e32", "\u0e33")
    return " ".join(text.split())


def _area_condition(prefix: str, where: list[str], params: list[Any]) -> None:
    if prefix:
        where.append("village_code >= ? AND village_code < ?")
        params += list(code_range(prefix))


def household_search(
    wh: Warehouse,
    *,
    year: int,
    prefix: str,
    dimension: str | None = None,
    indicator: int | None = None,
    group: str | None = None,
    poor_only: bool = True,
    text: str = "",
    sort: str = "failed",
    descending: bool | None = None,
    limit: int = 20,
    offset: int = 0,
) -> dict[str, Any]:
    """Households of an area (``prefix`` of their village code; '' = the country).

    Filters: deprived in ``dimension`` / ``indicator``; with a member in target ``group``;
    MPI-poor only (default); ``text`` matches part of the head's name (spaces ignored) or the
    start of the house number. Sorted by ``sort`` (failed, name, house, address), then
    household id. Returns ``{"total", "limit", "offset", "items"}``."""
    wh.require_year(year)
    if dimension is not None and dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}")
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}")
    limit = max(1, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    where = ["year = ?"]
    params: list[Any] = [year]
    _area_condition(prefix, where, params)
    if poor_only:
        where.append("mpi_poor")
    if group:
        where.append("list_contains(member_groups, ?)")
        params.append(group)
    if dimension is not None:
        where.append(quote_ident(f"deprived_{dimension}"))
    if indicator is not None:
        where.append("list_contains(failed_indicators, ?)")
        params.append(int(indicator))
    text = normalize_thai(text)
    if text:
        where.append(
            "(contains(replace(coalesce(head_name, ''), ' ', ''), ?) "
            "OR starts_with(coalesce(house_no, ''), ?))"
        )
        params += [text.replace(" ", ""), text]
    cond = " AND ".join(where)
    total = int(wh.engine.scalar(f"SELECT count(*) FROM households WHERE {cond}", params))
    if descending is None:
        descending = sort == "failed"
    order = f"{SORTS[sort]} {'DESC' if descending else 'ASC'} NULLS LAST, household_id"
    items = wh.engine.fetchdicts(
        "SELECT household_id, village_code, coalesce(head_name, '') AS head_name, "
        "coalesce(house_no, '') AS house_no, address, failed_dimensions, failed_indicators, "
        "failed_count, members, target_members, member_groups "
        f"FROM households WHERE {cond} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    for item in items:
        item["failed_dimensions"] = list(item["failed_dimensions"] or [])
        item["failed_indicators"] = list(item["failed_indicators"] or [])
        item["member_groups"] = sorted(item["member_groups"] or [])
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def household_village(
    wh: Warehouse, *, year: int, household_id: str, prefix: str = ""
) -> str | None:
    """The village code of a household in a year, or None when there is no such household
    inside the area ``prefix`` ('' = anywhere). The area range lets DuckDB read only that
    area's row groups, and keeps a lookup from ever reaching outside the officer's area."""
    where = ["year = ?", "household_id = ?"]
    params: list[Any] = [year, household_id]
    _area_condition(prefix, where, params)
    row = wh.engine.fetchone(
        f"SELECT village_code FROM households WHERE {' AND '.join(where)}", params
    )
    return None if row is None else str(row[0])


def household_place(
    wh: Warehouse, *, year: int, household_id: str, prefix: str = ""
) -> tuple[str, bool] | None:
    """Like ``household_village``, with whether the household is a target household of
    the year (a member is a target person): what the Logbook's follow-up rows need."""
    where = ["year = ?", "household_id = ?"]
    params: list[Any] = [year, household_id]
    _area_condition(prefix, where, params)
    row = wh.engine.fetchone(
        f"SELECT village_code, target_members > 0 FROM households WHERE {' AND '.join(where)}",
        params,
    )
    return None if row is None else (str(row[0]), bool(row[1]))


def target_households(wh: Warehouse, year: int, household_ids: Sequence[str]) -> set[str]:
    """Which of the households are target households of the year (for rebuilding the
    Logbook's follow-up rows in bulk)."""
    if not household_ids:
        return set()
    rows = wh.engine.fetchall(
        "SELECT household_id FROM households WHERE year = ? AND target_members > 0 "
        "AND list_contains(?, household_id)",
        [year, list(household_ids)],
    )
    return {str(r[0]) for r in rows}


_MEMBER_COLUMNS = (
    "member_no, right(nid, 4) AS nid_last4, title, first_name, last_name, sex, age, relation, "
    "education, occupation, income_year, is_disabled, is_chronic_patient, self_reliant, "
    "is_elderly, welfare_card, card_round, card_monthly_benefit, allowances, disability_type, "
    "health_scheme, main_hospital_code, main_hospital_name, surveyed, logbook_added, groups, "
    '"group", is_target'
)


def household_profile(
    wh: Warehouse, *, year: int, household_id: str, village_code: str | None = None
) -> dict[str, Any] | None:
    """Everything the household page shows (F7), or None when there is no such household.

    Keys: the household's survey fields and MPI (``indicators`` maps each questionnaire
    indicator number to 1 pass, 0 fail or None), and ``members`` in survey order, each
    with ``nid_last4`` and the linked registry facts. ``village_code``, when known, must
    match (a lookup never crosses into another village)."""
    if year not in wh.years:
        return None
    # The village code (when the caller knows it) lets DuckDB skip other areas' row groups.
    where, params = "year = ? AND household_id = ?", [year, household_id]
    if village_code:
        where, params = where + " AND village_code = ?", [*params, village_code]
    rows = wh.engine.fetchdicts(f"SELECT * FROM households WHERE {where}", params)
    if not rows:
        return None
    h = rows[0]
    count = 31 if h["questionnaire"] == "2560" else 38
    members = wh.engine.fetchdicts(
        f"SELECT {_MEMBER_COLUMNS} FROM persons "
        "WHERE year = ? AND household_id = ? AND village_code = ? ORDER BY member_no",
        [year, household_id, h["village_code"]],
    )
    for m in members:
        m["nid_last4"] = m["nid_last4"] or ""
        m["allowances"] = [
            {
                "kind": a["kind"],
                "monthly_amount": a["monthly_amount"],
                "paying_agency": a["paying_agency"] or "",
            }
            for a in (m["allowances"] or [])
        ]
        m["groups"] = list(m["groups"] or [])
    profile = {k: v for k, v in h.items() if not k.startswith("ind_")}
    profile["af_score"] = float(h["af_score"]) if h["af_score"] is not None else None
    profile["failed_dimensions"] = list(h["failed_dimensions"] or [])
    profile["failed_indicators"] = list(h["failed_indicators"] or [])
    profile["member_groups"] = sorted(h["member_groups"] or [])
    profile["indicators"] = {i: h[f"ind_{i:02d}"] for i in range(1, count + 1)}
    profile["members"] = members
    return profile


def village_options(wh: Warehouse, *, subdistrict: str) -> list[tuple[str, str]]:
    """(code, Thai name) of the villages of a subdistrict that the warehouse knows."""
    if len(subdistrict) != 6 or not subdistrict.isdigit():
        return []
    return [
        (str(code), str(name))
        for code, name in wh.engine.fetchall(
            "SELECT code, name_th FROM areas WHERE level = 'village' AND parent_code = ? "
            "ORDER BY code",
            [subdistrict],
        )
    ]


def households_brief(
    wh: Warehouse, *, year: int, household_ids: Sequence[str]
) -> dict[str, dict[str, Any]]:
    """Head name, house number, address and failed count of some households of a year."""
    if not household_ids:
        return {}
    rows = wh.engine.fetchdicts(
        "SELECT household_id, village_code, coalesce(head_name, '') AS head_name, "
        "coalesce(house_no, '') AS house_no, address, failed_count, mpi_poor "
        "FROM households WHERE year = ? AND list_contains(?, household_id)",
        [year, list(household_ids)],
    )
    return {r["household_id"]: r for r in rows}
