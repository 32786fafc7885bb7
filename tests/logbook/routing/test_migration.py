"""The data migration 0008_routing_data maps every free-text agency of the problems and
activities to the catalogue (exact or normalised name) and keeps an unknown one as an
entry flagged "from old text", so nothing is lost."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.web_kit import H1, H2

# Transactional (migrations cannot run inside a test transaction). No serialized_rollback:
# on PostgreSQL it re-inserts content types another transactional test's flush has
# recreated under new keys; the tests that need the seeded catalogue seed it themselves
# (routing.seed.seed_catalogue), and the schema is migrated forward again at the end.
pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("logbook", "0007_routing")]
AFTER = [("logbook", "0008_routing_data")]


@pytest.fixture(autouse=True)
def _schema_back_to_the_latest() -> Any:
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_old_agency_texts_are_mapped_or_kept_as_flagged_entries(people: dict[str, Any]) -> None:
    old = _migrate(BEFORE)
    Problem, Activity = old.get_model("logbook", "Problem"), old.get_model("logbook", "Activity")
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
    new = _migrate(AFTER)
    Agency = new.get_model("logbook", "Agency")
    Problem, Activity = new.get_model("logbook", "Problem"), new.get_model("logbook", "Activity")
    got = sorted((p.agency, p.agency_ref.name, p.agency_ref.level) for p in Problem.objects.all())
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
