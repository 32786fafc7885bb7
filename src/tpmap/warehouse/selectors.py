"""Reads of a published warehouse, used by the CLI, the web pages and the API.

Every function returns plain dicts shaped as CONTRACTS.md section 3 documents. No output
carries a full national ID: members show ``nid_last4`` only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tpmap.core import areas as area_catalog
from tpmap.core.indicators import DIMENSIONS, MpiMapping, default_mpi_mapping
from tpmap.core.policies import Policy, load_policies, policy_for_year
from tpmap.warehouse.build import PUBLISHED_TABLES, current_version
from tpmap.warehouse.engine import Engine, quote_ident

AF_K = 0.3333333333
#: Area statistics come in two scopes: every household ('all'), and only households where
#: no member holds an active welfare card ('no_card', the portal's welfare-card toggle).
SCOPES: tuple[str, ...] = ("all", "no_card")


class NotFound(LookupError):
    """An area, year or household that the warehouse does not know (exit code 1)."""


def require_scope(scope: str) -> None:
    if scope not in SCOPES:
        raise NotFound(f"ขอบเขตไม่ถูกต้อง: {scope!r} / unknown scope {scope!r}")


class NotBuilt(LookupError):
    """No current warehouse version to read."""


@dataclass(frozen=True, slots=True)
class AreaInfo:
    code: str
    level: str
    name_th: str
    name_en: str


class Warehouse:
    """The current version of a warehouse folder, opened read-only over its Parquet files."""

    def __init__(self, path: Path, *, policies: dict[int, Policy] | None = None) -> None:
        version = current_version(path)
        if version is None:
            raise NotBuilt(
                f"ยังไม่มีคลังข้อมูลที่ {path} (สั่ง tpmap build ก่อน) / "
                f"no warehouse built at {path} (run tpmap build first)"
            )
        self.path = path
        self.version = version
        self.engine = Engine(None, memory_limit="2GB")
        #: The tables this version has (one built by an older release may lack some).
        self.tables: set[str] = set()
        for table in PUBLISHED_TABLES:
            if (version / table).is_dir():  # one file per data year
                self.engine.view_parquet(table, version / table / "*.parquet")
                self.tables.add(table)
            elif (version / f"{table}.parquet").is_file():
                # Area tables are small (one row per area and year): held in memory, a summary
                # is a few lookups instead of reads of Parquet footers and pages.
                self.engine.load_parquet(table, version / f"{table}.parquet")
                self.tables.add(table)
        report = json.loads((version / "build_report.json").read_text(encoding="utf-8"))
        self._questionnaires = {
            int(y): str(r.get("questionnaire") or ("2566" if int(y) >= 2566 else "2560"))
            for y, r in report["years"].items()
        }
        # What the build used (it may have been given another policy folder or MPI mapping).
        self._group_ids = {
            int(y): tuple(r["policy"]["groups"])
            for y, r in report["years"].items()
            if "policy" in r
        }
        self._mpi_mappings = {
            int(y): MpiMapping(
                questionnaire=str(r["mpi_mapping"]["questionnaire"]),
                official=bool(r["mpi_mapping"]["official"]),
                note=str(r["mpi_mapping"].get("note") or ""),
                dimensions={d: tuple(ids) for d, ids in r["mpi_mapping"]["dimensions"].items()},
            )
            for y, r in report["years"].items()
            if "mpi_mapping" in r
        }
        self.policies = policies or load_policies()
        self.years: list[int] = [
            int(r[0])
            for r in self.engine.fetchall("SELECT DISTINCT year FROM area_stats ORDER BY year")
        ]

    def close(self) -> None:
        self.engine.close()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- helpers -----------------------------------------------------------------------
    def require_year(self, year: int) -> None:
        if year not in self.years:
            known = ", ".join(str(y) for y in self.years) or "-"
            raise NotFound(
                f"ไม่มีข้อมูลปี {year} (มี: {known}) / no data for year {year} (have: {known})"
            )

    def area(self, code: str) -> AreaInfo:
        if area_catalog.level_of(code) is None:
            raise NotFound(f"รหัสพื้นที่ไม่ถูกต้อง: {code!r} / malformed area code: {code!r}")
        row = self.engine.fetchone(
            "SELECT code, level, name_th, name_en FROM areas WHERE code = ?", [code]
        )
        if row is None:
            raise NotFound(f"ไม่พบพื้นที่รหัส {code} / unknown area code {code}")
        return AreaInfo(*row)

    def policy(self, year: int) -> Policy:
        return policy_for_year(year, self.policies)

    def group_ids(self, year: int) -> tuple[str, ...]:
        """The group ids of the policy the build applied to that year."""
        return self._group_ids.get(year) or self.policy(year).group_ids

    def mpi_mapping(self, year: int) -> MpiMapping:
        """The MPI mapping the build applied to that year."""
        return self._mpi_mappings.get(year) or default_mpi_mapping(self.questionnaire(year))

    def mpi_indicators(self, year: int) -> tuple[int, ...]:
        """The MPI indicators of the mapping the build applied to that year."""
        return self.mpi_mapping(year).indicators

    def questionnaire(self, year: int) -> str:
        return self._questionnaires.get(year, "2566" if year >= 2566 else "2560")


def summary(wh: Warehouse, *, year: int, area: str, scope: str = "all") -> dict[str, Any]:
    """The summary JSON of CONTRACTS.md for one area and year. ``scope`` 'no_card' counts
    only households where no member holds an active welfare card (see SCOPES)."""
    require_scope(scope)
    wh.require_year(year)
    info = wh.area(area)
    row = wh.engine.fetchdicts(
        "SELECT * FROM area_stats WHERE year = ? AND scope = ? AND area_code = ?",
        [year, scope, area],
    )
    s: dict[str, Any] = row[0] if row else {}

    def n(key: str) -> int:
        return int(s.get(key) or 0)

    groups = {g: 0 for g in wh.group_ids(year)}
    for gid, first in wh.engine.fetchall(
        "SELECT group_id, first_match FROM area_group_stats "
        "WHERE year = ? AND scope = ? AND area_code = ?",
        [year, scope, area],
    ):
        if gid in groups:
            groups[gid] = int(first)
    indicators = {str(i): {"households": 0, "persons": 0} for i in wh.mpi_indicators(year)}
    for ind, hh, persons in wh.engine.fetchall(
        "SELECT indicator, households, persons FROM area_indicator_stats "
        "WHERE year = ? AND scope = ? AND area_code = ?",
        [year, scope, area],
    ):
        indicators[str(ind)] = {"households": int(hh), "persons": int(persons)}
    target = n("target_persons")
    surveyed = n("persons_surveyed")
    af_poor = n("af_poor_persons")
    h = af_poor / surveyed if surveyed else 0.0
    a = float(s.get("af_score_sum") or 0.0) / af_poor if af_poor else 0.0
    return {
        "year": year,
        "area": info.code,
        "level": info.level,
        "name_th": info.name_th,
        "name_en": info.name_en,
        "households_surveyed": n("households_surveyed"),
        "persons_surveyed": surveyed,
        "mpi_poor_households": n("mpi_poor_households"),
        "mpi_poor_persons": n("mpi_poor_persons"),
        "target_persons": target,
        "target_households": n("target_households"),
        "groups": groups,
        "dimensions": {
            d: {
                "households": n(f"{d}_households"),
                "persons": n(f"{d}_persons"),
                "target_persons": n(f"{d}_target_persons"),
            }
            for d in DIMENSIONS
        },
        "indicators": indicators,
        "af": {"k": AF_K, "H": round(h, 6), "A": round(a, 6), "M0": round(h * a, 6)},
        "star": {
            d: round(100.0 * (1 - n(f"{d}_target_persons") / target), 2) if target else 100.0
            for d in DIMENSIONS
        },
    }


def households(
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
    if dimension is not None and dimension not in DIMENSIONS:
        raise NotFound(
            f"ไม่รู้จักมิติ {dimension!r} (มี: {', '.join(DIMENSIONS)}) / unknown dimension {dimension!r}"
        )
    if group is not None and group not in wh.group_ids(year):
        known = ", ".join(wh.group_ids(year))
        raise NotFound(f"ไม่รู้จักกลุ่ม {group!r} (มี: {known}) / unknown group {group!r}")
    if limit < 0 or offset < 0:
        raise NotFound("limit และ offset ต้องไม่ติดลบ / limit and offset must be >= 0")
    where = ["year = ?"]
    params: list[Any] = [year]
    if info.level != "country":
        # A prefix as a range, so Parquet min/max statistics skip other areas' row groups.
        where.append("village_code >= ? AND village_code < ?")
        params += list(area_catalog.code_range(info.code))
    # Without a group the list is the area's MPI-poor households: their own small table.
    table = "poor_households" if group is None else "households"
    if group is not None:
        where.append("list_contains(member_groups, ?)")
        params.append(group)
    if dimension is not None:
        where.append(quote_ident(f"deprived_{dimension}"))
    if indicator is not None:
        where.append("list_contains(failed_indicators, ?)")
        params.append(indicator)
    cond = " AND ".join(where)
    total = int(wh.engine.scalar(f"SELECT count(*) FROM {table} WHERE {cond}", params))
    items = wh.engine.fetchdicts(
        "SELECT household_id, village_code, coalesce(head_name, '') AS head_name, address, "
        "failed_dimensions, failed_indicators, failed_count, members, target_members "
        f"FROM {table} WHERE {cond} ORDER BY failed_count DESC, household_id "
        "LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return {
        "year": year,
        "area": info.code,
        "total": total,
        "limit": limit,
        "offset": offset,
        "items": items,
    }


def household(wh: Warehouse, *, year: int, household_id: str) -> dict[str, Any]:
    """The household JSON of CONTRACTS.md, members with the last 4 NID digits only."""
    wh.require_year(year)
    rows = wh.engine.fetchdicts(
        "SELECT * FROM households WHERE year = ? AND household_id = ?", [year, household_id]
    )
    if not rows:
        raise NotFound(
            f"ไม่พบครัวเรือน {household_id} ในปี {year} / household {household_id} not found in {year}"
        )
    h = rows[0]
    count = 31 if h["questionnaire"] == "2560" else 38
    members = wh.engine.fetchdicts(
        "SELECT right(nid, 4) AS nid_last4, first_name || ' ' || last_name AS name, sex, age, "
        "relation, education, occupation, welfare_card, allowances, disability_type, "
        'health_scheme, main_hospital_code, main_hospital_name, groups, "group" '
        "FROM persons WHERE year = ? AND household_id = ? ORDER BY member_no",
        [year, household_id],
    )
    for m in members:
        m["nid_last4"] = m["nid_last4"] or ""
        m["allowances"] = [
            {"kind": a["kind"], "monthly_amount": _num(a["monthly_amount"])}
            for a in m["allowances"]
        ]
    return {
        "year": year,
        "household_id": h["household_id"],
        "village_code": h["village_code"],
        "address": h["address"],
        "house_no": h["house_no"] or "",
        "income_total": _num(h["income_total"]),
        "income_per_person": None
        if h["income_per_person"] is None
        else round(float(h["income_per_person"]), 2),
        "debt_formal": _num(h["debt_formal"]),
        "debt_informal": _num(h["debt_informal"]),
        "savings": _num(h["savings"]),
        "latitude": h["latitude"],
        "longitude": h["longitude"],
        "mpi_poor": bool(h["mpi_poor"]),
        "failed_count": int(h["failed_count"]),
        "failed_dimensions": list(h["failed_dimensions"]),
        "failed_indicators": list(h["failed_indicators"]),
        "af_score": round(float(h["af_score"]), 4),
        "indicators": {str(i): h[f"ind_{i:02d}"] for i in range(1, count + 1)},
        "members": members,
    }


def _num(x: float | None) -> float | int | None:
    """Whole baht as int (as the contract shows), fractions kept."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() else float(x)


def child_area_stats(
    wh: Warehouse, *, year: int, parent: str, scope: str = "all"
) -> list[dict[str, Any]]:
    """The statistics rows (every count, unsuppressed) of the child areas of ``parent``
    with data in ``year``, by area code. For logged-in officers of the area (the monitoring
    dashboard); public pages read tpmap.warehouse.portal_selectors instead."""
    wh.require_year(year)
    level = area_catalog.level_of(parent)
    child_len = area_catalog.CHILD_CODE_LENGTH.get(level) if level else None
    if child_len is None:
        return []
    return wh.engine.fetchdicts(
        "SELECT * FROM area_stats WHERE year = ? AND scope = ? AND length(area_code) = ? "
        "AND area_code <> 'TH' AND (? = 'TH' OR starts_with(area_code, ?)) ORDER BY area_code",
        [year, scope, child_len, parent, parent],
    )
