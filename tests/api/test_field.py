"""The offline field app's endpoints: the work list (only its households, only the visit's
fields, audited) and a photo added to a problem (version checked, cleaned, scoped)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.logbook.images import jpeg_with_gps
from tests.web_kit import H1, H2, H4, YEAR
from tpmap.accounts.models import AuditEvent
from tpmap.logbook.models import Mentor, Photo, Problem


def mentor_of(household_id: str, village: str, user: Any, by: Any) -> Mentor:
    return Mentor.objects.create(
        year=YEAR,
        household_id=household_id,
        village_code=village,
        name=user.username,
        user=user,
        agency="",
        assigned_on=date(2026, 11, 1),
        assigned_by=by,
    )


def test_the_work_list_holds_the_mentored_households_with_the_visit_fields_only(
    api_as: Any, people: dict[str, Any]
) -> None:
    mentor_of(H1, "34010101", people["team"], people["district"])
    r = api_as("team").get("/field/worklist")
    assert r.status_code == 200, r.content
    doc = r.json()
    assert doc["year"] == YEAR
    ids = [h["household_id"] for h in doc["households"]]
    assert ids[0] == H1 and H4 not in ids and len(ids) == len(set(ids))
    h1 = doc["households"][0]
    assert set(h1) == {
        "year", "household_id", "village_code", "house_no", "address", "head_name",
        "members", "failed_indicators", "failed_dimensions", "problems", "pin",
        "classification",
    }  # fmt: skip
    assert h1["head_name"] == "สมชาย ใจดี"
    assert "income_total" not in h1 and "indicators" not in h1
    assert all(set(m) == {"name", "nid_last4", "relation", "age", "sex"} for m in h1["members"])
    assert "1100000000016" not in r.content.decode()
    assert AuditEvent.objects.filter(action="view", household_id=H1).count() == 1


def test_a_district_account_gets_only_the_households_it_mentors(
    api_as: Any, people: dict[str, Any]
) -> None:
    assert api_as("district").get("/field/worklist").json()["households"] == []
    mentor_of(H2, "34010101", people["district"], people["district"])
    ids = [
        h["household_id"] for h in api_as("district").get("/field/worklist").json()["households"]
    ]
    assert ids == [H2]


def test_a_mentored_household_outside_the_area_is_left_out(
    api_as: Any, people: dict[str, Any]
) -> None:
    mentor_of(H4, "34020101", people["team"], people["prov_admin"])
    ids = [h["household_id"] for h in api_as("team").get("/field/worklist").json()["households"]]
    assert H4 not in ids


def test_the_work_list_needs_a_token() -> None:
    from django.test import Client

    assert Client().get("/api/v1/field/worklist").status_code == 401


def _problem(api: Any) -> dict[str, Any]:
    r = api.post(
        f"/households/{YEAR}/{H1}/problems",
        {"dimension": "living", "title": "หลังคารั่ว", "occurred_on": "2026-11-20"},
    )
    assert r.status_code == 201, r.content
    return dict(r.json())


def _upload(api: Any, pk: int, version: int, data: bytes, name: str = "roof.jpg") -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return api.client.post(
        f"/api/v1/problems/{pk}/photos",
        {"version": str(version), "photo": SimpleUploadedFile(name, data, "image/jpeg")},
        headers=api._headers(),
    )


def test_a_photo_is_added_to_a_problem_with_its_version(api_as: Any) -> None:
    api = api_as("district")
    problem = _problem(api)
    r = _upload(api, problem["id"], problem["version"], jpeg_with_gps())
    assert r.status_code == 201, r.content
    assert r.json()["version"] == problem["version"] + 1
    photo = Photo.objects.get()
    assert (photo.problem_id, photo.kind, photo.uploaded_by.username) == (
        problem["id"],
        "problem",
        "district",
    )
    assert r.json()["photos"] == [photo.pk]
    assert Problem.objects.get().title == "หลังคารั่ว"  # nothing else changed


def test_a_photo_on_a_stale_version_is_409_and_adds_nothing(api_as: Any) -> None:
    api = api_as("district")
    problem = _problem(api)
    assert _upload(api, problem["id"], problem["version"], jpeg_with_gps()).status_code == 201
    again = _upload(api, problem["id"], problem["version"], jpeg_with_gps())
    assert again.status_code == 409
    assert again["X-Current-Version"] == str(problem["version"] + 1)
    assert Photo.objects.count() == 1


def test_a_file_that_is_no_photo_is_422(api_as: Any) -> None:
    api = api_as("district")
    problem = _problem(api)
    r = _upload(api, problem["id"], problem["version"], b"not an image", "x.jpg")
    assert r.status_code == 422
    assert "photo" in r.json()["error"]["fields"]
    assert Photo.objects.count() == 0


def test_a_photo_for_a_problem_outside_the_area_is_404_and_of_another_officer_403(
    api_as: Any,
) -> None:
    problem = _problem(api_as("district"))
    outside = _upload(api_as("other_district"), problem["id"], 1, jpeg_with_gps())
    assert outside.status_code == 404
    assert _upload(api_as("team"), problem["id"], 1, jpeg_with_gps()).status_code == 403
    assert Photo.objects.count() == 0
