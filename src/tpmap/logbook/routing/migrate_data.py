"""The routing data migration's functions (run by the squashed logbook migration; they
were migration ``0008_routing_data``): the agency catalogue's national rows (the lead and
co-responsible ministries of the BMN questionnaires and the departments they or the
default menu name), the default solution menu, and every free-text agency of the problems
and activities mapped to the catalogue (by exact or normalised name; an unknown text
becomes an entry flagged "from old text", so nothing is lost).

Both take the app registry the migration passes (its historical models) or, in a test,
``django.apps.apps`` (the current ones)."""

from __future__ import annotations

from typing import Any

from tpmap.core.routing import normalise
from tpmap.logbook.routing.seed import seed_catalogue


def forward(apps: Any, schema_editor: Any) -> None:
    """Seed the catalogue and the menu; point every problem and activity that has only a
    free-text agency at its catalogue entry."""
    Agency = apps.get_model("logbook", "Agency")
    MenuItem = apps.get_model("logbook", "MenuItem")
    Problem = apps.get_model("logbook", "Problem")
    Activity = apps.get_model("logbook", "Activity")
    seed_catalogue(Agency, MenuItem)
    known = {normalise(a.name): a for a in Agency.objects.all()}
    for model in (Problem, Activity):
        texts = model.objects.filter(agency_ref__isnull=True).values_list("agency", flat=True)
        for text in sorted(set(texts)):
            key = normalise(text)
            agency = known.get(key)
            if agency is None and key:
                agency = Agency.objects.create(
                    name=text.strip()[:200], level="other", from_old_text=True
                )
                known[key] = agency
            if agency is not None:
                model.objects.filter(agency=text, agency_ref__isnull=True).update(agency_ref=agency)


def backward(apps: Any, schema_editor: Any) -> None:
    """Undo ``forward``: unlink the records, drop the routing events, menu and catalogue."""
    apps.get_model("logbook", "Problem").objects.update(agency_ref=None, menu_item=None)
    apps.get_model("logbook", "Activity").objects.update(agency_ref=None)
    apps.get_model("logbook", "ProblemEvent").objects.all().delete()
    apps.get_model("logbook", "MenuItem").objects.all().delete()
    Agency = apps.get_model("logbook", "Agency")
    Agency.objects.filter(parent__isnull=False).delete()
    Agency.objects.all().delete()
