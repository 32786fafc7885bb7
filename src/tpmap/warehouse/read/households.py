"""Households and their members: one list query (``household_list``) and one detail query
(``household_detail``) serving the CLI, the web pages, the reports and the API; the CLI's
JSON documents (``households_document``, ``household_document``, CONTRACTS.md section 3)
are shaped from them.

Area limits arrive as an area code and are applied as a village-code range
(``village_code >= code AND village_code < next``) so the engine skips the row groups of
other areas on a national warehouse. No result carries a full national ID: members show
``nid_last4`` computed inside the query.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from typing import Any

from tpmap.core.areas import COUNTRY_CODE, code_range
from tpmap.core.indicators import DIMENSIONS, af_poor, indicator_count
from tpmap.warehouse.engine import quote_ident
from tpmap.warehouse.read.base import NotFound, VersionCache, Warehouse

SORTS: dict[str, str] = {
    "failed": "failed_count",
    "name": "head_name",
    "house": "house_no",
    "address": "village_code",
    # The home-visit order of the build (build/priority.py): 1 first, households without a
    # rank (no member in a group, not MPI-poor) last.
    "priority": "priority",
}
#: What a list row holds (the web's search rows; the CLI shows LIST_DOCUMENT_KEYS of it).
_LIST_COLUMNS = (
    "household_id, village_code, coalesce(head_name, '') AS head_name, "
    "coalesce(house_no, '') AS house_no, address, failed_dimensions, failed_indicators, "
    "failed_count, members, target_members, member_groups, priority"
)
#: The keys of a households JSON item, in the contract's order.
LIST_DOCUMENT_KEYS = (
    "household_id",
    "village_code",
    "head_name",
    "address",
    "failed_dimensions",
    "failed_indicators",
    "failed_count",
    "members",
    "target_members",
)
# The rank (``priority``) is in household_list's items and the household JSON, not in the
# households JSON items: scripts compare those items with the contract's keys exactly.


def normalize_thai(text: str) -> str:
    """NFC, one space between words, and the two spellings of sara am (ำ vs ํ + า) made one,
    so what an officer types matches what the survey recorded."""
    text = unicodedata.normalize("NFC", text).replace("\u0e4d\u0e32", "\u0e33")
    return " ".join(text.split())


def _area_condition(area: str, where: list[str], params: list[Any]) -> None:
    """Limit to an area ('' or TH: the whole country) by its village-code range."""
    if area and area != COUNTRY_CODE:
        where.append("village_code >= ? AND village_code < ?")
        params += list(code_range(area))


def _list_table(wh: Warehouse, *, poor_only: bool, group: str | None, sort: str) -> str:
    """The MPI-poor households in the failed-count order are the build's read model
    ``poor_households`` (a few % of all rows); any other list reads ``households``."""
    if (
        poor_only
        and group is None
        and sort == "failed"
        and {"house_no", "priority"} <= set(wh.columns("poor_households"))
    ):
        return "poor_households"
    return "households"


def household_list(
    wh: Warehouse,
    *,
    year: int,
    area: str = "",
    dimension: str | None = None,
    indicator: int | None = None,
    group: str | None = None,
    poor_only: bool = True,
    include_targets: bool = False,
    text: str = "",
    sort: str = "failed",
    descending: bool | None = None,
    limit: int | None = 20,
    offset: int = 0,
    shared: bool = False,
) -> dict[str, Any]:
    """Households of an area (an area code; '' or TH = the country).

    Filters: MPI-poor only (default; with ``include_targets`` also households with a
    target member); deprived in ``dimension`` / ``indicator``; with a member in ``group``;
    ``text`` matches part of the head's name (spaces ignored) or the start of the house
    number. Sorted by ``sort`` (failed, name, house, address, priority; failed descending
    by default, priority ascending: rank 1 first, unranked last), then household id;
    ``limit`` None = every row. Returns ``{"total", "limit", "offset", "items"}``, items
    with the fields of ``_LIST_COLUMNS``. A page of at most PAGE_KEPT rows is kept in
    READS (a whole list, an export's, is read each time); a caller that changes nothing in
    it may take the kept page itself (``shared``)."""
    read = functools.partial(
        _household_list, wh, year=year, area=area, dimension=dimension, indicator=indicator,
        group=group, poor_only=poor_only, include_targets=include_targets, text=text,
        sort=sort, descending=descending, limit=limit, offset=offset,
    )  # fmt: skip
    if limit is None or limit > PAGE_KEPT:
        return read()
    return READS.get(("list", str(wh.version), *read.keywords.values()), read, shared=shared)


def _household_list(
    wh: Warehouse,
    *,
    year: int,
    area: str,
    dimension: str | None,
    indicator: int | None,
    group: str | None,
    poor_only: bool,
    include_targets: bool,
    text: str,
    sort: str,
    descending: bool | None,
    limit: int | None,
    offset: int,
) -> dict[str, Any]:
    wh.require_year(year)
    if dimension is not None and dimension not in DIMENSIONS:
        raise NotFound(
            f"ไม่รู้จักมิติ {dimension!r} (มี: {', '.join(DIMENSIONS)}) / unknown dimension {dimension!r}"
        )
    if indicator is not None and indicator not in wh.mpi_indicators(year):
        known = ", ".join(str(i) for i in wh.mpi_indicators(year))
        raise NotFound(
            f"ไม่รู้จักตัวชี้วัด MPI {indicator} (มี: {known}) / unknown MPI indicator {indicator}"
        )
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}")
    if (limit is not None and limit < 0) or offset < 0:
        raise NotFound("limit และ offset ต้องไม่ติดลบ / limit and offset must be >= 0")
    table = _list_table(wh, poor_only=poor_only and not include_targets, group=group, sort=sort)
    where = ["year = ?"]
    params: list[Any] = [year]
    _area_condition(area, where, params)
    if table == "households" and poor_only:
        # MPI-poor after the Logbook's corrections (counted_poor: not a not-poor household,
        # some member neither deceased nor moved out), as the summary counts them.
        where.append("(counted_poor OR target_members > 0)" if include_targets else "counted_poor")
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
    total = int(wh.engine.scalar(f"SELECT count(*) FROM {table} WHERE {cond}", params))
    if descending is None:
        descending = sort == "failed"
    order = f"{SORTS[sort]} {'DESC' if descending else 'ASC'} NULLS LAST, household_id"
    page = "" if limit is None else " LIMIT ? OFFSET ?"
    items = wh.engine.fetchdicts(
        f"SELECT {_LIST_COLUMNS} FROM {table} WHERE {cond} ORDER BY {order}{page}",
        params if limit is None else [*params, limit, offset],
    )
    for item in items:
        item["failed_dimensions"] = list(item["failed_dimensions"] or [])
        item["failed_indicators"] = list(item["failed_indicators"] or [])
        item["member_groups"] = sorted(item["member_groups"] or [])
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def households_document(
    wh: Warehouse,
    *,
    year: int,
    area: str,
    dimension: str | None = None,
    indicator: int | None = None,
    group: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> dict[str, Any]:
    """The households JSON of CONTRACTS.md: an area's MPI-poor households (or, with a
    group, those with a member placed in it), deprived in a dimension/indicator if asked."""
    wh.require_year(year)
    info = wh.area(area)
    if group is not None and group not in wh.group_ids(year):
        known = ", ".join(wh.group_ids(year))
        raise NotFound(f"ไม่รู้จักกลุ่ม {group!r} (มี: {known}) / unknown group {group!r}")
    found = household_list(
        wh,
        year=year,
        area=info.code,
        dimension=dimension,
        indicator=indicator,
        group=group,
        poor_only=group is None,
        limit=limit,
        offset=offset,
        shared=True,  # only read here
    )
    return {
        "year": year,
        "area": info.code,
        "total": found["total"],
        "limit": limit,
        "offset": offset,
        "items": [{k: item[k] for k in LIST_DOCUMENT_KEYS} for item in found["items"]],
    }


#: Households lists, one household's place and its JSON document as read from a version: a
#: field team opens the same lists and households again and again (a visit, then its
#: problems and activities), and a version never changes. The last 2,048 reads of a few
#: kB each per process.
READS = VersionCache(2048)
#: The largest page of a households list READS keeps.
PAGE_KEPT = 100


def household_place(
    wh: Warehouse, *, year: int, household_id: str, prefix: str = ""
) -> tuple[str, bool] | None:
    """The village code of a household in a year and whether it is a target household (a
    member is a target person), or None when there is no such household inside the area
    ``prefix`` ('' = anywhere). The area range lets the engine read only that area's row
    groups, and keeps a lookup from ever reaching outside the officer's area."""
    return READS.get(
        ("place", str(wh.version), year, household_id, prefix),
        lambda: _household_place(wh, year, household_id, prefix),
    )


def _household_place(
    wh: Warehouse, year: int, household_id: str, prefix: str
) -> tuple[str, bool] | None:
    within = {"village_code": code_range(prefix)} if prefix and prefix != COUNTRY_CODE else {}
    rows = _lookup(
        wh, "households", year, "village_code, target_members > 0 AS target",
        {"household_id": household_id}, within,
    )  # fmt: skip
    return None if not rows else (str(rows[0]["village_code"]), bool(rows[0]["target"]))


def _lookup(
    wh: Warehouse,
    table: str,
    year: int,
    columns: str,
    equal: dict[str, str],
    within: dict[str, tuple[str, str]] | None = None,
    order: str = "",
) -> list[dict[str, Any]]:
    """``columns`` of the rows of a year's lookup table with the ``equal`` key values and
    key values ``within`` [low, high), reading only the files that may hold them."""
    if year not in wh.years:
        return []
    source = wh.lookup_source(table, year, equal, within)
    if source is None:
        return []
    relation, params = source
    where = [f"{quote_ident(c)} = ?" for c in equal]
    params += equal.values()
    for column, bounds in (within or {}).items():
        where.append(f"{quote_ident(column)} >= ? AND {quote_ident(column)} < ?")
        params += bounds
    return wh.engine.fetchdicts(
        f"SELECT {columns} FROM {relation} WHERE {' AND '.join(where)}{order}", params
    )


def household_village(
    wh: Warehouse, *, year: int, household_id: str, prefix: str = ""
) -> str | None:
    """The village code of ``household_place``."""
    place = household_place(wh, year=year, household_id=household_id, prefix=prefix)
    return None if place is None else place[0]


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
#: What a member of the household JSON shows (_member_document) of ``_MEMBER_COLUMNS``.
_DOCUMENT_MEMBER_COLUMNS = (
    "member_no, right(nid, 4) AS nid_last4, first_name, last_name, sex, age, relation, "
    "education, occupation, welfare_card, allowances, disability_type, health_scheme, "
    'main_hospital_code, main_hospital_name, groups, "group"'
)


def _members(
    wh: Warehouse,
    year: int,
    household_id: str,
    village_code: str | None,
    columns: str = _MEMBER_COLUMNS,
) -> list[dict[str, Any]]:
    """A household's members in survey order, each with its ``village_code``. Without a
    village the household id alone finds them: ``persons`` is sorted by household, so the
    engine reads the one row group whose id range holds it. A surveyed person carries its
    household's village, so the first member's village is the household's (members of
    another village under the same id are left out)."""
    equal = {"household_id": household_id}
    if village_code is not None:
        equal["village_code"] = village_code
    members = _lookup(
        wh, "persons", year, f"village_code, {columns}", equal,
        order=" ORDER BY village_code, member_no",
    )  # fmt: skip
    members = [m for m in members if m["village_code"] == members[0]["village_code"]]
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
    return members


def _household_at(
    wh: Warehouse, year: int, household_id: str, village_code: str, columns: str
) -> list[dict[str, Any]]:
    return _lookup(
        wh,
        "households",
        year,
        columns,
        {"household_id": household_id, "village_code": village_code},
    )


def _household_row(
    wh: Warehouse,
    year: int,
    household_id: str,
    village_code: str | None,
    columns: str,
    member_columns: str = _MEMBER_COLUMNS,
) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """``columns`` of one household's row and ``member_columns`` of its members, or None
    when there is no such household (in ``village_code`` when given: a lookup never crosses
    into another village).

    Reads are by household id and village together, so the engine decodes only the row
    group holding that village. Without a village, the members' query (by household id,
    pruned) tells it; only a household without members falls back to finding the village
    in ``households`` (its id column over the row groups whose id range may hold it)."""
    if year not in wh.years:
        return None
    members: list[dict[str, Any]] | None = None
    if not village_code:
        members = _members(wh, year, household_id, None, member_columns)
        village_code = members[0]["village_code"] if members else None
    rows = _household_at(wh, year, household_id, village_code, columns) if village_code else []
    if not rows and (not village_code or members):
        # No members to tell the village (or members under this id in a village the
        # household is not in): find it in the households themselves.
        members = None
        village_code = household_village(wh, year=year, household_id=household_id)
        if village_code is not None:
            rows = _household_at(wh, year, household_id, village_code, columns)
    if not rows:
        return None
    h = rows[0]
    if members is None:
        members = _members(wh, year, household_id, str(h["village_code"]), member_columns)
    for m in members:
        del m["village_code"]
    return h, members


def household_detail(
    wh: Warehouse, *, year: int, household_id: str, village_code: str | None = None
) -> dict[str, Any] | None:
    """Everything known of one household (the web's household page, the CLI's household
    JSON), or None when there is no such household.

    Keys: the household's survey fields and MPI (``indicators`` maps each of the 17 MPI
    indicator numbers to 1 pass, 0 fail or None; ``items`` each questionnaire item, for
    the BMN summary of all 31 or 38 items), ``af_poor``, and ``members`` in survey order,
    each with ``member_no``, ``nid_last4`` ('' without a NID) and the linked registry
    facts. ``village_code``, when known, must
    match (a lookup never crosses into another village)."""
    found = _household_row(wh, year, household_id, village_code, "*")
    if found is None:
        return None
    h, members = found
    detail = {k: v for k, v in h.items() if not k.startswith("ind_")}
    detail["af_score"] = float(h["af_score"]) if h["af_score"] is not None else None
    detail["failed_dimensions"] = list(h["failed_dimensions"] or [])
    detail["failed_indicators"] = list(h["failed_indicators"] or [])
    detail["member_groups"] = sorted(h["member_groups"] or [])
    detail["af_poor"] = af_poor(detail["af_score"])
    count = indicator_count(h["questionnaire"])
    detail["items"] = {i: h[f"ind_{i:02d}"] for i in range(1, count + 1)}
    mapping = wh.mpi_mapping(year)
    detail["indicators"] = {no: h[f"ind_{mapping.item(no):02d}"] for no in mapping.indicators}
    detail["members"] = members
    return detail


def _num(x: float | None) -> float | int | None:
    """Whole baht as int (as the contract shows), fractions kept."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() else float(x)


def _member_document(m: dict[str, Any]) -> dict[str, Any]:
    first, last = m["first_name"], m["last_name"]
    return {
        "member_no": int(m["member_no"]),
        # Without a NID there is nothing to show: null, never "" (CONTRACTS.md §3).
        "nid_last4": m["nid_last4"] or None,
        "name": None if first is None or last is None else f"{first} {last}",
        "sex": m["sex"],
        "age": m["age"],
        "relation": m["relation"],
        "education": m["education"],
        "occupation": m["occupation"],
        "welfare_card": m["welfare_card"],
        "allowances": [
            {"kind": a["kind"], "monthly_amount": _num(a["monthly_amount"])}
            for a in m["allowances"]
        ],
        "disability_type": m["disability_type"],
        "health_scheme": m["health_scheme"],
        "main_hospital_code": m["main_hospital_code"],
        "main_hospital_name": m["main_hospital_name"],
        "groups": m["groups"],
        "group": m["group"],
    }


#: The ``households`` columns the household JSON shows besides the MPI indicators' items:
#: a household row has 83 columns, and a lookup decodes each column it reads for the whole
#: row group (16,384 rows), so the JSON reads only these.
_DOCUMENT_COLUMNS = (
    "household_id",
    "village_code",
    "address",
    "house_no",
    "income_total",
    "income_per_person",
    "debt_formal",
    "debt_informal",
    "savings",
    "latitude",
    "longitude",
    "mpi_poor",
    "failed_count",
    "failed_dimensions",
    "failed_indicators",
    "af_score",
)
#: Columns of the Logbook fields, read when the version has them (_logbook_fields).
_LOGBOOK_COLUMNS = (
    "priority",
    "assessed_mpi_poor",
    "assessed_failed_indicators",
    "correction_kinds",
)


def _document_columns(wh: Warehouse, year: int) -> str:
    mapping = wh.mpi_mapping(year)
    items = sorted({mapping.item(no) for no in mapping.indicators})
    present = set(wh.columns("households"))
    return ", ".join(
        quote_ident(c)
        for c in (
            *_DOCUMENT_COLUMNS,
            *(c for c in _LOGBOOK_COLUMNS if c in present),
            *(f"ind_{i:02d}" for i in items),
        )
    )


def household_document(
    wh: Warehouse, *, year: int, household_id: str, village_code: str | None = None
) -> dict[str, Any]:
    """The household JSON of CONTRACTS.md, members with the last 4 NID digits only.
    ``village_code``, when the caller has located the household already, saves a lookup.
    Kept in READS: the same household of the same version is read once per process."""
    return READS.get(
        ("document", str(wh.version), year, household_id, village_code),
        lambda: _household_document(wh, year, household_id, village_code),
    )


def _household_document(
    wh: Warehouse, year: int, household_id: str, village_code: str | None
) -> dict[str, Any]:
    wh.require_year(year)
    found = _household_row(
        wh,
        year,
        household_id,
        village_code,
        _document_columns(wh, year),
        _DOCUMENT_MEMBER_COLUMNS,
    )
    if found is None:
        raise NotFound(
            f"ไม่พบครัวเรือน {household_id} ในปี {year} / household {household_id} not found in {year}"
        )
    h, members = found
    af_score = float(h["af_score"]) if h["af_score"] is not None else None
    mapping = wh.mpi_mapping(year)
    doc = {
        "year": year,
        "household_id": h["household_id"],
        "village_code": h["village_code"],
        "address": h["address"],
        "house_no": h["house_no"] or "",
        "income_total": _num(h["income_total"]),
        # Full double precision: rounding is for pages and reports (CONTRACTS.md §3).
        "income_per_person": None
        if h["income_per_person"] is None
        else float(h["income_per_person"]),
        "debt_formal": _num(h["debt_formal"]),
        "debt_informal": _num(h["debt_informal"]),
        "savings": _num(h["savings"]),
        "latitude": h["latitude"],
        "longitude": h["longitude"],
        "mpi_poor": bool(h["mpi_poor"]),
        "failed_count": int(h["failed_count"]),
        "failed_dimensions": list(h["failed_dimensions"] or []),
        "failed_indicators": list(h["failed_indicators"] or []),
        "af_score": float(h["af_score"]),
        "af_poor": af_poor(af_score),
        "indicators": {str(no): h[f"ind_{mapping.item(no):02d}"] for no in mapping.indicators},
        "members": [_member_document(m) for m in members],
    }
    doc.update(_logbook_fields(h))
    return doc


def _logbook_fields(h: dict[str, Any]) -> dict[str, Any]:
    """Optional fields of the household JSON (after the contract's keys): the home-visit
    rank and the latest re-assessment of the Logbook (null / [] when none), and the
    corrections applied. A warehouse built before these existed gives nulls."""
    assessed = h.get("assessed_mpi_poor")
    return {
        "priority": h.get("priority"),
        "assessed_mpi_poor": None if assessed is None else bool(assessed),
        "assessed_failed_indicators": None
        if assessed is None
        else list(h.get("assessed_failed_indicators") or []),
        "corrections": list(h.get("correction_kinds") or []),
    }


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


def nid_household(wh: Warehouse, *, year: int, nid: str) -> tuple[str, str] | None:
    """The surveyed household (id, village code) a NID belongs to in a year, or None: how
    the Logbook refuses to add again a person the survey already has."""
    row = wh.engine.fetchone(
        "SELECT household_id, village_code FROM persons "
        "WHERE year = ? AND nid = ? AND household_id IS NOT NULL ORDER BY household_id LIMIT 1",
        [year, nid],
    )
    return None if row is None else (str(row[0]), str(row[1]))


_UNHOUSED_COLUMNS = (
    "village_code, right(nid, 4) AS nid_last4, title, first_name, last_name, sex, age, "
    'welfare_card, card_monthly_benefit, logbook_added, groups, "group", is_target'
)


def persons_without_household(
    wh: Warehouse, *, year: int, area: str, limit: int = 200
) -> dict[str, Any]:
    """People of an area the survey has no household for: welfare-card holders outside the
    survey placed in their card's village (group 3.2) and field-team additions (group 4),
    with what is known of them (last 4 NID digits only). ``{"total", "items"}``."""
    wh.require_year(year)
    where = ["year = ?", "household_id IS NULL", "village_code IS NOT NULL"]
    params: list[Any] = [year]
    _area_condition(area, where, params)
    cond = " AND ".join(where)
    total = int(wh.engine.scalar(f"SELECT count(*) FROM persons WHERE {cond}", params))
    items = wh.engine.fetchdicts(
        f"SELECT {_UNHOUSED_COLUMNS} FROM persons WHERE {cond} "
        "ORDER BY village_code, last_name NULLS LAST, first_name NULLS LAST, nid LIMIT ?",
        [*params, limit],
    )
    for item in items:
        item["nid_last4"] = item["nid_last4"] or ""
        item["groups"] = list(item["groups"] or [])
    return {"total": total, "items": items}


def households_failed(
    wh: Warehouse, *, year: int, household_ids: Sequence[str]
) -> dict[str, tuple[bool, list[int]]]:
    """Whether each of some households of a year is a target household, and the MPI
    indicators its survey failed (the dashboard's live MPI)."""
    if not household_ids:
        return {}
    rows = wh.engine.fetchall(
        "SELECT household_id, target_members > 0, failed_indicators FROM households "
        "WHERE year = ? AND list_contains(?, household_id)",
        [year, list(household_ids)],
    )
    return {str(r[0]): (bool(r[1]), [int(i) for i in (r[2] or [])]) for r in rows}


def households_ranked(
    wh: Warehouse, *, year: int, household_ids: Sequence[str]
) -> dict[str, dict[str, Any]]:
    """Head name, house number, address, failed dimensions, the home-visit rank
    (``priority``, INDICATORS.md §5; None unranked or on a warehouse built before it) and
    whether the household is in the MPI-poor-or-target list (``listed``, as
    ``household_list(include_targets=True)``) of some households of a year: how the
    Logbook's work lists order and count what it holds."""
    if not household_ids:
        return {}
    has_priority = "priority" in set(wh.columns("households"))
    rows = wh.engine.fetchdicts(
        "SELECT household_id, village_code, coalesce(head_name, '') AS head_name, "
        "coalesce(house_no, '') AS house_no, address, failed_dimensions, failed_count, "
        "(counted_poor OR target_members > 0) AS listed, "
        f"{'priority' if has_priority else 'NULL AS priority'} "
        "FROM households WHERE year = ? AND list_contains(?, household_id)",
        [year, list(household_ids)],
    )
    for r in rows:
        r["failed_dimensions"] = list(r["failed_dimensions"] or [])
    return {r["household_id"]: r for r in rows}


def survey_points(
    wh: Warehouse, *, year: int, area: str = "", limit: int = 5000
) -> list[dict[str, Any]]:
    """Every surveyed household of an area that has the survey's coordinates, as a map
    point (id, latitude, longitude, head's name, house number, MPI-poor), at most
    ``limit`` of them in household-id order: what a map without tiles shows so a house can
    be found and tapped."""
    wh.require_year(year)
    where = ["year = ?", "latitude IS NOT NULL", "longitude IS NOT NULL"]
    params: list[Any] = [year]
    _area_condition(area, where, params)
    rows = wh.engine.fetchdicts(
        "SELECT household_id, latitude, longitude, coalesce(head_name, '') AS head_name, "
        "coalesce(house_no, '') AS house_no, mpi_poor FROM households "
        f"WHERE {' AND '.join(where)} ORDER BY household_id LIMIT ?",
        [*params, limit],
    )
    return [
        {
            "household_id": r["household_id"],
            "lat": float(r["latitude"]),
            "lon": float(r["longitude"]),
            "head_name": r["head_name"],
            "house_no": r["house_no"],
            "mpi_poor": bool(r["mpi_poor"]),
        }
        for r in rows
    ]
