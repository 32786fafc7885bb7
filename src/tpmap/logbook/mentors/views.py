"""F16: a household's mentor, assigned, replaced and removed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tpmap.logbook import selectors, services
from tpmap.logbook.household.access import FormPage, household_url
from tpmap.logbook.mentors import selectors as mentor_selectors
from tpmap.logbook.mentors.forms import MentorForm
from tpmap.logbook.mentors.limits import mentor_limit
from tpmap.logbook.models import Mentor, MentorKind
from tpmap.logbook.services import HouseholdRef
from tpmap.site.forms import input_from
from tpmap.site.lang import dimension_names
from tpmap.site.officers import Act, act_of
from tpmap.site.warehouse import Warehouse


def _form(request: HttpRequest, wh: Warehouse, ref: HouseholdRef, now: Mentor | None) -> MentorForm:
    main = mentor_selectors.main_dimension(wh, ref)
    initial: dict[str, Any] = {"assigned_on": timezone.localdate(), "dimension": main}
    if now is not None:
        initial.update(
            user=now.user_id,
            name=now.name,
            agency=now.agency,
            assigned_on=now.assigned_on,
            kind=now.kind,
            dimension=now.dimension,
        )
    accounts = selectors.mentor_accounts(ref.village_code)
    return MentorForm(
        request.POST or None,
        initial=initial,
        accounts=accounts,
        loads=mentor_selectors.mentor_loads(ref.year, [u.pk for u in accounts]),
        limit=mentor_limit(ref.village_code),
    )


def _context(
    wh: Warehouse, ref: HouseholdRef, now: Mentor | None, form: MentorForm
) -> dict[str, Any]:
    main = mentor_selectors.main_dimension(wh, ref)
    return {
        "mentor": now,
        "main_dimension": dimension_names().get(main) if main else None,
        "limit": mentor_limit(ref.village_code),
    }


def _save(act: Act, ref: HouseholdRef, form: MentorForm) -> object:
    data = input_from(
        services.MentorInput,
        form.cleaned_data,
        user=form.account(),
        dimension=form.cleaned_data.get("dimension") or "",
        kind=form.cleaned_data.get("kind") or MentorKind.CIVIL_SERVANT,
    )
    return services.mentor_assign(act, household=ref, data=data)


SAVED = gettext_lazy("บันทึกพี่เลี้ยงของครัวเรือนแล้ว")
MENTOR = FormPage(
    "logbook/mentor.html", "mentor", SAVED, selectors.household_mentor, _form, _save, _context
)


@require_POST
@login_required
def mentor_remove(request: HttpRequest, pk: int) -> HttpResponse:
    current = get_object_or_404(selectors.visible_mentors(request.user), pk=pk)
    ref = HouseholdRef(current.year, current.household_id, current.village_code)
    services.mentor_remove(act_of(request), mentor=current)
    messages.success(request, _("ยกเลิกพี่เลี้ยงของครัวเรือนแล้ว"))
    return redirect(household_url(ref, "mentor"))
