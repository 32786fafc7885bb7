"""A big year of ``households`` and ``persons`` is published in parts, each a key range, so
that a lookup opens one small file instead of every row group of the year (publish.py
LOOKUP_PARTS, Warehouse.lookup_source). Parts change where rows are, never what is read."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from tpmap.synth import generate
from tpmap.warehouse import layout
from tpmap.warehouse.build import build, publish
from tpmap.warehouse.engine import connect
from tpmap.warehouse.read import households as ws
from tpmap.warehouse.read.base import Warehouse
from tpmap.warehouse.read.statistics import summary

YEAR = 2566


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Warehouse, Warehouse]]:
    """The same sources built twice: one file per year (the default at this size) and in
    parts of at most 700 rows."""
    root = tmp_path_factory.mktemp("parts")
    generate(root / "sources", year=YEAR, households=1200, seed=3, provinces=["34", "35"])
    build(root / "sources", root / "whole")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(publish, "LOOKUP_PART_ROWS", 700)
        build(root / "sources", root / "parts")
    whole, parts = Warehouse(root / "whole"), Warehouse(root / "parts")
    yield whole, parts
    whole.close()
    parts.close()


def test_a_small_year_is_one_file_and_a_big_one_parts_in_key_ranges(
    pair: tuple[Warehouse, Warehouse],
) -> None:
    whole, parts = pair
    for table in ("households", "persons"):
        assert layout.year_table_files(whole.version, table, YEAR) == [
            layout.year_table_file(whole.version, table, YEAR)
        ]
    with connect() as eng:
        for table, key in (("households", "village_code"), ("persons", "household_id")):
            files = layout.year_table_files(parts.version, table, YEAR)
            total = eng.scalar("SELECT count(*) FROM read_parquet(?)", [[str(f) for f in files]])
            assert len(files) == -(-total // 700)  # ceil(rows / 700) parts
            # No key value is in two parts, and the parts follow each other in key order.
            spans = eng.fetchall(
                f"SELECT filename, min({key}), max({key}) FROM read_parquet(?, filename = true) "
                "GROUP BY filename",
                [[str(f) for f in files]],
            )
            by_file = {Path(name): (low, high) for name, low, high in spans}
            ordered = [by_file[f] for f in files if f in by_file]
            assert all(a[1] < b[0] for a, b in itertools.pairwise(ordered))


def test_parts_publish_the_same_rows_and_every_read_gives_the_same_documents(
    pair: tuple[Warehouse, Warehouse],
) -> None:
    whole, parts = pair
    for table in ("households", "persons"):
        read = [w.engine.fetchall(f"SELECT * FROM {table} ORDER BY ALL") for w in (whole, parts)]
        assert read[0] == read[1] and read[0]
    ids = [r[0] for r in whole.engine.fetchall("SELECT household_id FROM households")]
    assert len(ids) == 1200
    for hid in ids:
        doc = ws.household_document(whole, year=YEAR, household_id=hid)
        assert ws.household_document(parts, year=YEAR, household_id=hid) == doc
        assert (
            ws.household_document(
                parts, year=YEAR, household_id=hid, village_code=doc["village_code"]
            )
            == doc
        )
        assert ws.household_place(parts, year=YEAR, household_id=hid, prefix="34") == (
            ws.household_place(whole, year=YEAR, household_id=hid, prefix="34")
        )
    for hid in ids[:50]:
        assert ws.household_detail(parts, year=YEAR, household_id=hid) == ws.household_detail(
            whole, year=YEAR, household_id=hid
        )
    for area in ("TH", "34", "3501"):
        assert summary(parts, year=YEAR, area=area) == summary(whole, year=YEAR, area=area)
        assert ws.households_document(parts, year=YEAR, area=area) == ws.households_document(
            whole, year=YEAR, area=area
        )


def test_a_lookup_opens_only_the_part_that_can_hold_it(pair: tuple[Warehouse, Warehouse]) -> None:
    _, parts = pair
    first = parts.engine.fetchone(
        "SELECT household_id, village_code FROM households ORDER BY household_id LIMIT 1"
    )
    assert first is not None
    hid, village = first
    for table, equal in (
        ("persons", {"household_id": hid}),
        ("households", {"household_id": hid, "village_code": village}),
    ):
        source = parts.lookup_source(table, YEAR, equal)
        assert source is not None
        relation, params = source
        assert relation == "read_parquet(?)"
        assert len(params) == 1 and len(params[0]) == 1  # one file of several
    # A key no part holds opens nothing; a year with no files neither.
    assert parts.lookup_source("persons", YEAR, {"household_id": "0"}) is None
    assert ws.household_place(parts, year=YEAR, household_id="0") is None
    assert ws.household_place(parts, year=2500, household_id=hid) is None


def test_split_points_cut_a_table_into_ranges_of_equal_rows() -> None:
    with connect() as eng:
        eng.execute("CREATE TABLE t AS SELECT (100 + i)::VARCHAR AS k FROM range(12) r(i)")
        # 12 rows '100'..'111' of at most 4 rows a part: 3 parts, cut at the discrete
        # quantiles 1/3 and 2/3, the values at 0-based places floor(11/3) = 3 and
        # floor(22/3) = 7.
        assert eng.split_points("t", "k", 4) == ["103", "107"]
        assert eng.split_points("t", "k", 12) == []  # fits in one part
        eng.execute("CREATE TABLE same AS SELECT 'a' AS k FROM range(10)")
        assert eng.split_points("same", "k", 3) == ["a"]  # one value: one cut point


def test_file_ranges_come_from_the_footers(tmp_path: Path) -> None:
    with connect() as eng:
        path = tmp_path / "f.parquet"
        eng.copy_query_to_parquet(
            "SELECT * FROM (VALUES ('b', NULL), ('a', NULL), ('c', NULL)) v(k, empty)", path
        )
        assert eng.file_ranges([path], ["k", "empty"]) == {
            path: {"k": ("a", "c"), "empty": (None, None)}
        }


def test_split_points_of_a_big_table_come_from_a_fixed_sample(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tpmap.warehouse import engine

    monkeypatch.setattr(engine, "SPLIT_SAMPLE", 500)  # 10,000 rows: every ~20th key's hash
    with connect() as eng:
        eng.execute("CREATE TABLE t AS SELECT lpad(i::VARCHAR, 5, '0') AS k FROM range(10000) r(i)")
        sent: list[str] = []
        real = eng.scalar
        monkeypatch.setattr(
            eng, "scalar", lambda sql, params=None: sent.append(sql) or real(sql, params)
        )
        points = eng.split_points("t", "k", 2500)
        # 10,000 // 500 = 20: the keys whose hash is a multiple of 20, not every key.
        assert any("% 20 = 0" in sql for sql in sent)
        assert points == eng.split_points("t", "k", 2500)  # the same cut every time
        assert len(points) == 3
        bounds = [0, *(int(p) for p in points), 10000]
        sizes = [b - a for a, b in itertools.pairwise(bounds)]
        assert all(2000 <= size <= 3000 for size in sizes), sizes  # about a quarter each
