"""Command line: ``tpmap synth | build | summary | households | household``.

Commands only parse options, call one function and render its result (JSON with --json,
a readable Thai/English table otherwise). Exit codes: 0 ok, 1 bad input or not found
(message on stderr), 2 usage error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tpmap.core.indicators import DIMENSION_NAMES_TH
from tpmap.core.nid import mask_text

if TYPE_CHECKING:
    from tpmap.warehouse.read.base import Warehouse

app = typer.Typer(
    help="TPMAP: ข้อมูลความยากจนแบบชี้เป้า (Thai People Map and Analytics Platform)",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

WarehouseOpt = Annotated[Path, typer.Option("--warehouse", help="Warehouse folder")]
YearOpt = Annotated[int, typer.Option("--year", help="Data year, Buddhist era (e.g. 2566)")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print exactly one JSON document")]


def _fail(message: str) -> None:
    # Messages may quote what the user typed: a national ID never goes out whole.
    # Escaped, so a bracket in a path or value is printed, not read as Rich markup.
    err.print(f"[red]{escape(mask_text(message))}[/red]", highlight=False)
    raise typer.Exit(1)


def _print_json(doc: Any) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, default=str) + "\n")


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn the errors a user can cause into a message and exit code 1, never a trace."""
    from tpmap.warehouse.build import BuildError
    from tpmap.warehouse.read.base import NotBuilt, NotFound

    try:
        yield
    except (BuildError, NotFound, NotBuilt, ValueError) as e:
        _fail(str(e))


def _document(
    warehouse: Path, read: Callable[[Warehouse], dict[str, Any]], *, as_json: bool
) -> dict[str, Any] | None:
    """One read of the warehouse (a user's error: a message and exit code 1). With
    ``--json`` its document is printed and None given, else the document is given to show."""
    from tpmap.warehouse.read.base import Warehouse

    with _user_errors(), Warehouse(warehouse) as wh:
        doc = read(wh)
    if as_json:
        _print_json(doc)
        return None
    return doc


@app.command()
def synth(
    out_dir: Annotated[Path, typer.Option("--out", help="Sources folder to write into")],
    year: YearOpt = 2566,
    households: Annotated[int, typer.Option("--households", min=1)] = 10_000,
    seed: Annotated[int, typer.Option("--seed")] = 1,
    provinces: Annotated[
        str | None, typer.Option("--provinces", help="Province codes, e.g. 34,75 (default all)")
    ] = None,
    dirty: Annotated[float, typer.Option("--dirty", min=0.0, max=0.5)] = 0.0,
    fmt: Annotated[str, typer.Option("--format", help="csv or parquet")] = "csv",
    as_json: JsonOpt = False,
) -> None:
    """สร้างข้อมูลสังเคราะห์ / Generate synthetic source files for one data year."""
    from tpmap.core.areas import admin_area
    from tpmap.synth import generate

    codes = [p.strip() for p in provinces.split(",") if p.strip()] if provinces else None
    for code in codes or []:
        a = admin_area(code)
        if a is None or a.level != "province":
            _fail(f"ไม่รู้จักรหัสจังหวัด {code!r} / unknown province code {code!r}")
    if fmt not in ("csv", "parquet"):
        _fail("--format ต้องเป็น csv หรือ parquet / --format must be csv or parquet")
    with _progress(as_json) as tick:
        result = generate(
            out_dir,
            year=year,
            households=households,
            seed=seed,
            provinces=codes,
            dirty=dirty,
            fmt=fmt,  # type: ignore[arg-type]
            progress=lambda step, done, total: tick(step, done, total),
        )
    if as_json:
        _print_json(result)
    else:
        out.print(
            f"เขียนข้อมูลสังเคราะห์ปี {year} ที่ / wrote synthetic sources to "
            f"[bold]{out_dir / str(year)}[/bold]"
        )
        for k, v in result.get("rows", {}).items():
            out.print(f"  {k}: {v:,}")


@contextmanager
def _progress(quiet: bool) -> Iterator[Callable[..., None]]:
    """A Rich progress bar on stderr: ``tick(key, done, total, label=None)`` per task."""
    if quiet:
        yield lambda *a, **k: None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        tasks: dict[str, Any] = {}

        def tick(key: str, done: int = 0, total: int = 1, label: str | None = None) -> None:
            if key not in tasks:
                tasks[key] = bar.add_task(label or key, total=total)
            bar.update(tasks[key], completed=done, total=total, description=label or key)

        yield tick


@app.command()
def build(
    sources: Annotated[Path, typer.Option("--sources", help="Folder with one folder per year")],
    warehouse: WarehouseOpt,
    policies: Annotated[Path | None, typer.Option("--policies", help="Policy folder")] = None,
    mpi_2566: Annotated[
        Path | None, typer.Option("--mpi-2566", help="MPI mapping file for questionnaire 2566")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """สร้างคลังข้อมูล / Build a new warehouse version from the sources and publish it."""
    from tpmap.warehouse.build import BuildOptions
    from tpmap.warehouse.build import build as run_build
    from tpmap.warehouse.build.report import render_report

    options = BuildOptions(
        policies_dir=policies, mpi_mappings={"2566": mpi_2566} if mpi_2566 else {}
    )
    with _user_errors(), _progress(as_json) as tick:
        report = run_build(
            sources,
            warehouse,
            options=options,
            progress=lambda step, done, total: tick("build", done, total, f"build: {step}"),
        )
    if as_json:
        _print_json(report)
    else:
        render_report(report, out)


@app.command()
def summary(
    warehouse: WarehouseOpt,
    year: YearOpt,
    area: Annotated[str, typer.Option("--area", help="TH, or a 2/4/6/8-digit area code")] = "TH",
    as_json: JsonOpt = False,
) -> None:
    """สรุปพื้นที่ / Summary statistics of an area."""
    from tpmap.warehouse.read.statistics import summary as area_summary

    doc = _document(warehouse, lambda wh: area_summary(wh, year=year, area=area), as_json=as_json)
    if doc is None:
        return
    t = Table(title=f"{doc['name_th']} ({doc['area']}) ปี {year}", show_header=False)
    for key, label in (
        ("households_surveyed", "ครัวเรือนที่สำรวจ"),
        ("persons_surveyed", "คนที่สำรวจ"),
        ("mpi_poor_households", "ครัวเรือนตกเกณฑ์ MPI"),
        ("mpi_poor_persons", "คนตกเกณฑ์ MPI"),
        ("target_households", "ครัวเรือนเป้าหมาย"),
        ("target_persons", "คนเป้าหมาย"),
    ):
        t.add_row(label, f"{doc[key]:,}")
    for d, v in doc["dimensions"].items():
        t.add_row(
            DIMENSION_NAMES_TH[d],
            f"{v['households']:,} ครัวเรือน / {v['target_persons']:,} คนเป้าหมาย",
        )
    for g, v in doc["groups"].items():
        t.add_row(f"กลุ่ม {g}", f"{v:,}")
    out.print(t)


@app.command("households")
def households_cmd(
    warehouse: WarehouseOpt,
    year: YearOpt,
    area: Annotated[str, typer.Option("--area")] = "TH",
    dimension: Annotated[str | None, typer.Option("--dimension")] = None,
    indicator: Annotated[int | None, typer.Option("--indicator")] = None,
    group: Annotated[str | None, typer.Option("--group")] = None,
    limit: Annotated[int, typer.Option("--limit", min=0, max=1000)] = 20,
    offset: Annotated[int, typer.Option("--offset", min=0)] = 0,
    as_json: JsonOpt = False,
) -> None:
    """รายการครัวเรือน / List an area's poor households (or a target group's)."""
    from tpmap.warehouse.read.households import households_document

    doc = _document(
        warehouse,
        lambda wh: households_document(
            wh,
            year=year,
            area=area,
            dimension=dimension,
            indicator=indicator,
            group=group,
            limit=limit,
            offset=offset,
        ),
        as_json=as_json,
    )
    if doc is None:
        return
    t = Table(title=f"{doc['total']:,} ครัวเรือน / households")
    for col in ("รหัสบ้าน", "หัวหน้าครัวเรือน", "ที่อยู่", "มิติที่ขาด", "ไม่ผ่าน"):
        t.add_column(col)
    for it in doc["items"]:
        t.add_row(
            it["household_id"],
            it["head_name"],
            it["address"],
            ", ".join(DIMENSION_NAMES_TH[d] for d in it["failed_dimensions"]),
            str(it["failed_count"]),
        )
    out.print(t)


@app.command("household")
def household_cmd(
    household_id: Annotated[str, typer.Argument(help="Household id (รหัสบ้าน)")],
    warehouse: WarehouseOpt,
    year: YearOpt,
    as_json: JsonOpt = False,
) -> None:
    """ข้อมูลครัวเรือน / One household with its members (NID last 4 digits only)."""
    from tpmap.warehouse.read.households import household_document

    doc = _document(
        warehouse,
        lambda wh: household_document(wh, year=year, household_id=household_id),
        as_json=as_json,
    )
    if doc is None:
        return
    out.print(f"[bold]{doc['household_id']}[/bold] {doc['address']} บ้านเลขที่ {doc['house_no']}")
    out.print(f"ไม่ผ่าน {doc['failed_count']} ตัวชี้วัด: {doc['failed_indicators']}")
    t = Table()
    for col in ("เลขบัตร (4 ตัวท้าย)", "ชื่อ", "อายุ", "ความสัมพันธ์", "บัตรสวัสดิการ", "กลุ่ม"):
        t.add_column(col)
    for m in doc["members"]:
        t.add_row(
            m["nid_last4"] or "-",  # null without a NID
            m["name"],
            str(m["age"]),
            m["relation"] or "",
            "มี" if m["welfare_card"] else "-",
            m["group"] or "-",
        )
    out.print(t)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
