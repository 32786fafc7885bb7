"""Audits: a normal build passes every one of them; a build whose tables break a rule
fails with the offending rows, publishes nothing and leaves CURRENT as it was."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.warehouse.conftest import H1, write_personas
from tpmap.warehouse import layout
from tpmap.warehouse.build import BuildError, audits, build, reference, steps
from tpmap.warehouse.engine import Engine

AUDIT_NAMES = {a.name for a in audits.load_audits()}


def test_every_audit_file_names_its_rule_and_scope() -> None:
    assert {
        "children_sum_to_parent",
        "corrections_leave_the_counts",
        "one_first_match_group",
        "rows_in_accepted_rejected",
        "transitions_account_for_the_poor",
    } == AUDIT_NAMES
    for a in audits.load_audits():
        assert a.rule and a.scope in ("year", "build") and not a.sql.endswith(";")


def test_a_normal_build_passes_every_audit(personas_2562: tuple[Path, Path]) -> None:
    version = layout.current_version(personas_2562[1])
    assert version is not None
    report = json.loads((version / layout.BUILD_REPORT).read_text())
    ran = [*report["years"]["2562"]["audits"], *report["audits"]]
    assert {r["audit"] for r in ran} == AUDIT_NAMES
    assert all(r["rows"] == 0 and "examples" not in r for r in ran)


def _versions(warehouse: Path) -> list[str]:
    return sorted(p.name for p in layout.versions_dir(warehouse).iterdir())


def _rebuild_with(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    module: object,
    name: str,
    patch: Any,
    match: str,
) -> dict[str, Any]:
    """Build the personas (a good first version), rebuild with ``module.name`` replaced by
    ``patch``: the rebuild must fail with ``match``, publish nothing and leave CURRENT as it
    was. Returns the failed build's report."""
    sources, wh = tmp_path / "s", tmp_path / "wh"
    write_personas(sources / "2562")
    build(sources, wh)
    current, before = layout.current_version(wh), _versions(wh)
    monkeypatch.setattr(module, name, patch)
    with pytest.raises(BuildError, match=match) as e:
        build(sources, wh)
    assert layout.current_version(wh) == current
    assert _versions(wh) == before  # no new version, no partial folder left
    assert e.value.report is not None
    return e.value.report


def test_a_parent_that_is_not_the_sum_of_its_children_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    area_tables = reference.area_tables

    def broken(eng: Engine) -> None:
        area_tables(eng)
        eng.execute(
            "UPDATE area_stats SET households_surveyed = households_surveyed + 1 "
            "WHERE area_code = '34' AND scope = 'all'"
        )

    report = _rebuild_with(
        tmp_path, monkeypatch, reference, "area_tables", broken, "children_sum_to_parent"
    )
    failed = [r for r in report["audits"] if r["rows"]]
    assert [r["audit"] for r in failed] == ["children_sum_to_parent"]
    # The province no longer sums to its districts, nor the country to its provinces.
    assert {(x["area_code"], x["measure"]) for x in failed[0]["examples"]} == {
        ("34", "households_surveyed"),
        ("TH", "households_surveyed"),
    }


def test_a_person_outside_their_first_match_group_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    targets_sql = steps.person_targets_sql

    def no_first_match(*args: Any) -> str:
        # Every rule that holds is kept, but nobody is given their first-match group.
        return f'SELECT * REPLACE (NULL::VARCHAR AS "group") FROM ({targets_sql(*args)})'

    _rebuild_with(
        tmp_path,
        monkeypatch,
        steps,
        "person_targets_sql",
        no_first_match,
        r"one_first_match_group \(2562\)",
    )


def test_a_row_neither_accepted_nor_rejected_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_villages = reference.add_villages

    def counted_twice(eng: Engine) -> None:
        add_villages(eng)
        eng.execute("INSERT INTO rej_bmn_person SELECT * FROM rej_bmn_person")

    report = _rebuild_with(
        tmp_path, monkeypatch, reference, "add_villages", counted_twice, "rows_in_accepted_rejected"
    )
    [failed] = [r for r in report["years"]["2562"]["audits"] if r["rows"]]
    assert failed["examples"] == [
        {"source": "bmn_person", "rows_in": 7, "accepted": 6, "rejected": 2}
    ]


def test_an_audit_pointed_at_a_crafted_table_stops_the_first_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crafted = audits.parse_audit(
        "no_household_h1",
        "-- Audit: no household is called H1 (a rule made up for this test).\n"
        "-- Scope: year\n"
        f"SELECT household_id, village_code FROM out_household WHERE household_id = '{H1}';\n",
    )
    real = audits.load_audits()
    monkeypatch.setattr(audits, "load_audits", lambda: (*real, crafted))
    write_personas(tmp_path / "s" / "2562")
    with pytest.raises(BuildError, match=r"no_household_h1 \(2562\): 1 row") as e:
        build(tmp_path / "s", tmp_path / "wh")
    assert "'village_code': '34010101'" in str(e.value)
    assert layout.current_version(tmp_path / "wh") is None
    assert _versions(tmp_path / "wh") == []
