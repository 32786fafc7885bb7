"""Thin views of the reports: scope the area to the officer, read, build, send."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tpmap.accounts.audit import client_ip
from tpmap.accounts.scope import narrow
from tpmap.core import areas as area_catalog
from tpmap.dashboard.reports import selectors as rs
from tpmap.dashboard.reports import services
from tpmap.dashboard.reports.selectors import assistance_by_agency
from tpmap.site.decorators import warehouse_view
from tpmap.site.officers import officer_of
from tpmap.site.params import query_month
from tpmap.site.warehouse import NotFound, Warehouse, get_warehouse
from tpmap.site.years import data_year

KINDS = ("register", "mpi", "assistance", "households")
# The household list is long: it is made for a province or a smaller area, and as a PDF
# only up to PDF_MAX_ROWS rows (a printed list is for a district, subdistrict or village;
# the whole province's list is a workbook).
LIST_LEVELS = ("province", "district", "subdistrict", "village")
PDF_MAX_ROWS = 3000
# The reports of a year's statistics per child area: the warehouse read, then the report.
BY_CHILD_AREA: dict[str, tuple[Any, Any]] = {
    "register": (rs.register_summary, services.register_report),
    "mpi": (rs.deprivation_combinations, services.combinations_report),
}
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _name(wh: Warehouse, area: str) -> tuple[str, str]:
    """(Thai name, level) of an area."""
    if area == area_catalog.COUNTRY_CODE:
        return "ประเทศไทย", "country"
    info = wh.area(area)
    return info.name_th, info.level


def _month_choices(chosen: date, count: int = 36) -> list[tuple[str, str]]:
    """The months a report may be asked for, newest first, as (value, Thai label) in the
    Buddhist era: the month picker shows ธันวาคม 2569, never a Christian-era month."""
    today = timezone.localdate().replace(day=1)
    months = []
    y, m = today.year, today.month
    for _i in range(count):
        months.append(date(y, m, 1))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    if chosen not in months:
        months.append(chosen)
        months.sort(reverse=True)
    return [(f"{d.year + 543}-{d.month:02d}", services.month_label(d)) for d in months]


def _month(request: HttpRequest) -> date:
    return query_month(request.GET) or timezone.localdate().replace(day=1)


@warehouse_view
def index(request: HttpRequest) -> HttpResponse:
    area = narrow(request.user, request.GET.get("area")) or narrow(request.user, None)
    if area is None:
        return render(request, "dashboard/reports/index.html", {"no_area": True}, status=403)
    wh = get_warehouse()
    try:
        name, level = _name(wh, area)
    except NotFound:
        area = narrow(request.user, None) or area_catalog.COUNTRY_CODE
        name, level = _name(wh, area)
    year = data_year(request, wh.years)
    month = _month(request)
    children = rs.child_areas(wh, area) if level in area_catalog.CHILD_CODE_LENGTH else []
    return render(
        request,
        "dashboard/reports/index.html",
        {
            "area": area,
            "name": name,
            "year": year,
            "years": wh.years,
            "month": f"{month:%Y-%m}",
            "month_label": services.month_label(month),
            "month_choices": _month_choices(month),
            "by_child": level in area_catalog.CHILD_CODE_LENGTH,
            "child_level": services.CHILD_LEVEL_TH.get(level, ""),
            "has_list": level in LIST_LEVELS,
            "children": children,
            "reports": [
                ("register", _("สรุปข้อมูลครัวเรือนเป้าหมายและคนเป้าหมาย")),
                ("mpi", _("ครัวเรือนยากจนหลายมิติ แยกตามมิติและตัวชี้วัดที่ไม่ผ่าน")),
                ("assistance", _("รายงานผลการช่วยเหลือแบบบูรณาการประจำเดือน")),
                ("households", _("รายชื่อครัวเรือนเป้าหมายสำหรับทีมปฏิบัติการ")),
            ],
        },
    )


@warehouse_view
def download(request: HttpRequest, kind: str, area: str, fmt: str) -> HttpResponse:
    if kind not in KINDS or fmt not in CONTENT_TYPES:
        raise Http404("unknown report")
    # Only an area inside the officer's own: another area's report does not exist for them.
    if narrow(request.user, area) != area:
        raise Http404("area outside the account's scope")
    wh = get_warehouse()
    try:
        name, level = _name(wh, area)
    except NotFound as e:
        raise Http404(str(e)) from e
    today = timezone.localdate()
    year: int | None = None  # the data year of a warehouse report (not of assistance)
    try:
        if kind == "assistance":
            month = _month(request)
            prefix = "" if area == area_catalog.COUNTRY_CODE else area
            report = services.assistance_report(
                assistance_by_agency(prefix, month),
                area=area,
                area_name=name,
                month=month,
                today=today,
            )
        elif kind == "households":
            if level not in LIST_LEVELS:
                raise Http404("the household list is made for a province or a smaller area")
            year = data_year(request, wh.years)
            report = services.household_report(
                rs.household_list(wh, year=year, area=area),
                area=area,
                area_name=name,
                year=year,
                today=today,
            )
        else:
            year = data_year(request, wh.years)
            read, make = BY_CHILD_AREA[kind]
            report = make(
                read(wh, year=year, area=area),
                area=area,
                area_name=name,
                level=level,
                year=year,
                today=today,
            )
    except NotFound as e:
        raise Http404(str(e)) from e
    if fmt == "pdf" and len(report.rows) > PDF_MAX_ROWS:
        return render(
            request,
            "dashboard/reports/too_long.html",
            {
                "rows": f"{len(report.rows):,}",
                "limit": f"{PDF_MAX_ROWS:,}",
                # Built from the known parameters: the query string is never echoed.
                "xlsx": f"{reverse('dashboard:report_download', args=[kind, area, 'xlsx'])}?year={year}",
                "index": f"{reverse('dashboard:reports')}?area={area}",
            },
            status=413,
        )
    content = services.to_xlsx(report) if fmt == "xlsx" else services.to_pdf(report)
    services.report_downloaded(
        actor=officer_of(request),
        kind=kind,
        area=area,
        fmt=fmt,
        rows=len(report.rows),
        year=year,
        ip=client_ip(request),
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{report.filename}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response
