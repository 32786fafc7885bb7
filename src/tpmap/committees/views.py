"""Pages of the committees (F19) and their reports (F26): login-only pages of the
officer's area, and the public list of committees and orders under /open/committees/.
Views only translate: a form into a service input, a service's error onto the form."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tpmap.accounts.audit import client_ip
from tpmap.accounts.models import User
from tpmap.committees import export, figures, periods, selectors, services
from tpmap.committees.forms import (
    CommitteeForm,
    MemberForm,
    OrderForm,
    ReportNewForm,
    ReportTextsForm,
)
from tpmap.committees.models import Committee, Order, Report, ReportKind, ReportStatus
from tpmap.core import areas
from tpmap.logbook.household.access import saved_or_none
from tpmap.site.errors import add_to_form
from tpmap.site.forms import input_from
from tpmap.site.officers import Act, act_of, officer_of

T = TypeVar("T")  # what a write returns


def _committee(request: HttpRequest, pk: int) -> Committee:
    return get_object_or_404(selectors.visible_committees(request.user), pk=pk)


def _create_choices(officer: User) -> list[tuple[str, str]]:
    """The areas the officer may set a committee up for and that have none yet."""
    have = set(Committee.objects.values_list("area_code", flat=True))
    own = officer.area_code
    candidates: list[areas.Area] = []
    own_area = areas.admin_area(own)
    if own_area is not None:
        candidates.append(own_area)
    level = areas.level_of(own)
    if level in ("country", "province"):
        for child in areas.children(own):
            candidates.append(child)
            if level == "province":
                candidates.extend(areas.children(child.code))
    return [
        (a.code, f"{services.committee_name(a.code)} ({a.code})")
        for a in candidates
        if a.code not in have
        and services.level_for(a.code)
        and services.may_manage(officer, a.code)
    ]


@require_http_methods(["GET", "POST"])
@login_required
def committee_list(request: HttpRequest) -> HttpResponse:
    """The committees of the officer's area with their orders, the work list of missing
    and late orders, and (for an account that may) a committee to set up."""
    officer = officer_of(request)
    today = timezone.localdate()
    choices = _create_choices(officer)
    form = CommitteeForm(request.POST or None, choices=choices) if choices else None
    if request.method == "POST":
        if form is None:  # nothing this account may set up
            raise PermissionDenied(_("บัญชีนี้ไม่มีสิทธิ์จัดการ ศจพ. ของพื้นที่นี้"))
        saved = saved_or_none(
            request,
            form,
            lambda: services.committee_create(
                Act(officer, ip=client_ip(request)),
                data=input_from(services.CommitteeInput, form.cleaned_data),
            ),
            done=lambda made: _("จัดตั้ง %(name)s แล้ว") % {"name": made.name},
            to=_detail_url,
        )
        if saved is not None:
            return saved
    committees = selectors.with_members_and_orders(selectors.visible_committees(officer))
    context = {
        "statuses": selectors.order_statuses(committees, today),
        "work": selectors.work_list(officer, today),
        "due": [(d, d.overdue(today)) for d in selectors.reports_due(officer, today)],
        "form": form,
    }
    status = 400 if form is not None and form.is_bound and form.errors else 200
    return render(request, "committees/list.html", context, status=status)


def _detail_context(request: HttpRequest, c: Committee, **forms: Any) -> dict[str, Any]:
    officer = officer_of(request)
    today = timezone.localdate()
    manage = services.may_manage(officer, c.area_code)
    report = services.may_report(officer, c)
    status = selectors.order_statuses([c], today)[0]
    return {
        "c": c,
        "status": status,
        "members": selectors.sorted_members(c),
        "orders": list(c.orders.all()),
        "reports": list(c.reports.select_related("submitted_by").order_by("-period_start", "kind")),
        "children": selectors.child_committees(c).exists(),
        "manage": manage,
        "member_form": forms.get("member_form") or (MemberForm() if manage else None),
        "order_form": forms.get("order_form") or (OrderForm() if manage else None),
        "report_form": forms.get("report_form") or (ReportNewForm(today=today) if report else None),
    }


def _detail_url(c: Committee) -> str:
    return reverse("committees:detail", args=[c.pk])


def _write(request: HttpRequest, c: Committee, write: Callable[..., T], data: object) -> T:
    """A write to the committee (a member, an order, a report) by the request's officer."""
    return write(act_of(request), committee=c, data=data)


def _refused(request: HttpRequest, c: Committee, **form: Any) -> HttpResponse:
    """The committee's page again with the form a write refused (its messages on it)."""
    return render(
        request, "committees/detail.html", _detail_context(request, c, **form), status=400
    )


@require_GET
@login_required
def committee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = _committee(request, pk)
    return render(request, "committees/detail.html", _detail_context(request, c))


@require_POST
@login_required
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    c = _committee(request, pk)
    form = MemberForm(request.POST)
    saved = saved_or_none(
        request,
        form,
        lambda: _write(
            request, c, services.member_add, input_from(services.MemberInput, form.cleaned_data)
        ),
        done=_("เพิ่มกรรมการแล้ว"),
        to=_detail_url(c),
    )
    return saved if saved is not None else _refused(request, c, member_form=form)


@require_POST
@login_required
def member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    c = _committee(request, pk)
    member = get_object_or_404(c.members, pk=member_pk)
    services.member_remove(act_of(request), member=member)
    messages.success(request, _("นำรายชื่อออกแล้ว"))
    return redirect("committees:detail", pk=c.pk)


@require_POST
@login_required
def order_upload(request: HttpRequest, pk: int) -> HttpResponse:
    c = _committee(request, pk)
    form = OrderForm(request.POST, request.FILES)

    def upload() -> Order:
        content, name = form.content()
        data = input_from(
            services.OrderInput, form.cleaned_data, content=content, original_name=name
        )
        return _write(request, c, services.order_upload, data)

    saved = saved_or_none(request, form, upload, done=_("อัปโหลดคำสั่งแล้ว"), to=_detail_url(c))
    return saved if saved is not None else _refused(request, c, order_form=form)


@require_POST
@login_required
def report_new(request: HttpRequest, pk: int) -> HttpResponse:
    c = _committee(request, pk)
    form = ReportNewForm(request.POST, today=timezone.localdate())
    saved = saved_or_none(
        request,
        form,
        lambda: _write(
            request, c, services.report_create, input_from(services.ReportInput, form.cleaned_data)
        ),
        done=None,
        to=lambda made: reverse("committees:report", args=[made.pk]),
    )
    return saved if saved is not None else _refused(request, c, report_form=form)


def _report(request: HttpRequest, pk: int) -> Report:
    return get_object_or_404(selectors.visible_reports(request.user), pk=pk)


def _report_context(
    request: HttpRequest, r: Report, form: ReportTextsForm | None
) -> dict[str, Any]:
    officer = officer_of(request)
    draft = r.status == ReportStatus.DRAFT
    editable = draft and services.may_report(officer, r.committee)
    end = periods.period_end(r.kind, r.period_start)
    shown = (
        r.figures if not draft else figures.area_figures(r.committee.area_code, r.period_start, end)
    )
    if editable and form is None:
        form = ReportTextsForm(
            initial={"results": r.results, "obstacles": r.obstacles, "suggestions": r.suggestions}
        )
    return {
        "r": r,
        "label": periods.label(r.kind, r.period_start),
        "deadline": periods.deadline(r.kind, r.period_start),
        "figures": shown,
        "form": form if editable else None,
        "can_submit": editable and end < timezone.localdate(),
    }


@require_http_methods(["GET", "POST"])
@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A report: its texts (a draft's form for its writers), the area's figures of the
    period (live in a draft, frozen once submitted), saving and submission."""
    r = _report(request, pk)
    form = None
    if request.method == "POST":
        form = ReportTextsForm(request.POST)
        if form.is_valid():
            texts = input_from(services.ReportTexts, form.cleaned_data)
            officer = officer_of(request)
            try:
                # Saving the texts and submitting them are one step: a refused submission
                # keeps the draft as it was (the typed texts stay on the form).
                with transaction.atomic():
                    r = services.report_update(
                        Act(officer, ip=client_ip(request)), report=r, data=texts
                    )
                    if "submit" in request.POST:
                        r = services.report_submit(Act(officer, ip=client_ip(request)), report=r)
            except ValidationError as e:
                add_to_form(form, e)
            else:
                done = _("ส่งรายงานแล้ว") if r.status == ReportStatus.SUBMITTED else _("บันทึกร่างแล้ว")
                messages.success(request, done)
                return redirect("committees:report", pk=r.pk)
            r.refresh_from_db()
    context = _report_context(request, r, form)
    status = 400 if form is not None and form.errors else 200
    return render(request, "committees/report.html", context, status=status)


def _period(request: HttpRequest) -> tuple[str, date]:
    """The kind and period asked for, else the last ended quarter."""
    kind, _sep, asked = request.GET.get("p", "").partition(":")
    if kind not in ReportKind.values:
        kind = "quarterly"
    try:
        start: date | None = date.fromisoformat(asked)
    except ValueError:
        start = None
    if start is None or not periods.is_period_start(kind, start):
        start = periods.recent(kind, timezone.localdate(), 2)[1]
    return kind, start


@require_GET
@login_required
def consolidated(request: HttpRequest, pk: int) -> HttpResponse:
    """The level above's view of a period: its own report, its children's with who has
    not submitted, and their sums; the XLSX and PDF of it."""
    c = _committee(request, pk)
    kind, start = _period(request)
    today = timezone.localdate()
    choices = [
        (k, s, periods.label(k, s))
        for k, n in (("quarterly", 4), ("monthly", 12))
        for s in periods.recent(k, today, n)
    ]
    context = {
        "c": c,
        "data": selectors.consolidated(c, kind, start),
        "kind": kind,
        "period": start,
        "choices": choices,
    }
    return render(request, "committees/consolidated.html", context)


@require_GET
@login_required
def consolidated_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    c = _committee(request, pk)
    kind, start = _period(request)
    data = selectors.consolidated(c, kind, start)
    services.report_downloaded(
        officer=officer_of(request),
        committee=c,
        kind=kind,
        period_start=start,
        fmt=fmt,
        ip=client_ip(request),
    )
    name = f"committee-{c.area_code}-{kind}-{start.isoformat()}.{fmt}"
    if fmt == "xlsx":
        body = export.to_xlsx(data)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = export.to_pdf(data)
        content_type = "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# -- public ----------------------------------------------------------------------------------
@require_GET
def public_index(request: HttpRequest) -> HttpResponse:
    """The provinces, each with how many committees and orders it has put on record."""
    counts: dict[str, list[int]] = {}
    for c in selectors.public_committees(areas.COUNTRY_CODE):
        row = counts.setdefault(c.area_code[:2], [0, 0])
        row[0] += 1
        row[1] += 1 if c.latest_order() else 0
    provinces = [(p, *counts.get(p.code, [0, 0])) for p in areas.provinces()]
    return render(request, "committees/public_index.html", {"provinces": provinces})


@require_GET
def public_area(request: HttpRequest, area: str) -> HttpResponse:
    """The committees of an area and below: names, members' names and positions as in
    the orders, and the orders (number, date, PDF). Nothing else about a person."""
    if areas.admin_area(area) is None or areas.level_of(area) not in (
        "province",
        "district",
        "subdistrict",
    ):
        raise Http404
    committees = selectors.public_committees(area)
    rows = [(c, selectors.sorted_members(c), list(c.orders.all())) for c in committees]
    context = {
        "area": areas.admin_area(area),
        "trail": [areas.admin_area(a) for a in areas.ancestors(area) if a != areas.COUNTRY_CODE],
        "rows": rows,
    }
    return render(request, "committees/public_area.html", context)


@require_GET
def public_order(request: HttpRequest, pk: int) -> FileResponse:
    """An establishment order's PDF: a public document, sent as a download."""
    order = Order.objects.filter(pk=pk).select_related("committee").first()
    if order is None or not order.file:
        raise Http404
    try:
        handle = order.file.open("rb")
    except FileNotFoundError as e:
        raise Http404 from e
    if isinstance(request.user, User) and request.user.is_active:
        services.order_downloaded(officer=request.user, order=order, ip=client_ip(request))
    response = FileResponse(
        handle,
        content_type="application/pdf",
        as_attachment=True,
        filename=f"order-{order.committee.area_code}-{order.pk}.pdf",
    )
    return response
