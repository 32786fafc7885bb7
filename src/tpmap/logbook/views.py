"""Pages of the Logbook. Views parse input, find the household inside the officer's area
(404 otherwise, never telling whether it exists elsewhere), call one service or selector
and render."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tpmap.accounts.audit import client_ip
from tpmap.accounts.scope import area_within, narrow, scope_prefix
from tpmap.core import areas
from tpmap.core.geo import provinces_geojson
from tpmap.core.indicators import DIMENSION_NAMES_EN, DIMENSION_NAMES_TH, DIMENSIONS, questionnaire
from tpmap.logbook import labels, selectors, services
from tpmap.logbook.forms import (
    ActivityForm,
    ClassificationForm,
    MentorForm,
    PinForm,
    ProblemForm,
    SearchForm,
)
from tpmap.logbook.models import FOLDER_PHOTO_KINDS, PhotoKind
from tpmap.logbook.services import HouseholdRef
from tpmap.logbook.warehouse import WarehouseUnavailable, get_warehouse
from tpmap.site.ratelimit import ratelimited
from tpmap.warehouse import web_selectors
from tpmap.warehouse.selectors import Warehouse

View = Callable[..., HttpResponseBase]


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def warehouse_view(view: View) -> View:
    """Log-in required; a friendly page (503) when no warehouse has been built yet."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except WarehouseUnavailable:
            return render(request, "logbook/no_warehouse.html", status=503)

    return wrapped


def _household_or_404(
    request: HttpRequest, year: int, household_id: str
) -> tuple[Warehouse, HouseholdRef]:
    wh = get_warehouse()
    ref = selectors.household_locate(wh, request.user, year=year, household_id=household_id)
    if ref is None:
        raise Http404(_("ไม่พบครัวเรือนนี้ในพื้นที่ของท่าน"))
    return wh, ref


def _household_url(ref: HouseholdRef, anchor: str = "") -> str:
    url = reverse("logbook:household", args=[ref.year, ref.household_id])
    return f"{url}#{anchor}" if anchor else url


# -- F6 search ----------------------------------------------------------------------------
def _cascade(user: Any, wh: Warehouse, values: dict[str, str]) -> list[dict[str, Any]]:
    """The four area selects with their options inside the user's area; a value that does
    not belong to its parent is dropped (and so are its children)."""
    scope = scope_prefix(user) or ""
    own = scope or areas.COUNTRY_CODE
    levels = [("province", 2), ("district", 4), ("subdistrict", 6), ("village", 8)]
    out: list[dict[str, Any]] = []
    parent = areas.COUNTRY_CODE
    for key, width in levels:
        if parent is None:
            out.append({"name": key, "options": [], "value": "", "locked": False})
            continue
        if key == "village":
            opts = web_selectors.village_options(wh, subdistrict=parent)
        else:
            opts = [(a.code, a.name_th) for a in areas.children(parent)]
        opts = [(c, n) for c, n in opts if area_within(c, own) or area_within(own, c)]
        value = values.get(key, "")
        # The levels of the officer's own area are fixed for them.
        locked = len(scope) >= width
        if locked:
            value = scope[:width]
        if value not in {c for c, _ in opts}:
            value = ""
        out.append({"name": key, "options": opts, "value": value, "locked": locked})
        parent = value or None  # type: ignore[assignment]
    return out


_LABELS = {
    "province": (gettext_noop("จังหวัด"), gettext_noop("เลือกจังหวัด")),
    "district": (gettext_noop("อำเภอ/เขต"), gettext_noop("เลือกอำเภอ")),
    "subdistrict": (gettext_noop("ตำบล/แขวง"), gettext_noop("เลือกตำบล")),
    "village": (gettext_noop("หมู่บ้าน"), gettext_noop("เลือกหมู่บ้าน")),
}


def _cascade_context(user: Any, wh: Warehouse, values: dict[str, str]) -> dict[str, Any]:
    selects = _cascade(user, wh, values)
    for s in selects:
        s["label"], s["placeholder"] = _LABELS[s["name"]]
    return {"selects": selects}


@require_GET
@warehouse_view
def area_options(request: HttpRequest) -> HttpResponse:
    """htmx: the cascade re-rendered after one of its selects changed."""
    wh = get_warehouse()
    values = {k: request.GET.get(k, "") for k in ("province", "district", "subdistrict", "village")}
    return render(
        request, "logbook/partials/cascade.html", _cascade_context(request.user, wh, values)
    )


def _english() -> bool:
    return translation.get_language() == "en"


def _dimension_names() -> dict[str, str]:
    return dict(DIMENSION_NAMES_EN if _english() else DIMENSION_NAMES_TH)


def _groups(wh: Warehouse, year: int) -> list[tuple[str, str]]:
    return [(g.id, g.name_en if _english() else g.name_th) for g in wh.policy(year).groups]


@require_GET
@warehouse_view
@ratelimited("search")
def search(request: HttpRequest) -> HttpResponse:
    wh = get_warehouse()
    years = wh.years
    year = years[-1] if years else None
    raw_year = request.GET.get("year", "")
    if raw_year.isdigit() and int(raw_year) in years:
        year = int(raw_year)
    if year is None:
        return render(request, "logbook/no_warehouse.html", status=503)
    q = questionnaire(wh.questionnaire(year))
    form = SearchForm(
        request.GET or None,
        years=years,
        indicators=[(i.no, i.name_th) for i in q.indicators],
        groups=_groups(wh, year),
        initial={"year": year, "status": "poor", "sort": "failed", "per_page": 20},
    )
    values = {k: request.GET.get(k, "") for k in ("province", "district", "subdistrict", "village")}
    cascade = _cascade_context(request.user, wh, values)
    result: dict[str, Any] | None = None
    out_of_area = False
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        area = narrow(request.user, form.area())
        if area is None:
            out_of_area = True
        else:
            per_page = d.get("per_page") or 20
            page = d.get("page") or 1
            sort = d.get("sort") or "failed"
            descending = (d.get("dir") or ("desc" if sort == "failed" else "asc")) == "desc"
            result = web_selectors.household_search(
                wh,
                year=year,
                prefix="" if area == areas.COUNTRY_CODE else area,
                dimension=d.get("dimension") or None,
                indicator=d.get("indicator"),
                group=d.get("group") or None,
                poor_only=(d.get("status") or "poor") == "poor",
                text=d.get("q") or "",
                sort=sort,
                descending=descending,
                limit=per_page,
                offset=(page - 1) * per_page,
            )
            result.update(_paging(request, result, page, per_page, sort, descending))
    context = {
        "form": form,
        "year": year,
        "result": result,
        "out_of_area": out_of_area,
        "dimension_names": _dimension_names(),
        "dimension_icons": labels.DIMENSION_ICONS,
        "dimensions": DIMENSIONS,
        **cascade,
    }
    if _is_htmx(request) and request.headers.get("HX-Target") == "results":
        return render(request, "logbook/partials/results.html", context)
    return render(request, "logbook/search.html", context)


def _paging(
    request: HttpRequest,
    result: dict[str, Any],
    page: int,
    per_page: int,
    sort: str,
    descending: bool,
) -> dict[str, Any]:
    total = int(result["total"])
    pages = max(1, (total + per_page - 1) // per_page)
    base = request.GET.copy()
    base.pop("page", None)

    def url(p: int, **changes: str) -> str:
        qd = base.copy()
        for k, v in changes.items():
            qd[k] = v
        qd["page"] = str(p)
        return f"{reverse('logbook:search')}?{qd.urlencode()}"

    window = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    sort_urls = {
        key: url(
            1,
            sort=key,
            dir=("asc" if (key == sort and descending) else "desc")
            if key == sort
            else ("desc" if key == "failed" else "asc"),
        )
        for key in ("failed", "name", "house", "address")
    }
    return {
        "page": page,
        "pages": pages,
        "first": 0 if total == 0 else (page - 1) * per_page + 1,
        "last": min(total, page * per_page),
        "prev_url": url(page - 1) if page > 1 else None,
        "next_url": url(page + 1) if page < pages else None,
        "page_links": [(p, url(p)) for p in window],
        "sort": sort,
        "descending": descending,
        "sort_urls": sort_urls,
    }


# -- F7 household page ----------------------------------------------------------------------
@require_GET
@warehouse_view
@ratelimited("household_read")
def household(request: HttpRequest, year: int, household_id: str) -> HttpResponse:
    wh, ref = _household_or_404(request, year, household_id)
    profile = web_selectors.household_profile(
        wh, year=year, household_id=household_id, village_code=ref.village_code
    )
    if profile is None:
        raise Http404(_("ไม่พบครัวเรือนนี้ในพื้นที่ของท่าน"))
    services.household_opened(actor=request.user, household=ref, ip=client_ip(request))
    members = profile["members"]
    for m in members:
        m["education_th"] = labels.label(labels.EDUCATION, m["education"])
        m["relation_th"] = labels.label(labels.RELATION, m["relation"])
        m["sex_th"] = labels.label(labels.SEX, m["sex"])
        m["health_scheme_th"] = labels.label(labels.HEALTH_SCHEME, m["health_scheme"])
        m["disability_th"] = (
            labels.label(labels.DISABILITY, m["disability_type"]) if m["disability_type"] else None
        )
        for a in m["allowances"]:
            a["kind_th"] = labels.label(labels.ALLOWANCE, a["kind"])
    debts = [profile["debt_formal"], profile["debt_informal"]]
    context = {
        "ref": ref,
        "h": profile,
        "members": members,
        "head": next(
            (m for m in members if m["relation"] == "head"), members[0] if members else None
        ),
        "counts": {
            "male": sum(1 for m in members if m["sex"] == "M"),
            "female": sum(1 for m in members if m["sex"] == "F"),
            "disabled": sum(1 for m in members if m["is_disabled"] or m["disability_type"]),
        },
        "debt_total": None if all(d is None for d in debts) else sum(d or 0 for d in debts),
        "tenure_th": labels.label(labels.TENURE, profile["house_tenure"]),
        "categories": selectors.bmn_summary(profile),
        "reasons": selectors.target_reasons(wh, profile),
        "failed_dimensions": [
            (d, _dimension_names()[d], labels.DIMENSION_ICONS[d])
            for d in profile["failed_dimensions"]
        ],
        "timeline": selectors.household_timeline(request.user, ref),
        "folder": selectors.household_classification(request.user, ref),
        "pin": selectors.household_pin(request.user, ref),
        "mentor": selectors.household_mentor(request.user, ref),
        "policy": wh.policy(year),
    }
    return render(request, "logbook/household.html", context)


# -- F8 / F9 problems and activities --------------------------------------------------------
def _defaults(user: Any) -> dict[str, Any]:
    return {
        "performer": user.get_full_name() or user.username,
        "agency": user.agency,
        "occurred_on": timezone.localdate(),
        "start_on": timezone.localdate(),
    }


@require_http_methods(["GET", "POST"])
@warehouse_view
def problem_new(request: HttpRequest, year: int, household_id: str) -> HttpResponse:
    wh, ref = _household_or_404(request, year, household_id)
    form = ProblemForm(request.POST or None, request.FILES or None, initial=_defaults(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.problem_create(
                actor=request.user,
                household=ref,
                **_problem_fields(form),
                ip=client_ip(request),
            )
        except ValidationError as e:
            _form_errors(form, e)
        else:
            messages.success(request, _("บันทึกปัญหา/ความต้องการแล้ว"))
            return redirect(_household_url(ref, "timeline"))
    return render(
        request,
        "logbook/record_form.html",
        {"form": form, "ref": ref, "title": _("เพิ่มปัญหา / ความต้องการ"), **_head(wh, ref)},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@warehouse_view
def activity_new(request: HttpRequest, year: int, household_id: str) -> HttpResponse:
    wh, ref = _household_or_404(request, year, household_id)
    problems = list(
        selectors.visible_problems(request.user).filter(
            household_id=ref.household_id, year=ref.year
        )
    )
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        initial=_defaults(request.user),
        questionnaire_code=wh.questionnaire(year),
        problems=problems,
    )
    if request.method == "GET" and request.GET.get("problem", "").isdigit():
        form.initial["problem"] = int(request.GET["problem"])
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_create(
                actor=request.user,
                household=ref,
                **_activity_fields(form),
                ip=client_ip(request),
            )
        except ValidationError as e:
            _form_errors(form, e)
        else:
            messages.success(request, _("บันทึกกิจกรรมให้ความช่วยเหลือแล้ว"))
            return redirect(_household_url(ref, "timeline"))
    return render(
        request,
        "logbook/record_form.html",
        {"form": form, "ref": ref, "title": _("เพิ่มกิจกรรมให้ความช่วยเหลือ"), **_head(wh, ref)},
        status=400 if form.is_bound and form.errors else 200,
    )


def _problem_fields(form: Any) -> dict[str, Any]:
    """What a problem form gives its create and update services."""
    d = form.cleaned_data
    fields = ("title", "details", "performer", "agency", "occurred_on", "dimension")
    return {
        **{k: d[k] for k in fields},
        "status": d["status"] or None,
        "resolved_on": d["resolved_on"],
        "photos": d["photos"],
    }


def _activity_fields(form: Any) -> dict[str, Any]:
    """What an activity form gives its create and update services."""
    d = form.cleaned_data
    fields = ("name", "details", "performer", "agency", "start_on", "end_on", "indicator", "photos")
    return {**{k: d[k] for k in fields}, "problem": form.problem_object()}


def _form_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errs in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, error.messages)


def _head(wh: Warehouse, ref: HouseholdRef) -> dict[str, Any]:
    brief = web_selectors.households_brief(wh, year=ref.year, household_ids=[ref.household_id])
    return {"brief": brief.get(ref.household_id, {})}


def _editable_or_404(qs: Any, user: Any, pk: int) -> Any:
    """An entry the user may change: inside their area (else 404) and theirs or, for an
    area administrator, anyone's (else 403)."""
    record = qs.filter(pk=pk).first()
    if record is None:
        raise Http404
    if record.created_by_id != user.pk and not getattr(user, "manages_accounts", False):
        raise PermissionDenied
    return record


@require_http_methods(["GET", "POST"])
@warehouse_view
def problem_edit(request: HttpRequest, pk: int) -> HttpResponse:
    problem = _editable_or_404(selectors.visible_problems(request.user), request.user, pk)
    wh = get_warehouse()
    ref = HouseholdRef(problem.year, problem.household_id, problem.village_code)
    initial = {
        f: getattr(problem, f)
        for f in (
            "title",
            "details",
            "performer",
            "agency",
            "occurred_on",
            "dimension",
            "status",
            "resolved_on",
        )
    }
    form = ProblemForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.problem_update(
                actor=request.user,
                problem=problem,
                **_problem_fields(form),
                ip=client_ip(request),
            )
        except ValidationError as e:
            _form_errors(form, e)
        else:
            messages.success(request, _("บันทึกการแก้ไขแล้ว"))
            return redirect(_household_url(ref, "timeline"))
    return render(
        request,
        "logbook/record_form.html",
        {"form": form, "ref": ref, "title": _("แก้ไขปัญหา / ความต้องการ"), **_head(wh, ref)},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@warehouse_view
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _editable_or_404(selectors.visible_activities(request.user), request.user, pk)
    wh = get_warehouse()
    ref = HouseholdRef(activity.year, activity.household_id, activity.village_code)
    problems = list(
        selectors.visible_problems(request.user).filter(
            household_id=ref.household_id, year=ref.year
        )
    )
    initial = {
        f: getattr(activity, f)
        for f in ("name", "details", "performer", "agency", "start_on", "end_on", "indicator")
    }
    initial["problem"] = activity.problem_id
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        questionnaire_code=wh.questionnaire(ref.year),
        problems=problems,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(
                actor=request.user,
                activity=activity,
                **_activity_fields(form),
                ip=client_ip(request),
            )
        except ValidationError as e:
            _form_errors(form, e)
        else:
            messages.success(request, _("บันทึกการแก้ไขแล้ว"))
            return redirect(_household_url(ref, "timeline"))
    return render(
        request,
        "logbook/record_form.html",
        {"form": form, "ref": ref, "title": _("แก้ไขกิจกรรมให้ความช่วยเหลือ"), **_head(wh, ref)},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@login_required
def problem_delete(request: HttpRequest, pk: int) -> HttpResponse:
    problem = selectors.visible_problems(request.user).filter(pk=pk).first()
    if problem is None:
        raise Http404
    ref = HouseholdRef(problem.year, problem.household_id, problem.village_code)
    services.problem_delete(actor=request.user, problem=problem, ip=client_ip(request))
    messages.success(request, _("ลบรายการแล้ว"))
    return redirect(_household_url(ref, "timeline"))


@require_POST
@login_required
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.visible_activities(request.user).filter(pk=pk).first()
    if activity is None:
        raise Http404
    ref = HouseholdRef(activity.year, activity.household_id, activity.village_code)
    services.activity_delete(actor=request.user, activity=activity, ip=client_ip(request))
    messages.success(request, _("ลบรายการแล้ว"))
    return redirect(_household_url(ref, "timeline"))


# -- F14 family folder --------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
@warehouse_view
def classify(request: HttpRequest, year: int, household_id: str) -> HttpResponse:
    wh, ref = _household_or_404(request, year, household_id)
    folder = selectors.household_classification(request.user, ref)
    initial: dict[str, Any] = {"khok_nong_na_role": "none"}
    if folder is not None:
        initial = {
            f: getattr(folder, f)
            for f in (
                "household_type",
                "household_type_other",
                "wants_help",
                "help_kinds",
                "help_other",
                "debt_cause",
                "occupational_skills",
                "khok_nong_na_role",
                "khok_nong_na_budgets",
                "community_funds",
                "community_funds_other",
            )
        }
    form = ClassificationForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.classification_save(
                actor=request.user,
                household=ref,
                household_type=d["household_type"],
                household_type_other=d["household_type_other"],
                wants_help=d["wants_help"],
                help_kinds=d["help_kinds"],
                help_other=d["help_other"],
                debt_cause=d["debt_cause"],
                occupational_skills=d["occupational_skills"],
                khok_nong_na_role=d["khok_nong_na_role"],
                khok_nong_na_budgets=d["khok_nong_na_budgets"],
                community_funds=d["community_funds"],
                community_funds_other=d["community_funds_other"],
                photos=form.photos(),
                ip=client_ip(request),
            )
        except ValidationError as e:
            _form_errors(form, e)
        else:
            messages.success(request, _("บันทึกแบบสรุปข้อมูลครัวเรือนแล้ว"))
            return redirect(_household_url(ref, "folder"))
    existing = {p.kind: p for p in folder.photos.all()} if folder else {}
    photo_slots = [
        (form[f"photo_{k}"], existing.get(k), PhotoKind(k).label) for k in FOLDER_PHOTO_KINDS
    ]
    return render(
        request,
        "logbook/classify.html",
        {"form": form, "ref": ref, "folder": folder, "photo_slots": photo_slots, **_head(wh, ref)},
        status=400 if form.is_bound and form.errors else 200,
    )


# -- F16 mentors ---------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
@warehouse_view
def mentor(request: HttpRequest, year: int, household_id: str) -> HttpResponse:
    wh, ref = _household_or_404(request, year, household_id)
    current = selectors.household_mentor(request.user, ref)
    initial: dict[str, Any] = {"assigned_on": timezone.localdate()}
    if current is not None:
        initial.update(
            user=current.user_id,
            name=current.name,
            agency=current.agency,
            assigned_on=current.assigned_on,
        )
    form = MentorForm(
        request.POST or None,
        initial=initial,
        accounts=selectors.mentor_accounts(ref.village_code),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.mentor_assign(
                actor=request.user,
                household=ref,
                name=d["name"],
                agency=d["agency"],
                assigned_on=d["assigned_on"],
                user=form.account(),
                ip=client_ip(request),
            )
        except ValidationError as e:
            _form_errors(form, e)
        else:
            messages.success(request, _("บันทึกพี่เลี้ยงของครัวเรือนแล้ว"))
            return redirect(_household_url(ref, "mentor"))
    return render(
        request,
        "logbook/mentor.html",
        {"form": form, "ref": ref, "mentor": current, **_head(wh, ref)},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@login_required
def mentor_remove(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.visible_mentors(request.user).filter(pk=pk).first()
    if current is None:
        raise Http404
    ref = HouseholdRef(current.year, current.household_id, current.village_code)
    services.mentor_remove(actor=request.user, mentor=current, ip=client_ip(request))
    messages.success(request, _("ยกเลิกพี่เลี้ยงของครัวเรือนแล้ว"))
    return redirect(_household_url(ref, "mentor"))


# -- F15 pins and the area map ------------------------------------------------------------
def _province_features(codes: set[str] | None) -> dict[str, Any]:
    gj = provinces_geojson()
    feats = [f for f in gj["features"] if codes is None or f["properties"]["code"] in codes]
    return {"type": "FeatureCollection", "features": feats}


def _map_settings() -> dict[str, str]:
    from django.conf import settings

    return {
        "tile_url": settings.TPMAP_TILE_URL,
        "tile_attribution": settings.TPMAP_TILE_ATTRIBUTION,
    }


@require_http_methods(["GET", "POST"])
@warehouse_view
def pin(request: HttpRequest, year: int, household_id: str) -> HttpResponse:
    wh, ref = _household_or_404(request, year, household_id)
    current = selectors.household_pin(request.user, ref)
    profile_brief = _head(wh, ref)
    initial: dict[str, Any] = {"source": "map"}
    if current is not None:
        initial.update(latitude=current.latitude, longitude=current.longitude)
    form = PinForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.pin_set(
                actor=request.user,
                household=ref,
                latitude=d["latitude"],
                longitude=d["longitude"],
                source=d["source"],
                accuracy_m=d["accuracy_m"],
                ip=client_ip(request),
            )
        except ValidationError as e:
            _form_errors(form, e)
        else:
            messages.success(request, _("บันทึกพิกัดบ้านแล้ว"))
            return redirect(_household_url(ref, "location"))
    survey = (
        web_selectors.household_profile(
            wh, year=year, household_id=household_id, village_code=ref.village_code
        )
        or {}
    )
    start = None
    if current is not None:
        start = [float(current.latitude), float(current.longitude)]
    elif survey.get("latitude") is not None and survey.get("longitude") is not None:
        start = [float(survey["latitude"]), float(survey["longitude"])]
    map_data = {
        "provinces": _province_features({ref.village_code[:2]}),
        "start": start,
        **_map_settings(),
    }
    return render(
        request,
        "logbook/pin.html",
        {"form": form, "ref": ref, "pin": current, "map_data": map_data, **profile_brief},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_GET
@warehouse_view
def area_map(request: HttpRequest) -> HttpResponse:
    wh = get_warehouse()
    years = wh.years
    year = years[-1] if years else 0
    raw = request.GET.get("year", "")
    if raw.isdigit() and int(raw) in years:
        year = int(raw)
    prefix = scope_prefix(request.user) or ""
    area = narrow(request.user, request.GET.get("area", "")) or prefix
    if area == areas.COUNTRY_CODE:
        area = ""
    pins = selectors.area_pins(wh, request.user, year=year, prefix=area)
    for p in pins:
        p["url"] = reverse("logbook:household", args=[year, p["household_id"]])
        p["thumbs"] = [reverse("logbook:photo_thumb", args=[pk]) for pk in p.pop("photos")]
    codes = None if not prefix else {prefix[:2]}
    map_data = {"provinces": _province_features(codes), "pins": pins, **_map_settings()}
    legend = [
        (selectors.PIN_COLOURS[k], label)
        for k, label in (
            ("developable", _("พัฒนาได้")),
            ("welfare", _("ต้องสงเคราะห์")),
            ("gone", _("เสียชีวิต/ย้ายออก")),
            ("other", _("อื่น ๆ")),
            (None, _("ยังไม่จำแนก")),
        )
    ]
    return render(
        request,
        "logbook/map.html",
        {
            "map_data": map_data,
            "year": year,
            "years": years,
            "pin_count": len(pins),
            "legend": legend,
        },
    )


# -- photos: served only inside the officer's area ----------------------------------------
@require_GET
@login_required
def photo(request: HttpRequest, pk: int, thumb: bool = False) -> FileResponse:
    p = selectors.visible_photo(request.user, pk)
    if p is None:
        raise Http404
    f = p.thumbnail if thumb else p.image
    try:
        handle = f.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def home(request: HttpRequest) -> HttpResponse:
    return redirect("logbook:search")
