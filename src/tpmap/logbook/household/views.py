"""F7: the household page (members, BMN failures, timeline, folder, pin, mentor) and the
photos, served only inside the officer's area."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tpmap.accounts.audit import client_ip
from tpmap.accounts.roles import Role
from tpmap.logbook import labels, selectors, services
from tpmap.logbook.household.access import household_or_404
from tpmap.logbook.household.transitions import transition_lines
from tpmap.logbook.search.views import last_search_url
from tpmap.logbook.visits import selectors as visit_selectors
from tpmap.site.decorators import warehouse_view
from tpmap.site.lang import dimension_names
from tpmap.site.officers import officer_of
from tpmap.site.ratelimit import ratelimited


# -- F7 household page ----------------------------------------------------------------------
@require_GET
@warehouse_view
@ratelimited("household_read")
def household(request: HttpRequest, year: int, household_id: str) -> HttpResponse:
    wh, ref = household_or_404(request, year, household_id)
    profile = selectors.household_profile(
        wh, year=year, household_id=household_id, village_code=ref.village_code
    )
    if profile is None:
        raise Http404(_("ไม่พบครัวเรือนนี้ในพื้นที่ของท่าน"))
    services.household_opened(officer=officer_of(request), household=ref, ip=client_ip(request))
    members = profile["members"]
    corrections = selectors.household_corrections(request.user, ref)
    out_members = selectors.excluded_members(corrections)
    for m in members:
        m["excluded_by"] = out_members.get(m["member_no"])
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
        # A member a correction took out (moved out, deceased, ...) is no target here.
        "reasons": selectors.target_reasons(
            wh, {**profile, "members": [m for m in members if m["excluded_by"] is None]}
        ),
        "corrections": corrections,
        "excluded": selectors.household_excluded(corrections),
        "live": selectors.live_mpi(wh, profile, selectors.latest_assessment(request.user, ref)),
        "failed_dimensions": [
            (d, dimension_names()[d], labels.DIMENSION_ICONS[d])
            for d in profile["failed_dimensions"]
        ],
        "timeline": selectors.household_timeline(request.user, ref),
        "folder": selectors.household_classification(request.user, ref),
        "pin": selectors.household_pin(request.user, ref),
        "mentor": selectors.household_mentor(request.user, ref),
        "home_visits": visit_selectors.household_visits(request.user, ref),
        "policy": wh.policy(year),
        "transitions": transition_lines(wh, year=year, household_id=household_id),
        "printed_on": timezone.localdate(),
        "back_url": last_search_url(request),
    }
    return render(request, "logbook/household.html", context)


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
    """``/``: a visitor who is not logged in is offered the public portal (whose header
    links to the officers' login); a mentor lands on the households they look after (F16),
    every other officer on the search."""
    if not request.user.is_authenticated:
        return redirect("portal:landing")
    if getattr(request.user, "role", "") == Role.MENTOR:
        return redirect("logbook:my_households")
    return redirect("logbook:search")
