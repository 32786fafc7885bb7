"""The build report: the linkage facts of each year, the report file, and its summary on
the terminal (what was read, accepted, rejected and linked)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from tpmap.core import nid as nidlib
from tpmap.warehouse.build import sources as src
from tpmap.warehouse.build.context import YearContext
from tpmap.warehouse.engine import quote_ident
from tpmap.warehouse.layout import BUILD_REPORT, SOURCE_CHECKS

# A registry's distinct NIDs: the card and allowance links hold one row per NID; the
# disability and health sources keep one row per NID after the duplicate rule.
_DISTINCT_NIDS_SQL = {
    "welfare_card": "SELECT count(*) FROM lnk_card",
    "allowance": "SELECT count(*) FROM lnk_allowance",
    "disability": "SELECT count(*) FROM stg_disability",
    "health_coverage": "SELECT count(*) FROM stg_health_coverage",
    "farmer_registry": "SELECT count(*) FROM stg_farmer_registry",
}


def year_linkage(ctx: YearContext) -> None:
    """Linkage rates from the linked person table: surveyed NIDs are unique after the
    duplicate rule, so a registry's NIDs matched to the survey are its linked persons."""
    eng, report = ctx.eng, ctx.report
    flags = ", ".join(
        f"count(*) FILTER (WHERE {quote_ident('in_' + name)})" for name in src.REGISTRIES
    )
    row = eng.fetchone(f"SELECT count(*) FILTER (WHERE nid IS NOT NULL), {flags} FROM lnk_person")
    assert row is not None
    persons_with_nid, *linked_counts = (int(x) for x in row)
    link: dict[str, Any] = {}
    for name, linked in zip(src.REGISTRIES, linked_counts, strict=True):
        distinct = int(eng.scalar(_DISTINCT_NIDS_SQL[name]))
        link[name] = {
            "rows": report["sources"][name]["accepted"],
            "distinct_nids": distinct,
            "matched_nids": linked,
            "match_rate": round(linked / distinct, 4) if distinct else 0.0,
            "persons_linked": linked,
            "person_link_rate": round(linked / persons_with_nid, 4) if persons_with_nid else 0.0,
        }
    report["linkage"] = link
    report["persons_with_nid"] = persons_with_nid
    report["persons_without_nid"] = int(
        eng.scalar("SELECT count(*) FROM lnk_person WHERE nid IS NULL")
    )
    _duplicates_and_counts(ctx)


def _duplicates_and_counts(ctx: YearContext) -> None:
    eng, report = ctx.eng, ctx.report
    dups = eng.fetchall(
        "SELECT right(d.nid, 4), k.household_id, d.household_id FROM dup_person d "
        "JOIN stg_bmn_person k USING (nid) ORDER BY d.household_id, d._row LIMIT 20"
    )
    report["duplicate_nids"] = {
        "rows": int(eng.scalar("SELECT count(*) FROM dup_person")),
        "distinct_nids": int(eng.scalar("SELECT count(DISTINCT nid) FROM dup_person")),
        "examples": [
            {"nid_last4": a, "kept_household": b, "dropped_household": c} for a, b, c in dups
        ],
    }
    report["households_without_head"] = int(
        eng.scalar("SELECT count(*) FROM hh_members WHERE head_name IS NULL")
    )
    counts = eng.fetchone(
        "SELECT count(*) FILTER (WHERE surveyed), "
        "count(*) FILTER (WHERE NOT surveyed AND welfare_card AND NOT logbook_added), "
        "count(*) FILTER (WHERE NOT surveyed AND logbook_added) FROM out_person"
    )
    assert counts is not None
    report["persons"] = {
        "surveyed": counts[0],
        "registry_only_card_holders": counts[1],
        "logbook_added": counts[2],
    }
    report["households"] = eng.count("out_household")


def logbook_applied(ctx: YearContext) -> None:
    """What the build did with the Logbook's sources: per source the rows applied and the
    rows that matched nothing (a household or member the year does not have)."""
    eng = ctx.eng
    row = eng.fetchone(
        "SELECT count(*) FILTER (WHERE matched), count(*) FILTER (WHERE NOT matched) "
        "FROM lnk_correction"
    )
    assert row is not None
    kinds = dict(
        eng.fetchall(
            "SELECT kind, count(*) FROM lnk_correction WHERE matched GROUP BY kind ORDER BY kind"
        )
    )
    excluded = eng.fetchone(
        "SELECT count(*) FILTER (WHERE surveyed AND excluded), "
        "(SELECT count(*) FROM out_household WHERE excluded) FROM out_person"
    )
    assert excluded is not None
    asm = eng.fetchone(
        "SELECT count(*) FILTER (WHERE matched), count(*) FILTER (WHERE NOT matched), "
        "(SELECT count(*) FROM hh_assessed) FROM lnk_assessment"
    )
    assert asm is not None
    added = eng.fetchone(
        "SELECT count(*), count(*) FILTER (WHERE nid IS NOT NULL AND nid IN "
        "(SELECT nid FROM lnk_person WHERE nid IS NOT NULL)) FROM stg_logbook_person"
    )
    assert added is not None
    ctx.report["logbook"] = {
        "logbook_person": {
            "applied": int(added[0]),
            "matched_nothing": 0,
            "surveyed_persons_flagged": int(added[1]),
            "persons_added": int(added[0]) - int(added[1]),
        },
        "logbook_correction": {
            "applied": int(row[0]),
            "matched_nothing": int(row[1]),
            "applied_by_kind": {str(k): int(v) for k, v in kinds.items()},
            "persons_excluded": int(excluded[0]),
            "households_excluded": int(excluded[1]),
        },
        "logbook_assessment": {
            "applied": int(asm[0]),
            "matched_nothing": int(asm[1]),
            "households_assessed": int(asm[2]),
        },
    }


def assert_no_full_nid(report: dict[str, Any]) -> None:
    """The report is shown to operators: it must never carry a full NID."""
    text = json.dumps(report)
    for token in text.replace('"', " ").split():
        if len(token) == 13 and nidlib.is_valid(token):
            raise AssertionError("build report would carry a full national ID")


def write_report(report: dict[str, Any], version: Path) -> None:
    assert_no_full_nid(report)
    (version / BUILD_REPORT).write_text(
        json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8"
    )


def render_report(report: dict[str, Any], console: Console) -> None:
    console.print(
        f"[green]สร้างคลังข้อมูลสำเร็จ / build published[/green] version "
        f"[bold]{report['version']}[/bold] in {report['seconds']} s"
    )
    for year, yr in report["years"].items():
        t = Table(
            title=f"ปี {year} (แบบสอบถาม {yr.get('questionnaire')}, นโยบาย "
            f"{yr.get('policy', {}).get('year')})"
        )
        for col in ("source", "file", "as of", "read", "accepted", "rejected"):
            t.add_column(col, justify="left" if col in ("source", "file", "as of") else "right")
        reasons = Table(title=f"แถวที่ไม่ผ่าน / rejected rows by reason {year}")
        for col in ("source", "reason", "rows"):
            reasons.add_column(col, justify="right" if col == "rows" else "left")
        for name, s in yr["sources"].items():
            if s["file"] is None:
                t.add_row(name, "(ไม่มีไฟล์ / none)", s.get("as_of") or "-", "-", "-", "-")
                continue
            t.add_row(
                name,
                s["file"],
                s.get("as_of") or "-",
                f"{s['rows_read']:,}",
                f"{s['accepted']:,}",
                f"{s['rejected']:,}",
            )
            for code, n in s["reasons"].items():
                reasons.add_row(name, code, f"{n:,}")
            if s["unknown_columns"]:
                console.print(f"{name}: ignored unknown columns {', '.join(s['unknown_columns'])}")
            for warning in s.get("warnings", []):
                console.print(f"[yellow]{name} ({year}): {warning}[/yellow]")
        console.print(t)
        if reasons.row_count:
            console.print(reasons)
        link = Table(title=f"การเชื่อมโยงด้วยเลขประจำตัวประชาชน / linkage {year}")
        for col in ("registry", "rows", "NIDs", "matched", "match rate", "persons linked", "rate"):
            link.add_column(col)
        for name, li in yr.get("linkage", {}).items():
            link.add_row(
                name,
                f"{li['rows']:,}",
                f"{li['distinct_nids']:,}",
                f"{li['matched_nids']:,}",
                f"{li['match_rate']:.1%}",
                f"{li['persons_linked']:,}",
                f"{li['person_link_rate']:.1%}",
            )
        console.print(link)
        d = yr.get("duplicate_nids", {})
        console.print(
            f"NID ซ้ำข้ามครัวเรือน / duplicate NIDs: {d.get('rows', 0):,} rows "
            f"({d.get('distinct_nids', 0):,} NIDs); households without a head: "
            f"{yr.get('households_without_head', 0):,}"
        )
        for name, lb in yr.get("logbook", {}).items():
            if yr["sources"].get(name, {}).get("file"):
                console.print(
                    f"{name}: applied {lb['applied']:,}, matched nothing {lb['matched_nothing']:,}"
                )
    audits = [a for yr in report["years"].values() for a in yr.get("audits", [])]
    audits += report.get("audits", [])
    console.print(f"การตรวจสอบข้อมูล / audits passed: {len(audits)}")
    steps = Table(title="ขั้นตอน / steps")
    steps.add_column("step")
    steps.add_column("seconds", justify="right")
    for s in report["steps"]:
        steps.add_row(s["step"], f"{s['seconds']:.2f}")
    console.print(steps)
    console.print(f"รายงาน / report: {report['path']}/build_report.json")


def transitions_summary(ctx: YearContext, from_year: int) -> dict[str, Any]:
    """Persons by transition status since ``from_year`` (the country row of
    st_transition, transitions.sql)."""
    row = ctx.eng.fetchone(
        "SELECT stayed, exited, entered, not_resurveyed FROM st_transition WHERE area_code = 'TH'"
    )
    stayed, exited, entered, not_resurveyed = (int(x or 0) for x in (row or (0, 0, 0, 0)))
    return {
        "from_year": from_year,
        "stayed": stayed,
        "exited": exited,
        "entered": entered,
        "not_resurveyed": not_resurveyed,
    }


def disagreements(ctx: YearContext) -> None:
    """The country's persons whose sources disagree (F1), per check: the report's
    ``years.<year>.disagreements`` (``disabled_unregistered``, ...)."""
    cols = ", ".join(f"check_{c}" for c in SOURCE_CHECKS)
    row = ctx.eng.fetchone(f"SELECT {cols} FROM st_person WHERE scope = 'all' AND area_code = 'TH'")
    ctx.report["disagreements"] = {
        c: int((row or [0] * len(SOURCE_CHECKS))[i] or 0) for i, c in enumerate(SOURCE_CHECKS)
    }
