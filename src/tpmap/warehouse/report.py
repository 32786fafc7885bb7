"""The build report on the terminal: what was read, accepted, rejected and linked."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


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
        for col in ("source", "file", "read", "accepted", "rejected"):
            t.add_column(col, justify="left" if col in ("source", "file") else "right")
        reasons = Table(title=f"แถวที่ไม่ผ่าน / rejected rows by reason {year}")
        for col in ("source", "reason", "rows"):
            reasons.add_column(col, justify="right" if col == "rows" else "left")
        for name, s in yr["sources"].items():
            if s["file"] is None:
                t.add_row(name, "(ไม่มีไฟล์ / none)", "-", "-", "-")
                continue
            t.add_row(
                name, s["file"], f"{s['rows_read']:,}", f"{s['accepted']:,}", f"{s['rejected']:,}"
            )
            for code, n in s["reasons"].items():
                reasons.add_row(name, code, f"{n:,}")
            if s["unknown_columns"]:
                console.print(f"{name}: ignored unknown columns {', '.join(s['unknown_columns'])}")
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
    steps = Table(title="ขั้นตอน / steps")
    steps.add_column("step")
    steps.add_column("seconds", justify="right")
    for s in report["steps"]:
        steps.add_row(s["step"], f"{s['seconds']:.2f}")
    console.print(steps)
    console.print(f"รายงาน / report: {report['path']}/build_report.json")
