"""What an API request costs the database, pinned (issue 14, the load benchmark's mix): the
statements of the floor, a list, a household read with and without Logbook records and a
problem written, so that a change sending more cannot pass unnoticed. The household's
Logbook as read at once is the document the page's selectors give."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import Api
from tests.api.test_field import _upload
from tests.logbook.images import jpeg_with_gps
from tests.web_kit import H1, H2, YEAR
from tpmap.accounts.models import AuditEvent
from tpmap.api import serialize
from tpmap.logbook import selectors
from tpmap.logbook.models import Activity, Agency, MenuItem, Problem
from tpmap.logbook.routing.seed import seed_catalogue
from tpmap.logbook.services import HouseholdRef

PROBLEM = {"dimension": "income", "title": "รายได้ไม่พอ", "occurred_on": "2024-05-01"}
ACTIVITY = {"name": "ฝึกอาชีพ", "start_on": "2024-06-01", "end_on": "2024-06-30", "indicator": 20}
FOLDER = {"household_type": "developable", "wants_help": "wants"}


def _statements(api: Api, method: str, path: str, body: Any = None) -> tuple[Any, list[str]]:
    """The response and the SQL statements the request sent."""
    with CaptureQueriesContext(connection) as queries:
        r = api.get(path) if method == "GET" else api.send(method, path, body)
    # Not counted: the sweep of old rate counters, once per window and process.
    sweep = 'DELETE FROM "accounts_ratecounter"'
    return r, [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(sweep)]


def _agency(name: str) -> int:
    return Agency.objects.get(name=name, province_code="").pk


def test_the_floor_and_a_list_send_one_and_two_statements(api_as: Any) -> None:
    api: Api = api_as("district")
    r, sql = _statements(api, "GET", "/me")
    assert r.status_code == 200
    assert len(sql) == 1  # the token's live account
    r, sql = _statements(api, "GET", f"/households?year={YEAR}&area=3401")
    assert r.status_code == 200
    assert len(sql) == 2  # the token, the rate counters (one upsert)


def test_a_household_without_records_is_read_in_five_statements(api_as: Any) -> None:
    api: Api = api_as("district")
    r, sql = _statements(api, "GET", f"/households/{YEAR}/{H1}")
    assert r.status_code == 200
    # The token; the rate counters; the audit row (one INSERT, no SELECT before it); the
    # bulk-reading alert of the window and the households opened in it (one statement);
    # the kinds of record.
    assert len(sql) == 5, sql
    assert sum(s.startswith("INSERT") for s in sql) == 2
    assert AuditEvent.objects.filter(action="view").count() == 1


def test_after_the_bulk_reading_alert_a_read_sends_four(api_as: Any, settings: Any) -> None:
    settings.TPMAP_BULK_READ_HOUSEHOLDS = 1
    api: Api = api_as("district")
    for hid in (H1, H2):
        assert api.get(f"/households/{YEAR}/{hid}").status_code == 200
    assert AuditEvent.objects.filter(action="alert").count() == 1
    r, sql = _statements(api, "GET", f"/households/{YEAR}/{H1}")
    assert r.status_code == 200
    # The alert of the window is known: neither looked up nor counted again.
    assert len(sql) == 4, sql
    assert AuditEvent.objects.filter(action="view").count() == 3
    assert AuditEvent.objects.filter(action="alert").count() == 1


@pytest.mark.django_db
def test_a_household_with_every_kind_of_record_sends_one_statement_per_kind(
    api_as: Any, people: dict[str, Any]
) -> None:
    seed_catalogue(Agency, MenuItem)
    team: Api = api_as("team")
    district: Api = api_as("district")
    problem = team.post(f"/households/{YEAR}/{H1}/problems", PROBLEM).json()
    assert _upload(team, problem["id"], problem["version"], jpeg_with_gps()).status_code == 201
    first = {**ACTIVITY, "agency_id": _agency("กรมการพัฒนาชุมชน")}
    assert team.post(f"/households/{YEAR}/{H1}/activities", first).status_code == 201
    other = {**ACTIVITY, "agency_id": _agency("กรมพัฒนาฝีมือแรงงาน"), "start_on": "2024-06-15"}
    told = district.post(f"/households/{YEAR}/{H1}/activities", other)
    assert told.status_code == 201 and told.json()["duplicate_of"]
    pin = {"latitude": 15.2, "longitude": 104.8}
    assert district.send("PUT", f"/households/{YEAR}/{H1}/pin", pin).status_code == 201
    assert (
        district.send("PUT", f"/households/{YEAR}/{H1}/classification", FOLDER).status_code == 201
    )
    mentor = {"name": "ครูสมศรี", "agency": "โรงเรียน"}
    assert district.send("PUT", f"/households/{YEAR}/{H1}/mentor", mentor).status_code == 201

    r, sql = _statements(district, "GET", f"/households/{YEAR}/{H1}")
    assert r.status_code == 200
    # The five of a household without records, then problems, activities, pin, folder,
    # mentor, the photos of them all, and the activities' duplicates.
    assert len(sql) == 12, "\n".join(x[:150] for x in sql)
    # The same records as the page's selectors give, each read on its own.
    viewer = people["district"]
    ref = HouseholdRef(YEAR, H1, "34010101")
    records = [e.record for e in selectors.household_timeline(viewer, ref)]
    expected = {
        "problems": [serialize.problem(r) for r in records if isinstance(r, Problem)],
        "activities": [serialize.activity(r) for r in records if isinstance(r, Activity)],
        "pin": serialize.pin(selectors.household_pin(viewer, ref)),
        "classification": serialize.classification(selectors.household_classification(viewer, ref)),
        "mentor": serialize.mentor(selectors.household_mentor(viewer, ref)),
    }
    logbook = r.json()["logbook"]
    assert logbook == expected
    assert len(logbook["problems"][0]["photos"]) == 1
    assert [len(a["duplicates"]) for a in logbook["activities"]] == [1, 0]


@pytest.mark.django_db
def test_a_household_read_again_unchanged_sends_only_the_stamp(api_as: Any) -> None:
    team: Api = api_as("team")
    district: Api = api_as("district")
    made = team.post(f"/households/{YEAR}/{H1}/problems", PROBLEM).json()
    first = district.get(f"/households/{YEAR}/{H1}")
    # Its records unchanged: the Logbook document the process made before, after four
    # statements: the token, the rate counters, the audit row and the stamp (the household
    # was opened in the bulk-reading window already: not counted again).
    r, sql = _statements(district, "GET", f"/households/{YEAR}/{H1}")
    assert len(sql) == 4, sql
    assert r.json() == first.json()
    # A problem changed by another officer: read again, and the change is there.
    change = {**PROBLEM, "title": "รายได้ไม่พอใช้จ่าย", "version": made["version"]}
    assert team.send("PATCH", f"/problems/{made['id']}", change).status_code == 200
    r, sql = _statements(district, "GET", f"/households/{YEAR}/{H1}")
    # The four, then the problems (no photo counted in the stamp: none read).
    assert len(sql) == 5, "\n".join(x[:120] for x in sql)
    assert [(p["title"], p["version"]) for p in r.json()["logbook"]["problems"]] == [
        ("รายได้ไม่พอใช้จ่าย", 2)
    ]
    # Deleted: gone at the next read.
    gone = team.send("DELETE", f"/problems/{made['id']}", {"version": 2})
    assert gone.status_code == 204, gone.content
    assert district.get(f"/households/{YEAR}/{H1}").json()["logbook"]["problems"] == []


def test_a_problem_is_written_in_seventeen_statements(api_as: Any) -> None:
    api: Api = api_as("district")
    body = {**PROBLEM, "client_id": str(uuid.uuid4())}
    r, sql = _statements(api, "POST", f"/households/{YEAR}/{H1}/problems", body)
    assert r.status_code == 201, r.content
    # No SELECT per check constraint (the database checks them as it saves the row) and no
    # server-side cursor for one household's follow-up facts.
    assert not [s for s in sql if "_check" in s or "DECLARE" in s]
    # The token, the client_id seen before?, the agency matched, the problem, the audit row,
    # the follow-up rows (7, in the write's transaction: the row claimed and locked, the
    # corrections, the dates of every kind of record in one UNION, the months rewritten),
    # the problem's history; the savepoints of the transactions. Its photos (none yet) are
    # not read, for the audit row or the answer.
    assert not [s for s in sql if "logbook_photo" in s]
    assert len(sql) == 17, "\n".join(x[:150] for x in sql)
