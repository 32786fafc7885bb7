"""The logbook and accounts migrations are squashed into one each, the replaced files
deleted. A database that ran the whole old chain (django_migrations holds only the old
names) is fully migrated: Django marks each squashed migration applied from its
``replaces`` and plans nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

pytestmark = pytest.mark.django_db

LOGBOOK = ("logbook", "0001_squashed_0009_ux")
ACCOUNTS = ("accounts", "0001_squashed_0004_api_token")
OLD_CHAIN = [
    ("accounts", "0001_initial"),
    ("accounts", "0002_audit_export"),
    ("accounts", "0003_first_login"),
    ("accounts", "0004_api_token"),
    ("logbook", "0001_initial"),
    ("logbook", "0002_monitoring"),
    ("logbook", "0003_api_version_client_id"),
    ("logbook", "0004_corrections_additions_assessments"),
    ("logbook", "0005_mentors_visits"),
    ("logbook", "0006_plans"),
    ("logbook", "0007_routing"),
    ("logbook", "0008_routing_data"),
    ("logbook", "0009_ux"),
]


def test_the_squashed_migrations_replace_the_old_chain() -> None:
    loader = MigrationLoader(connection)
    ours = sorted(key for key in loader.disk_migrations if key[0] in ("logbook", "accounts"))
    assert ours == [ACCOUNTS, LOGBOOK]
    replaced = [
        *loader.disk_migrations[ACCOUNTS].replaces,
        *loader.disk_migrations[LOGBOOK].replaces,
    ]
    assert replaced == OLD_CHAIN


def test_a_database_that_ran_the_old_chain_is_fully_migrated() -> None:
    recorder = MigrationRecorder(connection)
    recorder.migration_qs.filter(app__in=["logbook", "accounts"]).delete()
    for app, name in OLD_CHAIN:
        recorder.record_applied(app, name)

    loader = MigrationLoader(connection)
    assert LOGBOOK in loader.applied_migrations
    assert ACCOUNTS in loader.applied_migrations
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    out = StringIO()
    call_command("migrate", plan=True, stdout=out)
    assert out.getvalue() == "Planned operations:\n  No planned migration operations.\n"


def test_a_database_part_way_through_the_old_chain_is_not_taken_for_migrated() -> None:
    # Why docs/deploy.md sends such a database through the last release with the old files.
    recorder = MigrationRecorder(connection)
    recorder.migration_qs.filter(app__in=["logbook", "accounts"]).delete()
    for app, name in OLD_CHAIN[:11]:  # accounts complete, logbook up to 0007_routing
        recorder.record_applied(app, name)

    loader = MigrationLoader(connection)
    assert ACCOUNTS in loader.applied_migrations
    assert LOGBOOK not in loader.applied_migrations
    assert LOGBOOK not in loader.graph.nodes
