"""Reads of the officers' pivot (F25): the area statistics of the warehouse (every count,
unsuppressed: the officers of the area) and the Logbook's problems and activities, grouped
by a row and a column attribute with filters. Callers pass an area the officer may see
(``tpmap.accounts.scope.narrow``). Definitions: docs/monitor.md, "Analytics"."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.functions import Substr, TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tpmap.core import areas as area_catalog
from tpmap.core.indicators import DIMENSIONS
from tpmap.dashboard.monitor.selectors import in_area
from tpmap.logbook.models import Activity, Problem, ProblemStatus
from tpmap.site import pivot
from tpmap.site.lang import dimension_names, name_of
from tpmap.site.templatetags.thai import thai_month_filter
from tpmap.site.warehouse import Warehouse
from tpmap.warehouse.read import analytics as warehouse_analytics
from tpmap.warehouse.read import areas as warehouse_areas

UNSTATED = "-"  # the key of a problem without a dimension
NONE = ""  # no column attribute: one column

ATTRIBUTES: dict[str, Any] = {
    "area": gettext_lazy("พื้นที่"),
    "dimension": gettext_lazy("มิติ"),
    "status": gettext_lazy("สถานะ"),
    "agency": gettext_lazy("หน่วยงาน"),
    "month": gettext_lazy("เดือน"),
}


@dataclass(frozen=True)
class Source:
    label: Any
    attributes: tuple[str, ...]
    measures: dict[str, Any]
    filters: tuple[str, ...]


SOURCES: dict[str, Source] = {
    "statistics": Source(
        gettext_lazy("สถิติพื้นที่ (คลังข้อมูล TPMAP)"),
        ("area", "dimension"),
        {
            "target_persons": gettext_lazy("คนจนเป้าหมายที่ขาดในมิติ"),
            "persons": gettext_lazy("คนจน MPI ที่ขาดในมิติ"),
            "households": gettext_lazy("ครัวเรือนยากจน MPI ที่ขาดในมิติ"),
        },
        ("dimension",),
    ),
    "problems": Source(
        gettext_lazy("ปัญหา (แฟ้มบ้าน)"),
        ("area", "dimension", "status", "agency", "month"),
        {
            "records": gettext_lazy("จำนวนปัญหา"),
            "households": gettext_lazy("จำนวนครัวเรือน"),
        },
        ("dimension", "status", "agency", "month"),
    ),
    "activities": Source(
        gettext_lazy("กิจกรรม (แฟ้มบ้าน)"),
        ("area", "agency", "month"),
        {
            "records": gettext_lazy("จำนวนกิจกรรม"),
            "households": gettext_lazy("จำนวนครัวเรือน"),
        },
        ("agency", "month"),
    ),
}


def level_widths(area: str) -> list[int]:
    """The code widths the area attribute may take: the two levels below ``area``."""
    width = 0 if area == area_catalog.COUNTRY_CODE else len(area)
    return [w for w in sorted(area_catalog.CODE_LENGTH.values()) if w > width][:2]


def _month(text: str) -> date | None:
    parts = text.split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        return None
    try:
        return date(int(parts[0]), int(parts[1]), 1)
    except ValueError:
        return None


@dataclass(frozen=True)
class PivotQuery:
    """What the pivot shows; anything unknown in a query string takes its default."""

    source: str = "problems"
    rows: str = "area"
    columns: str = "status"
    measure: str = "records"
    width: int = 0  # of the area attribute's codes; 0: the level below the area
    filters: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())

    @classmethod
    def parse(cls, params: Mapping[str, Any], area: str) -> PivotQuery:
        def get(key: str) -> str:
            value = params.get(key)
            return str(value) if value is not None else ""

        def get_list(key: str) -> list[str]:
            getlist = getattr(params, "getlist", None)
            if getlist is not None:
                return [str(v) for v in getlist(key)]
            value = params.get(key)
            return (
                [str(v) for v in value]
                if isinstance(value, list)
                else ([str(value)] if value else [])
            )

        source = get("source") if get("source") in SOURCES else "problems"
        src = SOURCES[source]
        rows = get("rows") if get("rows") in src.attributes else "area"
        columns = get("cols") if get("cols") in (*src.attributes, NONE) else src.attributes[1]
        if "cols" not in params:
            columns = src.attributes[1]
        if columns == rows:
            columns = NONE
        measure = get("measure") if get("measure") in src.measures else next(iter(src.measures))
        widths = level_widths(area)
        width = int(get("level")) if get("level").isdigit() and int(get("level")) in widths else 0
        filters = []
        for attr in src.filters:
            raw = get_list(f"f_{attr}")
            if attr == "agency":  # the page's one text box: names separated by commas
                raw = [part for v in raw for part in v.split(",")]
            values = tuple(sorted({v.strip() for v in raw if v.strip()}))
            if attr == "month":
                values = tuple(v for v in values if _month(v) is not None)
            if attr == "status":
                values = tuple(v for v in values if v in ProblemStatus.values)
            if attr == "dimension":
                values = tuple(v for v in values if v in (*DIMENSIONS, UNSTATED))
            if values:
                filters.append((attr, values[:50]))
        q = cls(source, rows, columns, measure, width, tuple(filters))
        # A household deprived in several dimensions counts in each: the statistics are
        # shown by dimension (rows or columns) or for one dimension.
        if source == "statistics" and "dimension" not in (rows, columns):
            chosen = dict(q.filters).get("dimension", ())
            if len(chosen) != 1:
                q = cls(source, rows, "dimension", measure, width, tuple(filters))
        return q

    def params(self) -> list[tuple[str, str]]:
        """The query as (key, value) pairs, without the area and the year."""
        out = [("source", self.source), ("rows", self.rows), ("cols", self.columns)]
        out.append(("measure", self.measure))
        if self.width:
            out.append(("level", str(self.width)))
        for attr, values in self.filters:
            out += [(f"f_{attr}", v) for v in values]
        return out

    def query_string(self) -> str:
        return urlencode(self.params())


def _attribute_label(attr: str) -> str:
    return str(ATTRIBUTES[attr]) if attr else _("ทั้งหมด")


def _dimension_key_label(key: str) -> str:
    return dimension_names().get(key) or _("ไม่ระบุ")


def _axis(
    wh: Warehouse,
    attr: str,
    found: set[str],
    *,
    source: str,
    order: dict[str, int] | None = None,
    only: tuple[str, ...] = (),
) -> pivot.Axis:
    """The keys of an attribute: every dimension and status (those of a filter only), the
    areas, months and agencies found."""
    additive = not (source == "statistics" and attr == "dimension")
    if attr == NONE:
        return pivot.Axis(_("ทั้งหมด"), [(pivot.ALL, _("ทั้งหมด"))], additive)
    if attr == "dimension":
        keys = list(DIMENSIONS) + ([UNSTATED] if source != "statistics" else [])
        keys = [k for k in keys if not only or k in only]
        return pivot.Axis(
            _attribute_label(attr), [(k, _dimension_key_label(k)) for k in keys], additive
        )
    if attr == "status":
        return pivot.Axis(
            _attribute_label(attr),
            [
                (k, str(ProblemStatus(k).label))
                for k in ProblemStatus.values
                if not only or k in only
            ],
        )
    if attr == "area":
        codes = sorted(found)
        names = warehouse_areas.area_names(wh, codes)
        return pivot.Axis(
            _attribute_label(attr), [(c, name_of(*names.get(c, (c, c)))) for c in codes]
        )
    if attr == "month":
        return pivot.Axis(
            _attribute_label(attr),
            [(k, thai_month_filter(_month(k))) for k in sorted(found)],
        )
    ranked = sorted(found, key=lambda k: (-(order or {}).get(k, 0), k))
    return pivot.Axis(_attribute_label(attr), [(k, k) for k in ranked])


def _statistics(wh: Warehouse, q: PivotQuery, *, year: int, area: str, width: int) -> pivot.Pivot:
    measure = {
        "target_persons": "_target_persons",
        "persons": "_persons",
        "households": "_households",
    }[q.measure]
    chosen = dict(q.filters).get("dimension") or DIMENSIONS
    facts: list[tuple[dict[str, str], int]] = []
    for r in warehouse_analytics.area_rows(wh, year=year, parent=area, width=width):
        for d in DIMENSIONS:
            if d in chosen:
                facts.append(
                    ({"area": str(r["area_code"]), "dimension": d}, int(r[f"{d}{measure}"] or 0))
                )

    def key(f: dict[str, str], attr: str) -> str:
        return f[attr] if attr else pivot.ALL

    areas = {f["area"] for f, _n in facts}
    only = dict(q.filters)
    rows = _axis(wh, q.rows, areas, source=q.source, only=only.get(q.rows, ()))
    cols = _axis(wh, q.columns, areas, source=q.source, only=only.get(q.columns, ()))
    return pivot.build(
        ((key(f, q.rows), key(f, q.columns), n) for f, n in facts),
        rows,
        cols,
        str(SOURCES[q.source].measures[q.measure]),
    )


def _records(q: PivotQuery, *, year: int, area: str) -> tuple[QuerySet[Any, Any], str]:
    if q.source == "problems":
        qs: QuerySet[Any, Any] = in_area(Problem.objects.all(), year, area)
        day = "occurred_on"
    else:
        qs = in_area(Activity.objects.all(), year, area)
        day = "start_on"
    for attr, values in q.filters:
        if attr == "month":
            months = [m for m in (_month(v) for v in values) if m is not None]
            cond = Q()
            for m in months:
                nxt = date(m.year + (m.month == 12), m.month % 12 + 1, 1)
                cond |= Q(**{f"{day}__gte": m, f"{day}__lt": nxt})
            qs = qs.filter(cond)
        elif attr == "dimension":
            dims = [v for v in values if v != UNSTATED]
            cond = Q(dimension__in=dims)
            if UNSTATED in values:
                cond |= Q(dimension="") | Q(dimension__isnull=True)
            qs = qs.filter(cond)
        else:
            qs = qs.filter(**{f"{attr}__in": values})
    return qs, day


def _expression(attr: str, *, width: int, day: str, by_day: bool) -> Any:
    if attr == NONE:
        return Value(pivot.ALL)
    if attr == "area":
        return Substr("village_code", 1, width)
    if attr == "month":
        # Counts are grouped by day and added up by month here (no date function per row,
        # 5 times faster on SQLite); distinct households need the month in the database.
        return F(day) if by_day else TruncMonth(day)
    return F(attr)


def _key(attr: str, value: Any) -> str:
    if attr == NONE:
        return pivot.ALL
    if attr == "month":
        return f"{value:%Y-%m}"
    if attr == "dimension":
        return str(value) if value else UNSTATED
    return str(value)


def _logbook(wh: Warehouse, q: PivotQuery, *, year: int, area: str, width: int) -> pivot.Pivot:
    qs, day = _records(q, year=year, area=area)
    measure = Count("id") if q.measure == "records" else Count("household_id", distinct=True)

    def grouped(*attrs: str) -> list[dict[str, Any]]:
        by_day = q.measure == "records"
        exprs = {
            f"k{i}": _expression(a, width=width, day=day, by_day=by_day)
            for i, a in enumerate(attrs)
        }
        if not exprs:
            return [qs.aggregate(n=measure)]
        return list(qs.annotate(**exprs).values(*exprs).annotate(n=measure).order_by())

    cells = [
        (_key(q.rows, r["k0"]), _key(q.columns, r["k1"]), int(r["n"]))
        for r in grouped(q.rows, q.columns)
    ]
    per_row: dict[str, int] = {}
    per_col: dict[str, int] = {}
    for r, c, n in cells:
        per_row[r] = per_row.get(r, 0) + n
        per_col[c] = per_col.get(c, 0) + n
    only = dict(q.filters)
    rows = _axis(
        wh, q.rows, set(per_row), source=q.source, order=per_row, only=only.get(q.rows, ())
    )
    cols = _axis(
        wh, q.columns, set(per_col), source=q.source, order=per_col, only=only.get(q.columns, ())
    )
    p = pivot.build(cells, rows, cols, str(SOURCES[q.source].measures[q.measure]))
    if q.measure == "households":
        # A household with records in two rows (or columns) counts once in a total.
        p.row_totals = {_key(q.rows, r["k0"]): int(r["n"]) for r in grouped(q.rows)}
        p.column_totals = {_key(q.columns, r["k0"]): int(r["n"]) for r in grouped(q.columns)}
        p.grand_total = int(grouped()[0]["n"] or 0)
    return p


def run(wh: Warehouse, q: PivotQuery, *, year: int, area: str) -> pivot.Pivot:
    """The pivot of ``q`` over ``area`` (already narrowed to the officer's) in ``year``."""
    width = q.width or (level_widths(area) or [8])[0]
    if area_catalog.level_of(area) == "village" and "area" in (q.rows, q.columns):
        width = 8
    if q.source == "statistics":
        return _statistics(wh, q, year=year, area=area, width=width)
    return _logbook(wh, q, year=year, area=area, width=width)
