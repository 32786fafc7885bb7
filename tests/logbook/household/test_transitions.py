"""F21 on the household page: a household's MPI-poor status between data years, from a
warehouse built with 2562 (the personas, Malee's household H2 failing income, indicator 22)
and 2566 (the web personas: H2 passes everything, H1 still fails 7 and 22)."""

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.logbook.pages import text
from tests.warehouse.conftest import write_personas
from tests.web_kit import H1, H2, YEAR, write_web_sources
from tpmap.accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def two_year_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tpmap.warehouse.build import build

    root = tmp_path_factory.mktemp("trwh")
    y2562 = root / "sources" / "2562"
    write_personas(y2562)
    path = y2562 / "bmn_household.csv"
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        if r["household_id"] == H2:
            r["ind_22"] = "0"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    write_web_sources(root / "sources" / str(YEAR))
    build(root / "sources", root / "wh")
    return root / "wh"


@pytest.fixture(autouse=True)
def _two_years(web_settings: Any, two_year_warehouse: Path) -> Iterator[None]:
    from tpmap.site import warehouse

    web_settings.TPMAP_WAREHOUSE = two_year_warehouse
    warehouse.reset()
    yield
    warehouse.reset()


def test_a_household_that_left_poverty_shows_its_years(officer: Any) -> None:
    r = officer.get(f"/households/{YEAR}/{H2}/")
    assert r.status_code == 200
    html = text(r)
    assert "ผลระหว่างปีข้อมูล" in html
    assert "ปี 2562 ตกเกณฑ์ด้านรายได้ → ปี 2566 ผ่าน" in html
    assert "พ้นเกณฑ์ MPI 1 คน" in html
    assert AuditEvent.objects.filter(action="view", household_id=H2).count() == 1


def test_a_household_still_poor_and_its_earlier_year(officer: Any) -> None:
    html = text(officer.get(f"/households/{YEAR}/{H1}/"))
    assert "ปี 2562 ตกเกณฑ์ด้านสุขภาพ, ด้านรายได้ → ปี 2566 ตกเกณฑ์ด้านสุขภาพ, ด้านรายได้" in html
    assert "ยังตกเกณฑ์ 3 คน" in html
    # The 2562 page of the same household looks forward to 2566.
    html = text(officer.get(f"/households/2562/{H2}/"))
    assert "ปี 2562 ตกเกณฑ์ด้านรายได้ → ปี 2566 ผ่าน" in html
