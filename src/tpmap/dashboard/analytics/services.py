"""Writes of the officers' pivot (F25): saving a pivot view (its name, owner, area and
query string) and deleting one. A saved view is shared by its link with the officers whose
area holds the view's area; only its owner deletes it. Every write is audited."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

from tpmap.accounts.audit import audit_record, snapshot
from tpmap.accounts.models import User
from tpmap.accounts.scope import area_within, narrow
from tpmap.core import areas as area_catalog
from tpmap.dashboard.analytics.selectors import PivotQuery
from tpmap.dashboard.models import PivotView
from tpmap.site.officers import Act
from tpmap.site.rules import RuleError, Rules

NAME_MAX = 120
QUERY_MAX = 1000  # PivotView.query


@dataclass(frozen=True)
class PivotViewInput:
    name: str
    area: str  # TH or a 2-8 digit code inside the officer's area
    query: str  # the pivot's query string (source, rows, cols, measure, level, f_*)
    client_id: uuid.UUID | None = None


def _own_area(officer: User) -> str:
    own = narrow(officer, None)
    if own is None:
        raise PermissionDenied(_("บัญชีนี้ไม่มีพื้นที่รับผิดชอบ"))
    return own


def visible_views(officer: User) -> list[PivotView]:
    """The saved views an officer may open: those of areas inside their own."""
    own = _own_area(officer)
    views = PivotView.objects.select_related("owner")
    if own != area_catalog.COUNTRY_CODE:
        views = views.filter(area_code__startswith=own)
    return list(views[:200])


def view_for(officer: User, pk: int) -> PivotView:
    """A saved view the officer may open; 404 (never revealing it) outside their area."""
    own = _own_area(officer)
    view = PivotView.objects.filter(pk=pk).select_related("owner").first()
    if view is None or not area_within(view.area_code, own):
        raise Http404(_("ไม่พบมุมมองนี้"))
    return view


def _audit(officer: User, action: str, view: PivotView, *, ip: str | None, before: Any) -> None:
    audit_record(
        actor=officer,
        action=action,
        object_type="pivotview",
        object_id=view.pk if view.pk is not None else "",
        area_code=view.area_code,
        ip=ip,
        before=before,
        after=None if action == "delete" else snapshot(view),
    )


def pivot_view_create(act: Act, *, data: PivotViewInput) -> PivotView:
    """Save a pivot view. Rules: a name (1-120 characters); an area inside the officer's
    (TH or a 2, 4, 6 or 8-digit code); the query is kept in its normal form (unknown
    keys and values dropped)."""
    own = _own_area(act.officer)
    rules = Rules()
    name = " ".join(data.name.split())
    if not name:
        rules.fail("name", _("กรุณาตั้งชื่อมุมมอง"))
    elif len(name) > NAME_MAX:
        rules.fail("name", _("ชื่อมุมมองยาวได้ไม่เกิน %(n)d ตัวอักษร") % {"n": NAME_MAX})
    area = data.area.strip() or own
    if area_catalog.level_of(area) is None:
        rules.fail("area", _("รหัสพื้นที่ไม่ถูกต้อง"))
    elif not area_within(area, own):
        rules.fail("area", _("พื้นที่นี้อยู่นอกพื้นที่ของบัญชีนี้"))
    rules.check()
    if data.client_id is not None:
        done = PivotView.objects.filter(owner=act.officer, client_id=data.client_id).first()
        if done is not None:
            return done
    params = QueryDict(data.query.lstrip("?"))
    query = PivotQuery.parse(params, area).query_string()
    year = params.get("year", "")
    if len(year) == 4 and year.isdigit():
        query = f"year={year}&{query}"
    if len(query) > QUERY_MAX:
        raise RuleError({"query": _("ตัวกรองของมุมมองนี้ยาวเกินไป กรุณาลดจำนวนตัวกรอง")})
    with transaction.atomic():
        view = PivotView.objects.create(
            name=name, owner=act.officer, area_code=area, query=query, client_id=data.client_id
        )
        _audit(act.officer, "create", view, ip=act.ip, before=None)
    return view


def pivot_view_delete(act: Act, *, view: PivotView) -> None:
    """Delete a saved view: only its owner (403 for anyone else of the area)."""
    own = _own_area(act.officer)
    if not area_within(view.area_code, own):
        raise Http404(_("ไม่พบมุมมองนี้"))
    if view.owner_id != act.officer.pk:
        raise PermissionDenied(_("ลบได้เฉพาะผู้สร้างมุมมอง"))
    with transaction.atomic():
        before = snapshot(view)
        pk = view.pk
        view.delete()
        view.pk = pk
        _audit(act.officer, "delete", view, ip=act.ip, before=before)
