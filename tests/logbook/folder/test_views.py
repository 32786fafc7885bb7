"""F14 family folder through the test client."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.logbook.images import jpeg_with_gps
from tests.logbook.pages import text
from tests.web_kit import H1, YEAR
from tpmap.logbook.models import Classification

pytestmark = pytest.mark.django_db


def test_an_officer_classifies_a_household_with_its_5_photos(officer: Any) -> None:
    photos = {
        f"photo_{k}": SimpleUploadedFile(f"{k}.jpg", jpeg_with_gps(), "image/jpeg")
        for k in ("head", "members", "house", "surroundings_1", "surroundings_2")
    }
    r = officer.post(
        f"/households/{YEAR}/{H1}/folder/",
        {
            "household_type": "developable",
            "wants_help": "urgent",
            "help_kinds": ["training", "money"],
            "occupational_skills": "ทอผ้า",
            "khok_nong_na_role": "none",
            "community_funds": ["village_fund"],
            **photos,
        },
    )
    assert r.status_code == 302, text(r)[:2000]
    folder = Classification.objects.get()
    assert (folder.household_type, folder.wants_help, folder.help_kinds) == (
        "developable",
        "urgent",
        ["money", "training"],
    )
    assert folder.photos.count() == 5
    html = text(officer.get(f"/households/{YEAR}/{H1}/"))
    assert "มีความพร้อมสามารถพัฒนาได้" in html
