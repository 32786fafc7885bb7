"""Writes through the Logbook's services: scopes, ownership, audit, client_id
idempotency, version conflicts and the error shape."""

from __future__ import annotations

import uuid
from typing import Any

from tests.api.conftest import Api
from tests.web_kit import H1, H4, H5, YEAR
from tpmap.accounts.models import AuditEvent
from tpmap.logbook.models import Activity, Classification, Mentor, Pin, Problem
from tpmap.site.officers import Act

PROBLEM = {"dimension": "income", "title": "รายได้ไม่พอ", "occurred_on": "2024-05-01"}


def _problem(api: Api, **extra: Any) -> Any:
    r = api.post(f"/households/{YEAR}/{H1}/problems", {**PROBLEM, **extra})
    assert r.status_code == 201, r.content
    return r.json()


def test_it_creates_a_problem_through_the_service(api_as: Any, people: dict[str, Any]) -> None:
    r = api_as("district").post(
        f"/households/{YEAR}/{H1}/problems",
        {**PROBLEM, "indicator": 22, "details": "บัตร 1100000000016 หาย"},
    )
    assert r.status_code == 201
    body = r.json()
    p = Problem.objects.get()
    assert body["id"] == p.pk and body["version"] == 1 == p.version
    assert (p.household_id, p.village_code, p.dimension, p.indicator, p.status) == (
        H1, "34010101", "income", 22, "open",
    )  # fmt: skip
    assert p.created_by == people["district"]
    assert (p.performer, p.agency) == ("district ทดสอบ", "ที่ว่าการอำเภอเมืองอุบลราชธานี")
    assert p.details == "บัตร x-xxxx-xxxxx-00-16 หาย"  # the service masks a typed NID
    assert body["details"] == p.details
    event = AuditEvent.objects.get(action="create")
    assert (event.object_type, event.object_id, event.household_id) == ("problem", str(p.pk), H1)


def test_the_same_client_id_twice_makes_one_record(api_as: Any) -> None:
    api: Api = api_as("district")
    cid = str(uuid.uuid4())
    first = api.post(f"/households/{YEAR}/{H1}/problems", {**PROBLEM, "client_id": cid})
    again = api.post(f"/households/{YEAR}/{H1}/problems", {**PROBLEM, "client_id": cid})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert Problem.objects.count() == 1
    assert AuditEvent.objects.filter(action="create").count() == 1
    # Another account's same client_id is its own record.
    other = api_as("team").post(f"/households/{YEAR}/{H1}/problems", {**PROBLEM, "client_id": cid})
    assert other.status_code == 201
    assert Problem.objects.count() == 2


def test_a_concurrent_retry_that_loses_the_race_gets_the_record(
    api_as: Any, monkeypatch: Any
) -> None:
    from tpmap.api import calls
    from tpmap.site.versioned import made_before as real

    api: Api = api_as("district")
    cid = str(uuid.uuid4())
    made = api.post(f"/households/{YEAR}/{H1}/problems", {**PROBLEM, "client_id": cid}).json()
    seen: list[int] = []

    def blind_once(*args: Any, **kwargs: Any) -> Any:
        # The retry's first look happens before the other request's row is committed.
        seen.append(1)
        return None if len(seen) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(calls, "made_before", blind_once)
    r = api.post(f"/households/{YEAR}/{H1}/problems", {**PROBLEM, "client_id": cid})
    assert r.status_code == 200
    assert r.json()["id"] == made["id"]
    assert Problem.objects.count() == 1


def test_a_household_outside_the_area_is_404_for_writes(api_as: Any) -> None:
    api: Api = api_as("other_admin")
    for path in ("problems", "activities"):
        r = api.post(
            f"/households/{YEAR}/{H1}/{path}", {**PROBLEM, "name": "x", "start_on": "2024-05-01"}
        )
        assert r.status_code == 404, path
    assert (
        api.send(
            "PUT", f"/households/{YEAR}/{H1}/pin", {"latitude": 15.2, "longitude": 104.8}
        ).status_code
        == 404
    )
    assert Problem.objects.count() == Activity.objects.count() == Pin.objects.count() == 0


def test_invalid_input_is_422_with_fields(api_as: Any) -> None:
    api: Api = api_as("district")
    r = api.post(
        f"/households/{YEAR}/{H1}/problems", {"dimension": "wealth", "occurred_on": "soon"}
    )
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"dimension", "title", "occurred_on"}
    assert error["fields"]["title"] == ["จำเป็นต้องระบุ"]
    future = api.post(f"/households/{YEAR}/{H1}/problems", {**PROBLEM, "occurred_on": "2999-01-01"})
    assert future.status_code == 422
    assert list(future.json()["error"]["fields"]) == ["occurred_on"]
    unknown = api.post(f"/households/{YEAR}/{H1}/problems", {**PROBLEM, "indicator": 35})
    assert unknown.status_code == 422  # questionnaire 2560 has 31 indicators
    english = Api(api.token, lang="en").post(f"/households/{YEAR}/{H1}/problems", {})
    assert english.json()["error"]["message"] == "The data sent is not valid"
    assert english.json()["error"]["fields"]["title"] == ["Field required"]
    english_rule = Api(api.token, lang="en").post(
        f"/households/{YEAR}/{H1}/problems", {**PROBLEM, "occurred_on": "2999-01-01"}
    )
    assert english_rule.json()["error"]["fields"] == {
        "occurred_on": ["The date cannot be in the future"]
    }
    assert Problem.objects.count() == 0


def test_bad_json_and_huge_numbers_are_4xx(api_as: Any) -> None:
    api: Api = api_as("district")
    r = api.send("POST", f"/households/{YEAR}/{H1}/problems", raw="{not json")
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "bad_request"
    assert api.get(f"/problems/{10**30}").status_code == 422
    assert api.send("PATCH", "/problems/1", {"version": 10**30}).status_code == 422
    assert api.post(f"/households/{YEAR}/{H1}/problems", [1, 2]).status_code == 422
    nul = api.post(f"/households/{YEAR}/{H1}/problems", {**PROBLEM, "title": "a\x00b"})
    assert nul.status_code == 422
    assert list(nul.json()["error"]["fields"]) == ["title"]
    assert api.get(f"/households/{10**20}/{H1}").status_code == 422
    assert api.get("/problems/1?version=abc").status_code == 404  # GET takes no version
    assert api.send("DELETE", "/problems/1?version=abc").status_code == 422


def test_a_body_too_big_is_413(api_as: Any, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    r = api_as("district").post(
        f"/households/{YEAR}/{H1}/problems", {**PROBLEM, "details": "x" * 2000}
    )
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "bad_request"
    assert Problem.objects.count() == 0


def test_an_update_with_the_version_read_raises_it(api_as: Any) -> None:
    api: Api = api_as("district")
    made = _problem(api)
    r = api.send(
        "PATCH",
        f"/problems/{made['id']}",
        {"version": 1, "status": "resolved", "resolved_on": "2024-06-01"},
    )
    assert r.status_code == 200, r.content
    assert (r.json()["version"], r.json()["status"], r.json()["title"]) == (
        2,
        "resolved",
        "รายได้ไม่พอ",
    )
    p = Problem.objects.get()
    assert (p.version, p.status, str(p.resolved_on)) == (2, "resolved", "2024-06-01")
    change = AuditEvent.objects.get(action="change")
    assert (change.before["version"], change.after["version"]) == (1, 2)


def test_a_stale_version_is_409_and_changes_nothing(api_as: Any) -> None:
    api: Api = api_as("district")
    made = _problem(api)
    assert (
        api.send("PATCH", f"/problems/{made['id']}", {"version": 1, "title": "ใหม่"}).status_code
        == 200
    )
    r = api.send("PUT", f"/problems/{made['id']}", {"version": 1, "title": "ทับ"})
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "conflict"
    assert r["X-Current-Version"] == "2"
    assert Problem.objects.get().title == "ใหม่"
    assert api.send("DELETE", f"/problems/{made['id']}?version=1").status_code == 409
    assert Problem.objects.count() == 1
    assert api.send("PATCH", f"/problems/{made['id']}", {"title": "x"}).status_code == 422


def test_only_the_author_or_an_administrator_changes_a_record(api_as: Any) -> None:
    made = _problem(api_as("district"))
    r = api_as("team").send("PATCH", f"/problems/{made['id']}", {"version": 1, "title": "x"})
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "forbidden"
    assert (
        api_as("other_admin").send("PATCH", f"/problems/{made['id']}", {"version": 1}).status_code
        == 404
    )
    assert api_as("other_admin").get(f"/problems/{made['id']}").status_code == 404
    assert Problem.objects.get().version == 1
    r = api_as("prov_admin").send("PATCH", f"/problems/{made['id']}", {"version": 1, "title": "แก้"})
    assert r.status_code == 200
    assert Problem.objects.get().title == "แก้"


def test_it_deletes_a_problem(api_as: Any) -> None:
    api: Api = api_as("district")
    made = _problem(api)
    assert api.send("DELETE", f"/problems/{made['id']}?version=1").status_code == 204
    assert Problem.objects.count() == 0
    assert AuditEvent.objects.filter(action="delete", object_type="problem").count() == 1
    assert api.send("DELETE", f"/problems/{made['id']}").status_code == 404


def test_activities_create_change_and_delete(api_as: Any) -> None:
    api: Api = api_as("district")
    problem = _problem(api)
    cid = str(uuid.uuid4())
    body = {
        "name": "ฝึกอาชีพ",
        "start_on": "2024-05-02",
        "indicator": 22,
        "problem_id": problem["id"],
        "client_id": cid,
    }
    r = api.post(f"/households/{YEAR}/{H1}/activities", body)
    assert r.status_code == 201, r.content
    a = Activity.objects.get()
    assert (a.name, a.problem_id, a.indicator, a.version, str(a.client_id)) == (
        "ฝึกอาชีพ",
        problem["id"],
        22,
        1,
        cid,
    )
    assert api.post(f"/households/{YEAR}/{H1}/activities", body).status_code == 200
    assert Activity.objects.count() == 1
    # A problem's names for the fields are accepted too.
    alias = api.post(
        f"/households/{YEAR}/{H1}/activities", {"title": "มอบพันธุ์ไม้", "occurred_on": "2024-05-03"}
    )
    assert alias.status_code == 201
    assert Activity.objects.get(pk=alias.json()["id"]).name == "มอบพันธุ์ไม้"
    bad_end = api.send("PATCH", f"/activities/{a.pk}", {"version": 1, "end_on": "2024-01-01"})
    assert bad_end.status_code == 422
    assert list(bad_end.json()["error"]["fields"]) == ["end_on"]
    r = api.send("PATCH", f"/activities/{a.pk}", {"version": 1, "end_on": "2024-06-01"})
    assert r.status_code == 200
    assert (r.json()["version"], r.json()["end_on"]) == (2, "2024-06-01")
    assert api.send("PATCH", f"/activities/{a.pk}", {"version": 1, "name": "x"}).status_code == 409
    assert api.send("DELETE", f"/activities/{a.pk}?version=2").status_code == 204
    assert not Activity.objects.filter(pk=a.pk).exists()


def test_an_activity_cannot_point_at_another_households_problem(api_as: Any) -> None:
    api: Api = api_as("prov_admin")
    problem = _problem(api)
    r = api.post(
        f"/households/{YEAR}/{H4}/activities",
        {"name": "x", "start_on": "2024-05-02", "problem_id": problem["id"]},
    )
    assert r.status_code == 422
    assert list(r.json()["error"]["fields"]) == ["problem_id"]
    assert Activity.objects.count() == 0


def test_a_pin_is_set_then_changed_with_its_version(api_as: Any) -> None:
    api: Api = api_as("team")
    path = f"/households/{YEAR}/{H1}/pin"
    r = api.send(
        "PUT",
        path,
        {"latitude": 15.2412345678, "longitude": 104.85, "source": "gps", "accuracy_m": 8},
    )
    assert r.status_code == 201, r.content
    pin = Pin.objects.get()
    assert (str(pin.latitude), pin.version, pin.accuracy_m) == ("15.241235", 1, 8)
    assert api.send("PUT", path, {"latitude": 15.3, "longitude": 104.8}).status_code == 409
    r = api.send("PUT", path, {"latitude": 15.3, "longitude": 104.8, "version": 1})
    assert r.status_code == 200
    assert (r.json()["version"], Pin.objects.get().version) == (2, 2)
    outside = api.send("PUT", path, {"latitude": 40.0, "longitude": 104.8, "version": 2})
    assert outside.status_code == 422
    assert list(outside.json()["error"]["fields"]) == ["latitude"]


def test_the_family_folder_is_saved_with_its_version(api_as: Any) -> None:
    api: Api = api_as("district")
    path = f"/households/{YEAR}/{H1}/classification"
    body = {
        "household_type": "developable",
        "wants_help": "wants",
        "help_kinds": ["money", "training"],
    }
    r = api.send("PUT", path, body)
    assert r.status_code == 201, r.content
    folder = Classification.objects.get()
    assert (folder.household_type, folder.help_kinds, folder.version) == (
        "developable",
        ["money", "training"],
        1,
    )
    bad = api.send("PUT", path, {**body, "help_kinds": ["gold"], "version": 1})
    assert bad.status_code == 422
    assert list(bad.json()["error"]["fields"]) == ["help_kinds"]
    assert api.send("PUT", path, {**body, "wants_help": "no", "version": 1}).json()["version"] == 2
    assert api.send("PUT", path, {**body, "version": 1}).status_code == 409
    assert Classification.objects.get().wants_help == "no"


def test_a_mentor_is_assigned_and_removed(api_as: Any, people: dict[str, Any]) -> None:
    api: Api = api_as("district")
    path = f"/households/{YEAR}/{H1}/mentor"
    r = api.send("PUT", path, {"user_id": people["team"].pk, "assigned_on": "2024-05-01"})
    assert r.status_code == 201, r.content
    m = Mentor.objects.get()
    assert (m.user, m.name, m.agency, m.version) == (
        people["team"],
        "team ทดสอบ",
        "ทีมปฏิบัติการตำบลในเมือง",
        1,
    )
    far = api.send("PUT", path, {"user_id": people["other_admin"].pk, "version": 1})
    assert far.status_code == 422
    assert list(far.json()["error"]["fields"]) == ["user_id"]
    named = api.send("PUT", path, {"name": "ครูสมศักดิ์", "agency": "โรงเรียนบ้านนาคำ", "version": 1})
    assert named.status_code == 200
    assert (Mentor.objects.get().name, Mentor.objects.get().user) == ("ครูสมศักดิ์", None)
    detail = api.get(f"/households/{YEAR}/{H1}").json()["logbook"]["mentor"]
    assert (detail["name"], detail["version"]) == ("ครูสมศักดิ์", 2)
    assert api.send("DELETE", f"{path}?version=1").status_code == 409
    assert api.send("DELETE", f"{path}?version=2").status_code == 204
    assert Mentor.objects.count() == 0


def test_the_household_read_lists_the_records_with_ids_and_versions(api_as: Any) -> None:
    api: Api = api_as("district")
    problem = _problem(api)
    api.send("PUT", f"/households/{YEAR}/{H1}/pin", {"latitude": 15.2, "longitude": 104.8})
    logbook = api.get(f"/households/{YEAR}/{H1}").json()["logbook"]
    assert [(p["id"], p["version"]) for p in logbook["problems"]] == [(problem["id"], 1)]
    assert (logbook["pin"]["version"], logbook["pin"]["latitude"]) == (1, 15.2)
    assert api_as("other_admin").get(f"/households/{YEAR}/{H5}").json()["logbook"]["problems"] == []


def test_a_change_made_on_the_page_meanwhile_makes_the_api_change_stale(
    api_as: Any, people: dict[str, Any]
) -> None:
    from datetime import date

    from tpmap.logbook import services

    api: Api = api_as("district")
    made = _problem(api)
    problem = Problem.objects.get()
    # What the Logbook's edit page does (no version: the page always writes).
    services.problem_update(
        Act(people["district"]),
        problem=problem,
        data=services.ProblemInput(
            title="แก้บนหน้าเว็บ", performer="district", agency="อำเภอ", occurred_on=date(2024, 5, 1)
        ),
    )
    assert Problem.objects.get().version == 2
    r = api.send("PATCH", f"/problems/{made['id']}", {"version": 1, "title": "จากโทรศัพท์"})
    assert r.status_code == 409
    assert Problem.objects.get().title == "แก้บนหน้าเว็บ"
