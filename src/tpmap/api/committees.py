"""Committees (F19) and their reports (F26) through the API: thin routers over
``tpmap.committees.services`` and ``selectors``, so the rules, scopes and audit are the
pages'. A committee, member, order or report outside the caller's area is a 404; a role
that may not do the write, 403. Creates take an optional ``client_id`` (a retry answers
200 with the record already made); a report's change and submission take the ``version``
read (stale: 409)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import File, Form, Path, Query, Router, Schema, Status, UploadedFile
from pydantic import Field

from tpmap.accounts.audit import client_ip
from tpmap.api import common
from tpmap.api.common import Id, Version, as_input, create_once, found, replayed, write
from tpmap.api.errors import ApiError
from tpmap.api.reads import AreaCode, _area
from tpmap.api.serialize import client_ref, iso, plain
from tpmap.committees import periods, selectors, services
from tpmap.committees.models import Committee, Member, Order, Report
from tpmap.committees.pdfcheck import MAX_ORDER_BYTES
from tpmap.core.areas import COUNTRY_CODE
from tpmap.site.officers import Act, act_of, officer_of

router = Router(tags=["committees"])
ERRORS = dict(sorted({**common.ERRORS, 413: Any}.items()))  # and 413: an order too large
OK = {200: Any, **ERRORS}
Text = Annotated[str, Field(max_length=5000)]
Short = Annotated[str, Field(max_length=200)]
Kind = Literal["monthly", "quarterly"]
MAX_LIST = 500


# -- serialisation -------------------------------------------------------------------------
def order_json(o: Order) -> dict[str, Any]:
    return {
        "id": o.pk,
        "number": o.number,
        "signed_on": iso(o.signed_on),
        "pages": o.pages,
        "size_bytes": o.size_bytes,
        "uploaded_at": iso(o.uploaded_at),
        "uploaded_late": services.order_uploaded_late(o),
        "pdf_url": reverse("committees:public_order", args=[o.pk]),
    }


def member_json(m: Member) -> dict[str, Any]:
    return {
        "id": m.pk,
        **plain(m, "name", "position", "agency", "role"),
    }


def committee_json(status: selectors.OrderStatus, *, full: bool = False) -> dict[str, Any]:
    c = status.committee
    assert c is not None
    out: dict[str, Any] = {
        "id": c.pk,
        **plain(c, "area_code", "level", "name", "version"),
        "order": order_json(status.order) if status.order else None,
        "order_deadline": iso(status.deadline),
        "order_late": status.late,
        "members": len(c.members.all()),
    }
    if full:
        out["members"] = [member_json(m) for m in selectors.sorted_members(c)]
        out["orders"] = [order_json(o) for o in c.orders.all()]
    return out


def report_json(r: Report) -> dict[str, Any]:
    return {
        "id": r.pk,
        "committee_id": r.committee_id,
        "kind": r.kind,
        "period_start": iso(r.period_start),
        "period_end": iso(periods.period_end(r.kind, r.period_start)),
        "period_label": r.period_label,
        "deadline": iso(periods.deadline(r.kind, r.period_start)),
        **plain(r, "status", "results", "obstacles", "suggestions", "figures"),
        "submitted_at": iso(r.submitted_at),
        "submitted_by": r.submitted_by.username if r.submitted_by else None,
        "late": r.late,
        "version": r.version,
        "client_id": client_ref(r),
    }


def _committee(request: HttpRequest, pk: int) -> Committee:
    visible = selectors.with_members_and_orders(selectors.visible_committees(request.user))
    return found(visible.filter(pk=pk).first())


def _full(c: Committee) -> dict[str, Any]:
    """The committee with its members and orders."""
    return committee_json(selectors.order_statuses([c], timezone.localdate())[0], full=True)


# -- committees ----------------------------------------------------------------------------
class CommitteeIn(Schema):
    area_code: Annotated[str, Field(max_length=8)] = ""
    client_id: uuid.UUID | None = None


@router.get("/committees", response=OK)
def committee_list(request: HttpRequest, area: Query[AreaCode] = None) -> Any:
    """The committees of the caller's area (or of ``area`` inside it), with their latest
    order and its deadline (30 days after the level above's order)."""
    asked = _area(request.user, area)
    qs = selectors.visible_committees(request.user)
    if asked != COUNTRY_CODE:
        qs = qs.filter(area_code__startswith=asked)
    rows = selectors.with_members_and_orders(qs.order_by("area_code"))[:MAX_LIST]
    items = [committee_json(s) for s in selectors.order_statuses(rows, timezone.localdate())]
    return {"total": qs.count(), "items": items}


@router.post("/committees", response={200: Any, 201: Any, **ERRORS})
def committee_create(request: HttpRequest, payload: CommitteeIn) -> Any:
    data = as_input(services.CommitteeInput, payload)
    return create_once(request, Committee, data, services.committee_create, _full)


@router.get("/committees/{pk}", response=OK)
def committee_get(request: HttpRequest, pk: Path[Id]) -> Any:
    return _full(_committee(request, pk))


# -- members -------------------------------------------------------------------------------
class MemberIn(Schema):
    name: Short = ""
    position: Short = ""
    agency: Short = ""
    role: Literal["chair", "vice_chair", "member", "secretary", "assistant_secretary"]
    client_id: uuid.UUID | None = None


@router.get("/committees/{pk}/members", response=OK)
def member_list(request: HttpRequest, pk: Path[Id]) -> Any:
    c = _committee(request, pk)
    return {"items": [member_json(m) for m in selectors.sorted_members(c)]}


@router.post("/committees/{pk}/members", response={200: Any, 201: Any, **ERRORS})
def member_add(request: HttpRequest, pk: Path[Id], payload: MemberIn) -> Any:
    c = _committee(request, pk)
    data = as_input(services.MemberInput, payload)
    add = services.member_add
    return create_once(request, Member, data, add, member_json, same=("committee",), committee=c)


@router.delete("/committees/{pk}/members/{member_pk}", response={204: None, **ERRORS})
def member_remove(request: HttpRequest, pk: Path[Id], member_pk: Path[Id]) -> Any:
    c = _committee(request, pk)
    member = found(c.members.filter(pk=member_pk).first())
    services.member_remove(act_of(request), member=member)
    return Status(204, None)


# -- orders --------------------------------------------------------------------------------
@router.get("/committees/{pk}/orders", response=OK)
def order_list(request: HttpRequest, pk: Path[Id]) -> Any:
    c = _committee(request, pk)
    return {"items": [order_json(o) for o in c.orders.all()]}


@router.post("/committees/{pk}/orders", response={200: Any, 201: Any, **ERRORS})
def order_upload(
    request: HttpRequest,
    pk: Path[Id],
    file: File[UploadedFile],
    number: Form[Annotated[str, Field(max_length=50)]] = "",
    signed_on: Form[date | None] = None,
    client_id: Form[uuid.UUID | None] = None,
) -> Any:
    """Upload an establishment order (multipart): ``number``, ``signed_on`` (ISO date),
    ``file`` (a PDF, checked by its content, at most 10 MB)."""
    c = _committee(request, pk)
    officer = officer_of(request)
    if file.size is not None and file.size > MAX_ORDER_BYTES:
        raise ApiError(413, "bad_request")
    replay = replayed(Order, client_id, uploaded_by=officer, committee=c)
    made = services.order_upload(
        Act(officer, ip=client_ip(request)),
        committee=c,
        data=services.OrderInput(
            number=number,
            signed_on=signed_on,
            content=file.read(MAX_ORDER_BYTES + 1),
            original_name=str(file.name or ""),
            client_id=client_id,
        ),
    )
    return Status(200 if replay else 201, order_json(made))


# -- reports -------------------------------------------------------------------------------
class ReportIn(Schema):
    kind: Kind
    period_start: date
    results: Text = ""
    obstacles: Text = ""
    suggestions: Text = ""
    client_id: uuid.UUID | None = None


class ReportChange(Schema):
    version: Version
    results: Text = ""
    obstacles: Text = ""
    suggestions: Text = ""


class SubmissionIn(Schema):
    version: Version | None = None


@router.get("/committees/{pk}/reports", response=OK)
def report_list(request: HttpRequest, pk: Path[Id], kind: Query[Kind | None] = None) -> Any:
    c = _committee(request, pk)
    qs = c.reports.select_related("submitted_by").order_by("-period_start", "kind")
    if kind:
        qs = qs.filter(kind=kind)
    return {"items": [report_json(r) for r in qs[:MAX_LIST]]}


@router.post("/committees/{pk}/reports", response={200: Any, 201: Any, **ERRORS})
def report_create(request: HttpRequest, pk: Path[Id], payload: ReportIn) -> Any:
    """Start the committee's report of a period as a draft (``period_start``: the first
    day of the month, or of a fiscal quarter: 1 Oct, 1 Jan, 1 Apr, 1 Jul)."""
    c = _committee(request, pk)
    data = as_input(services.ReportInput, payload)
    add = services.report_create
    return create_once(request, Report, data, add, report_json, same=("committee",), committee=c)


@router.get("/committees/{pk}/consolidated", response=OK)
def consolidated(
    request: HttpRequest, pk: Path[Id], kind: Query[Kind], period_start: Query[date]
) -> Any:
    """The committee's own report of the period, its children's with who has not
    submitted, and the sum of the submitted children's figures."""
    c = _committee(request, pk)
    if not periods.is_period_start(kind, period_start):
        raise ApiError(422, "invalid", fields={"period_start": ["รอบรายงานไม่ถูกต้อง"]})
    data = selectors.consolidated(c, kind, period_start)
    return {
        "committee_id": c.pk,
        "kind": kind,
        "period_start": iso(period_start),
        "period_label": data.label,
        "deadline": iso(data.deadline),
        "own": report_json(data.own) if data.own else None,
        "children": [
            {
                "committee_id": row.committee.pk,
                "area_code": row.committee.area_code,
                "name": row.committee.name,
                "submitted": row.submitted,
                "report": report_json(row.report) if row.report else None,
            }
            for row in data.children
        ],
        "missing": [row.committee.area_code for row in data.missing],
        "total": data.total,
    }


def _report(request: HttpRequest, pk: int) -> Report:
    return found(selectors.visible_reports(request.user).filter(pk=pk).first())


@router.get("/reports/{pk}", response=OK)
def report_get(request: HttpRequest, pk: Path[Id]) -> Any:
    return report_json(_report(request, pk))


@router.put("/reports/{pk}", response=OK)
def report_update(request: HttpRequest, pk: Path[Id], payload: ReportChange) -> Any:
    """Change a draft's texts; ``version`` is the one read (stale: 409)."""
    texts = as_input(services.ReportTexts, payload)
    changed = write(
        request, services.report_update, payload.version, report=_report(request, pk), data=texts
    )
    return report_json(changed)


@router.post("/reports/{pk}/submission", response=OK)
def report_submit(request: HttpRequest, pk: Path[Id], payload: SubmissionIn) -> Any:
    """Submit a draft after its period: the area's figures are frozen in it; after the
    15th of the next month it is marked late."""
    done = write(request, services.report_submit, payload.version, report=_report(request, pk))
    return report_json(done)
