"""Writes of the Logbook against the database: scope checks, audit rows, photos that are
saved whole or not at all."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.logbook.images import jpeg_with_gps, webp
from tests.web_kit import H1, H4, YEAR
from tpmap.accounts.models import AuditEvent
from tpmap.logbook import services
from tpmap.logbook.models import Activity, Classification, Photo, Pin, Problem
from tpmap.logbook.photos import clean_photo
from tpmap.logbook.services import HouseholdRef
from tpmap.site.officers import Act

pytestmark = pytest.mark.django_db
HH1 = HouseholdRef(YEAR, H1, "34010101")
HH4 = HouseholdRef(YEAR, H4, "34020101")


def files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def new_problem(actor: Any, household: HouseholdRef = HH1, **kw: Any) -> Problem:
    args: dict[str, Any] = {
        "title": "หลังคาบ้านผุพัง",
        "details": "ฝนตกรั่วทั้งหลัง",
        "performer": "นายสมพร ประสงค์",
        "agency": "อบต.ในเมือง",
        "occurred_on": date(2026, 11, 20),
    }
    args.update(kw)
    return services.problem_create(
        Act(actor, ip="127.0.0.1"), household=household, data=services.ProblemInput(**args)
    )


def test_an_officer_records_a_problem_with_photos_and_it_is_audited(
    people: dict[str, Any], settings: Any
) -> None:
    district = people["district"]
    photo = clean_photo(jpeg_with_gps(), "roof.jpg")
    problem = new_problem(district, photos=[photo])
    assert Problem.objects.get() == problem
    assert (problem.village_code, problem.created_by) == ("34010101", district)
    stored = list(Photo.objects.all())
    assert [(p.kind, p.problem_id, p.width, p.height) for p in stored] == [
        ("problem", problem.pk, 640, 480)
    ]
    assert len(files_under(Path(settings.MEDIA_ROOT))) == 2  # image and thumbnail
    event = AuditEvent.objects.get()
    assert (event.action, event.object_type, event.household_id, event.area_code) == (
        "create",
        "problem",
        H1,
        "34010101",
    )
    assert event.after is not None
    assert event.after["title"] == "หลังคาบ้านผุพัง" and event.after["photos"] == [stored[0].pk]
    assert event.before is None and event.ip == "127.0.0.1"


def test_a_national_id_typed_into_free_text_is_kept_as_its_last_4_digits(
    people: dict[str, Any],
) -> None:
    problem = new_problem(people["district"], details="ผู้ป่วย 1100000000016 ติดเตียง")
    assert problem.details == "ผู้ป่วย x-xxxx-xxxxx-00-16 ติดเตียง"
    event = AuditEvent.objects.get()
    assert event.after is not None and "1100000000016" not in str(event.after)


def test_an_officer_cannot_write_to_a_household_outside_their_area(
    people: dict[str, Any], settings: Any
) -> None:
    with pytest.raises(PermissionDenied):
        new_problem(people["district"], HH4, photos=[clean_photo(webp())])
    with pytest.raises(PermissionDenied):
        services.pin_set(
            Act(people["team"]),
            data=services.PinInput(
                latitude=Decimal("15.3"), longitude=Decimal("104.9"), source="map"
            ),
            household=HH4,
        )
    assert not Problem.objects.exists() and not Pin.objects.exists()
    assert not AuditEvent.objects.exists()
    assert files_under(Path(settings.MEDIA_ROOT)) == []


def test_a_failure_while_saving_photos_leaves_no_row_and_no_file(
    people: dict[str, Any], settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"n": 0}
    original = Photo.save

    def fail_on_second(self: Photo, *a: Any, **kw: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        original(self, *a, **kw)

    monkeypatch.setattr(Photo, "save", fail_on_second)
    photos = [clean_photo(webp(), "a.webp"), clean_photo(webp(), "b.webp")]
    with pytest.raises(OSError):
        new_problem(people["district"], photos=photos)
    assert not Problem.objects.exists() and not Photo.objects.exists()
    assert not AuditEvent.objects.exists()
    assert files_under(Path(settings.MEDIA_ROOT)) == []


def test_more_than_5_photos_are_refused(people: dict[str, Any]) -> None:
    photo = clean_photo(webp())
    with pytest.raises(ValidationError):
        new_problem(people["district"], photos=[photo] * 6)
    assert not Problem.objects.exists()


def test_an_activity_links_to_the_problem_it_addresses(people: dict[str, Any]) -> None:
    team = people["team"]
    problem = new_problem(team)
    activity = services.activity_create(
        Act(team),
        data=services.ActivityInput(
            name="ซ่อมหลังคาบ้าน",
            performer="ทีมปฏิบัติการตำบลในเมือง",
            agency="อบต.ในเมือง",
            start_on=date(2026, 11, 21),
            end_on=date(2026, 11, 25),
            indicator=13,
            problem=problem,
        ),
        household=HH1,
    )
    assert Activity.objects.get().problem == problem
    assert list(problem.activities.all()) == [activity]
    with pytest.raises(ValidationError):
        services.activity_create(
            Act(team),
            data=services.ActivityInput(
                name="x",
                performer="x",
                agency="x",
                start_on=date(2026, 11, 21),
                end_on=date(2026, 11, 1),
            ),
            household=HH1,
        )
    assert Activity.objects.count() == 1


def test_only_the_author_or_the_area_admin_deletes_a_record(
    people: dict[str, Any], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    problem = new_problem(people["team"], photos=[clean_photo(webp())])
    with pytest.raises(PermissionDenied):
        services.problem_delete(Act(people["district"]), problem=problem)
    with pytest.raises(PermissionDenied):
        services.problem_delete(Act(people["other_admin"]), problem=problem)
    with django_capture_on_commit_callbacks(execute=True):
        services.problem_delete(Act(people["prov_admin"]), problem=problem)
    assert not Problem.objects.exists() and not Photo.objects.exists()
    assert files_under(Path(settings.MEDIA_ROOT)) == []
    deleted = AuditEvent.objects.get(action="delete")
    assert deleted.actor == people["prov_admin"]
    assert deleted.before is not None and deleted.before["title"] == "หลังคาบ้านผุพัง"
    assert deleted.after is None


def test_the_family_folder_is_created_then_changed_and_a_slot_photo_replaced(
    people: dict[str, Any],
) -> None:
    district = people["district"]
    folder = services.classification_save(
        Act(district),
        data=services.FolderInput(
            household_type="developable",
            wants_help="urgent",
            help_kinds=["training", "goods"],
            khok_nong_na_role="owner",
            khok_nong_na_budgets=["cdd"],
            community_funds=["village_fund"],
            photos={"head": clean_photo(webp(), "head.webp"), "house": clean_photo(webp())},
        ),
        household=HH1,
    )
    assert folder.help_kinds == ["goods", "training"]  # the form's order
    assert sorted(folder.photos.values_list("kind", flat=True)) == ["head", "house"]
    first_head = folder.photos.get(kind="head").pk
    services.classification_save(
        Act(district),
        data=services.FolderInput(
            household_type="welfare",
            wants_help="wants",
            khok_nong_na_role="none",
            khok_nong_na_budgets=["cdd"],
            photos={"head": clean_photo(jpeg_with_gps())},
        ),
        household=HH1,
    )
    folder = Classification.objects.get()
    assert (folder.household_type, folder.khok_nong_na_budgets) == ("welfare", [])
    assert sorted(folder.photos.values_list("kind", flat=True)) == ["head", "house"]
    assert folder.photos.get(kind="head").pk != first_head
    assert list(
        AuditEvent.objects.filter(object_type="classification")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["create", "change"]
    with pytest.raises(ValidationError):
        services.classification_save(
            Act(district),
            data=services.FolderInput(household_type="rich", wants_help="no"),
            household=HH1,
        )


def test_a_pin_is_set_then_moved_and_must_lie_in_thailand(people: dict[str, Any]) -> None:
    team = people["team"]
    services.pin_set(
        Act(team),
        data=services.PinInput(
            latitude=Decimal("15.2287611111"),
            longitude=Decimal("104.8564"),
            source="gps",
            accuracy_m=8,
        ),
        household=HH1,
    )
    services.pin_set(
        Act(team),
        data=services.PinInput(
            latitude=Decimal("15.23"), longitude=Decimal("104.86"), source="map"
        ),
        household=HH1,
    )
    pin = Pin.objects.get()
    assert (pin.latitude, pin.longitude, pin.source, pin.accuracy_m) == (
        Decimal("15.230000"),
        Decimal("104.860000"),
        "map",
        None,
    )
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["create", "change"]
    with pytest.raises(ValidationError):
        services.pin_set(
            Act(team),
            data=services.PinInput(
                latitude=Decimal("35.6"), longitude=Decimal("139.7"), source="map"
            ),
            household=HH1,
        )
    assert Pin.objects.get().latitude == Decimal("15.230000")


def test_opening_a_household_is_audited_with_who_and_where_from(people: dict[str, Any]) -> None:
    services.household_opened(officer=people["prov_health"], household=HH1, ip="203.0.113.5")
    event = AuditEvent.objects.get()
    assert (event.action, event.actor_username, event.household_id, event.ip) == (
        "view",
        "prov_health",
        H1,
        "203.0.113.5",
    )
    with pytest.raises(PermissionDenied):
        services.household_opened(officer=people["other_admin"], household=HH1)


def test_the_sweep_deletes_old_files_that_no_photo_references(
    people: dict[str, Any], settings: Any
) -> None:
    import json
    import os
    import time
    from io import StringIO

    from django.core.management import call_command

    media = Path(settings.MEDIA_ROOT)
    problem = new_problem(people["district"], photos=[clean_photo(webp())])
    photo = problem.photos.get()
    kept = sorted([str(photo.image.name), str(photo.thumbnail.name)])
    # What a killed upload leaves: files written, row never committed.
    folder = media / "photos" / "3401" / H1
    old_orphan, new_orphan = folder / "dead.jpg", folder / "inflight.jpg"
    old_orphan.write_bytes(b"x")
    new_orphan.write_bytes(b"y")
    two_hours_ago = time.time() - 7200
    os.utime(old_orphan, (two_hours_ago, two_hours_ago))
    for name in kept:  # a referenced file is kept however old it is
        os.utime(media / name, (two_hours_ago, two_hours_ago))

    out = StringIO()
    call_command("tpmap_photos_sweep", "--dry-run", stdout=out)
    assert json.loads(out.getvalue()) == {"deleted": 0, "orphans": [f"photos/3401/{H1}/dead.jpg"]}
    assert old_orphan.exists()

    out = StringIO()
    call_command("tpmap_photos_sweep", stdout=out)
    assert json.loads(out.getvalue()) == {"deleted": 1, "orphans": [f"photos/3401/{H1}/dead.jpg"]}
    assert files_under(media) == sorted([*kept, f"photos/3401/{H1}/inflight.jpg"])
    assert Photo.objects.count() == 1

    out = StringIO()
    call_command("tpmap_photos_sweep", "--min-age-minutes", "0", stdout=out)
    assert json.loads(out.getvalue())["deleted"] == 1
    assert files_under(media) == kept
