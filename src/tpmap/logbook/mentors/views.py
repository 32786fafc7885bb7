"""F16: a household's mentor, assigned, replaced and removed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tpmap.accounts.audit import client_ip
from tpmap.logbook import selectors, services
from tpmap.logbook.household.access import head, household_or_404, household_url, saved_or_none
from tpmap.logbook.mentors.forms import MentorForm
from tpmap.logbook.services import HouseholdRef
from tpmap.site.decorators import warehouse_view
from tpmap.site.forms import form_status, input_from
from tpmap.site.officers import officer_of


# -- F16 mentors ---------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
@warehouse_view
def mentor(request: HttpRequest, year: int, household_id: str) -> HttpResponse:
    wh, ref = household_or_404(request, year, household_id)
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
    saved = saved_or_none(
        request,
        form,
        lambda: services.mentor_assign(
            officer=officer_of(request),
            household=ref,
            data=input_from(services.MentorInput, form.cleaned_data, user=form.account()),
            ip=client_ip(request),
        ),
        done=_("บันทึกพี่เลี้ยงของครัวเรือนแล้ว"),
        to=household_url(ref, "mentor"),
    )
    if saved is not None:
        return saved
    return render(
        request,
        "logbook/mentor.html",
        {"form": form, "ref": ref, "mentor": current, **head(wh, ref)},
        status=form_status(form),
    )


@require_POST
@login_required
def mentor_remove(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.visible_mentors(request.user).filter(pk=pk).first()
    if current is None:
        raise Http404
    ref = HouseholdRef(current.year, current.household_id, current.village_code)
    services.mentor_remove(officer=officer_of(request), mentor=current, ip=client_ip(request))
    messages.success(request, _("ยกเลิกพี่เลี้ยงของครัวเรือนแล้ว"))
    return redirect(household_url(ref, "mentor"))
