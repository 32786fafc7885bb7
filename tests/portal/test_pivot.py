"""The public pivot (F25): every cell is the published statistic of its area (``*`` when
the disclosure rule hides it), every total the sum of its cells or hidden when one of them
is; the files carry the same table."""

from __future__ import annotations

import csv
import html
import io
import re
from typing import Any

import pytest

from tpmap.core.indicators import DIMENSIONS
from tpmap.warehouse.read import public

pytestmark = pytest.mark.usefixtures("portal_settings")
COUNTS = (
    "households_surveyed",
    "persons_surveyed",
    "mpi_poor_households",
    "mpi_poor_persons",
    "target_households",
    "target_persons",
)


def shown(n: int | None) -> str:
    return "*" if n is None else str(n)


def table(text: str) -> list[list[str]]:
    m = re.search(r'data-table="pivot">(.*?)</table>', text, re.S)
    assert m
    return [
        [
            html.unescape(re.sub(r"<[^>]+>", "", c).strip())
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)
        ]
        for r in re.findall(r"<tr[^>]*>(.*?)</tr>", m.group(1), re.S)
    ]


def total(values: list[int | None]) -> str:
    return "*" if any(v is None for v in values) else str(sum(v or 0 for v in values))


@pytest.mark.parametrize(
    ("area", "level", "kind"),
    [
        ("TH", "province", "count"),
        ("TH", "district", "dimension"),
        ("75", "subdistrict", "dimension"),
        ("7501", "village", "count"),
    ],
)
def test_every_cell_is_the_published_statistic_or_hidden(
    client: Any, wh: Any, area: str, level: str, kind: str
) -> None:
    year = wh.years[-1]
    r = client.get("/open/pivot/", {"year": year, "area": area, "level": level, "kind": kind})
    assert r.status_code == 200
    rows = table(r.content.decode())
    stats = public.level_stats(wh, year=year, level=level, parent=None if area == "TH" else area)
    keys = COUNTS if kind == "count" else tuple(f"{d}_target_persons" for d in DIMENSIONS)
    body = rows[1:-1] if len(stats) > 1 else rows[1:]
    assert [row[1:] for row in body] == [[shown(s[k]) for k in keys] for s in stats]
    if len(stats) > 1:
        assert rows[-1][1:] == [total([s[k] for s in stats]) for k in keys]
    if level == "village":
        assert any("*" in row for row in body)  # small villages' counts are hidden


def test_the_welfare_card_toggle_counts_households_without_a_card(client: Any, wh: Any) -> None:
    year = wh.years[-1]
    params = {"year": year, "area": "TH", "level": "province", "kind": "count", "card": "none"}
    text = client.get("/open/pivot/", params).content.decode()
    stats = public.level_stats(wh, year=year, level="province", scope="no_card")
    assert [row[1:] for row in table(text)[1:-1]] == [[shown(s[k]) for k in COUNTS] for s in stats]
    assert "card=none&amp;format=csv" in text


def test_the_areas_go_in_the_columns_and_the_file_is_the_table(client: Any, wh: Any) -> None:
    year = wh.years[-1]
    params = {"year": year, "area": "TH", "level": "province", "kind": "dimension"}
    rows = table(client.get("/open/pivot/", {**params, "rows": "dimension"}).content.decode())
    stats = public.level_stats(wh, year=year, level="province")
    assert len(rows[0]) == 1 + len(stats) + 1  # the dimension, each province, the total
    # A person deprived in several dimensions counts in each: no total across dimensions.
    assert rows[-1][0] != "รวม"
    r = client.get("/open/pivot/", {**params, "format": "csv"})
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    page = table(client.get("/open/pivot/", params).content.decode())
    assert [line[1:] for line in lines[3:]] == [row[1:] for row in page[1:]]


def test_no_personal_data_and_unknown_areas_are_not_found(
    client: Any, wh: Any, secrets_of: dict[str, set[str]]
) -> None:
    text = client.get("/open/pivot/", {"area": "7501", "level": "village", "kind": "count"})
    body = text.content.decode()
    assert not any(n in body for n in secrets_of["names"])
    assert not re.search(r"\d{13}", body)
    assert client.get("/open/pivot/", {"area": "99"}).status_code == 404
    assert client.get("/open/pivot/", {"area": "7501xx"}).status_code == 404
    r = client.get("/open/pivot/", {"year": "abc", "level": "x", "kind": "y"})
    assert r.status_code == 200
