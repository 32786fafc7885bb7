"""F1 (แหล่งข้อมูลไม่ตรงกัน): per area, the persons whose sources disagree (BMN says
disabled but not in the disability registry, aged 60+ without an elderly allowance, a card
holder in no surveyed household, no health scheme), listed by household for the officers
of the area to follow up; last 4 NID digits only; every opening audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tpmap.accounts.audit import client_ip
from tpmap.accounts.scope import narrow
from tpmap.logbook.checks.services import ChecksViewed, checks_viewed
from tpmap.site.decorators import warehouse_view
from tpmap.site.officers import officer_of
from tpmap.site.warehouse import get_warehouse
from tpmap.site.years import data_year
from tpmap.warehouse.read.checks import CHECKS, area_check_counts, check_persons

PAGE_SIZE = 50


def check_labels() -> dict[str, str]:
    return {
        "disabled_unregistered": _("จปฐ. ระบุว่าพิการ แต่ไม่อยู่ในทะเบียนคนพิการ"),
        "elderly_no_allowance": _("อายุ 60 ปีขึ้นไป ไม่ได้รับเบี้ยยังชีพผู้สูงอายุ"),
        "card_not_surveyed": _("ถือบัตรสวัสดิการแห่งรัฐ แต่ไม่อยู่ในครัวเรือนที่สำรวจ"),
        "no_health_scheme": _("ไม่มีสิทธิหลักประกันสุขภาพ"),
    }


@dataclass(frozen=True, slots=True)
class CheckCount:
    key: str
    label: str
    count: int


@require_GET
@warehouse_view
def checks(request: HttpRequest) -> HttpResponse:
    officer = officer_of(request)
    wh = get_warehouse()
    year = data_year(request, wh.years)
    area = narrow(officer, request.GET.get("area", "").strip() or None)
    if area is None:
        raise Http404(_("พื้นที่นี้อยู่นอกพื้นที่ของท่าน"))
    check = request.GET.get("check", "")
    if check and check not in CHECKS:
        check = ""
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    checks_viewed(officer, ChecksViewed(year=year, area=area, check=check, ip=client_ip(request)))
    labels = check_labels()
    counts = area_check_counts(wh, year=year, area=area)
    total, rows = check_persons(
        wh,
        year=year,
        area=area,
        check=check or None,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    for r in rows:
        r["labels"] = [labels[c] for c in r["checks"]]
    context = {
        "year": year,
        "years": wh.years,
        "area": area,
        "check": check,
        "counts": [CheckCount(k, labels[k], counts[k]) for k in CHECKS],
        "rows": rows,
        "total": total,
        "page": page,
        "has_next": page * PAGE_SIZE < total,
    }
    return render(request, "logbook/checks.html", context)
