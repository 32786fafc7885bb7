"""Work lists (issue 11 item 5), a mentor's "my households" (F16) and a province's mentor
settings. Every list is read through ``registry`` inside the officer's area."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from tpmap.accounts.audit import client_ip
from tpmap.accounts.scope import narrow, scope_prefix
from tpmap.core.areas import CODE_LENGTH, COUNTRY_CODE
from tpmap.logbook.household.access import saved_or_none
from tpmap.logbook.mentors import services as mentor_services
from tpmap.logbook.mentors.limits import mentor_limit
from tpmap.logbook.models import ProvinceSetting
from tpmap.logbook.worklists import registry
from tpmap.site.decorators import warehouse_view
from tpmap.site.forms import form_status, input_from
from tpmap.site.officers import Act, officer_of
from tpmap.site.params import query_int
from tpmap.site.warehouse import get_warehouse
from tpmap.site.years import data_year

SHOWN = 200  # rows a list page shows (the count is of all)


def today() -> date:
    """The day the lists count from (tests replace it)."""
    return timezone.localdate()


def _query(request: HttpRequest) -> registry.WorkQuery:
    wh = get_warehouse()
    # An area outside the officer's gives their own (never the country), as the dashboard.
    own = narrow(request.user, None) or COUNTRY_CODE
    area = narrow(request.user, request.GET.get("area")) or own
    days = query_int(request.GET, "days", minimum=1, maximum=registry.MAX_DAYS)
    return registry.WorkQuery(
        viewer=officer_of(request),
        wh=wh,
        year=data_year(request, wh.years),
        area="" if area == COUNTRY_CODE else area,
        today=today(),
        days=days or registry.DEFAULT_DAYS,
    )


def _no_area(request: HttpRequest) -> HttpResponse | None:
    if scope_prefix(request.user) is None:
        return render(request, "logbook/work_index.html", {"no_area": True}, status=403)
    return None


@require_GET
@warehouse_view
def my_households(request: HttpRequest) -> HttpResponse:
    """A mentor's home: the households they look after, by priority, with what is due."""
    q = _query(request)
    rows = registry.my_households(q)
    return render(
        request,
        "logbook/my_households.html",
        {"q": q, "rows": rows, "years": q.wh.years, "due": sum(1 for r in rows if r.notes)},
    )


@require_GET
@warehouse_view
def work_index(request: HttpRequest) -> HttpResponse:
    refused = _no_area(request)
    if refused is not None:
        return refused
    q = _query(request)
    return render(request, "logbook/work_index.html", {"q": q, "lists": registry.counts(q)})


@require_GET
@warehouse_view
def work_list(request: HttpRequest, slug: str) -> HttpResponse:
    work = registry.WORK_LISTS.get(slug)
    if work is None:
        raise Http404(_("ไม่มีรายการงานนี้"))
    refused = _no_area(request)
    if refused is not None:
        return refused
    if not work.allowed(officer_of(request)):
        return render(request, "logbook/work_index.html", {"forbidden": work}, status=403)
    q = dataclasses.replace(_query(request), limit=SHOWN)
    rows = work.select(q)
    total = work.total(q, rows)
    return render(
        request,
        "logbook/work_list.html",
        {"q": q, "work": work, "rows": rows[:SHOWN], "total": total, "shown": SHOWN},
    )


# -- a province's mentor settings ------------------------------------------------------------
class ProvinceSettingForm(forms.Form):
    mentor_household_limit = forms.IntegerField(
        label=gettext_lazy("จำนวนครัวเรือนสูงสุดต่อพี่เลี้ยง 1 คน"),
        min_value=1,
        max_value=ProvinceSetting.MAX_LIMIT,
        help_text=gettext_lazy("เช่น จังหวัดเลยใช้ข้าราชการ 1 คน ต่อ 1 ครัวเรือน (ค่าเริ่มต้น 5)"),
    )


def _province(request: HttpRequest) -> str:
    """The province asked for (``?province=``), else the officer's own; 404 outside it."""
    own = scope_prefix(request.user) or ""
    code = (request.GET.get("province") or own)[: CODE_LENGTH["province"]]
    if len(code) != CODE_LENGTH["province"] or not code.isdigit():
        raise Http404(_("กรุณาเลือกจังหวัด"))
    if narrow(request.user, code) != code:
        raise Http404(_("จังหวัดนี้อยู่นอกพื้นที่ของบัญชีนี้"))
    return code


@require_http_methods(["GET", "POST"])
@login_required
def province_settings(request: HttpRequest) -> HttpResponse:
    officer = officer_of(request)
    if officer.role not in mentor_services.SETTING_EDITORS:  # a role not allowed: 403
        return render(request, "logbook/province_settings.html", {"forbidden": True}, status=403)
    code = _province(request)  # a province outside the officer's area: 404
    if not mentor_services.may_edit_settings(officer, code):
        raise Http404(_("จังหวัดนี้อยู่นอกพื้นที่ของบัญชีนี้"))
    limit = mentor_limit(code)
    form = ProvinceSettingForm(request.POST or None, initial={"mentor_household_limit": limit})
    saved = saved_or_none(
        request,
        form,
        lambda: mentor_services.province_setting_save(
            Act(officer, ip=client_ip(request)),
            data=input_from(
                mentor_services.ProvinceSettingInput, form.cleaned_data, province_code=code
            ),
        ),
        done=_("บันทึกการตั้งค่าของจังหวัดแล้ว"),
        to=f"{request.path}?province={code}",
    )
    if saved is not None:
        return saved
    context: dict[str, Any] = {"form": form, "province": code, "limit": limit}
    return render(request, "logbook/province_settings.html", context, status=form_status(form))
