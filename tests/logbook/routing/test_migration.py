"""The routing data step (once migration 0008_routing_data, now run by the squashed
logbook migration from tpmap.logbook.routing.migrate_data) maps every free-text agency of
the problems and activities to the catalogue (exact or normalised name) and keeps an
unknown one as an entry flagged "from old text", so nothing is lost."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.apps import apps as current_apps

from tests.web_kit import H1, H2
from tpmap.logbook.models import Activity, Agency, Problem
from tpmap.logbook.routing import migrate_data

pytestmark = pytest.mark.django_db


def test_old_agency_texts_are_mapped_or_kept_as_flagged_entries(people: dict[str, Any]) -> None:
    # Rows as the old free-text form left them: an agency text and no catalogue entry.
    author = people["district"].pk
    common = {"year": 2566, "village_code": "34010101", "created_by_id": author, "performer": "ก"}
    Problem.objects.create(
        household_id=H1, title="ก", agency="กรมการพัฒนาชุมชน", occurred_on=date(2026, 1, 1), **common
    )
    Problem.objects.create(
        household_id=H2,
        title="ข",
        agency=" กระทรวง สาธารณสุข ",
        occurred_on=date(2026, 1, 1),
        **common,
    )
    Activity.objects.create(
        household_id=H1, name="ค", agency="อบต.ในเมือง", start_on=date(2026, 1, 2), **common
    )
    Activity.objects.create(
        household_id=H2, name="ง", agency="อบต. ในเมือง", start_on=date(2026, 1, 3), **common
    )
    assert Problem.objects.filter(agency_ref__isnull=False).count() == 0

    migrate_data.forward(current_apps, None)

    got = sorted(
        (p.agency, p.agency_ref.name, p.agency_ref.level)
        for p in Problem.objects.select_related("agency_ref")
        if p.agency_ref is not None
    )
    assert got == [
        (" กระทรวง สาธารณสุข ", "กระทรวงสาธารณสุข", "ministry"),
        ("กรมการพัฒนาชุมชน", "กรมการพัฒนาชุมชน", "department"),
    ]
    # Both spellings of the unknown agency become one entry, flagged, the text kept.
    flagged = Agency.objects.filter(from_old_text=True)
    assert [(a.name, a.level) for a in flagged] == [("อบต. ในเมือง", "other")]
    assert sorted((a.agency, a.agency_ref_id) for a in Activity.objects.all()) == [
        ("อบต. ในเมือง", flagged[0].pk),
        ("อบต.ในเมือง", flagged[0].pk),
    ]
    # A second run maps nothing again and adds no entry.
    migrate_data.forward(current_apps, None)
    assert Agency.objects.filter(from_old_text=True).count() == 1
