"""Dirty sources: every reject reason of docs/reject-reasons.md is injected and counted."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import Generated

DOC = Path(__file__).resolve().parents[2] / "docs" / "reject-reasons.md"


def _doc_reasons() -> dict[str, set[str]]:
    """The documented reasons of the sources the generator writes (the Logbook's own
    sources are documented too, but written by the Logbook, not generated)."""
    from tpmap.synth.output import SOURCES

    out: dict[str, set[str]] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|\s*(\w+)\s*\|\s*`(\w+)`\s*\|", line)
        if m and m.group(1) in SOURCES:
            out.setdefault(m.group(1), set()).add(m.group(2))
    return out


def test_every_reason_of_the_doc_is_injected_at_least_once(dirty_2562: Generated) -> None:
    doc = _doc_reasons()
    assert len(doc) == 7 and sum(len(v) for v in doc.values()) >= 44
    counts = dirty_2562.manifest["bad_rows_by_reason"]
    for source, reasons in doc.items():
        assert set(counts[source]) == reasons, source
        assert all(n > 0 for n in counts[source].values()), source


def test_questionnaire_2566_has_every_reason_but_out_of_range(dirty_2566: Generated) -> None:
    doc = _doc_reasons()
    m = dirty_2566.manifest
    assert m["reasons_not_injected"] == {"bmn_household": ["indicator_out_of_range"]}
    for source, reasons in doc.items():
        expected = reasons - {"indicator_out_of_range"}
        assert set(m["bad_rows_by_reason"][source]) == expected, source


def test_rows_are_good_rows_plus_counted_bad_rows(dirty_2562: Generated) -> None:
    m = dirty_2562.manifest
    for source, rows in m["rows"].items():
        bad = sum(m["bad_rows_by_reason"][source].values())
        assert bad == m["bad_rows"][source]
        assert rows == m["good_rows"][source] + bad, source
        assert bad >= round(0.02 * m["good_rows"][source]), source
        n = dirty_2562.one(f"SELECT count(*) FROM {dirty_2562.rel(source)}")
        assert n == rows


def test_bad_rows_leave_the_good_data_unchanged(dirty_2562: Generated, tmp_path: Path) -> None:
    from tpmap.synth import generate

    generate(tmp_path, year=2562, households=2000, seed=7, provinces=["10", "34", "75", "96"])
    clean = Generated(tmp_path, 2562, "csv")
    assert clean.manifest["expected"] == dirty_2562.manifest["expected"]
    assert clean.manifest["rows"] == dirty_2562.manifest["good_rows"]


def test_structural_defects_are_counted_exactly(dirty_2562: Generated) -> None:
    g = dirty_2562
    by = g.manifest["bad_rows_by_reason"]
    hh = g.rel("bmn_household")
    numbered = f"SELECT *, row_number() OVER () AS rn FROM {hh}"
    assert (
        g.one(f"SELECT count(*) FROM {hh} WHERE household_id IS NULL")
        == by["bmn_household"]["missing_household_id"]
    )
    dup = g.one(
        f"SELECT count(*) FROM (SELECT row_number() OVER (PARTITION BY household_id ORDER BY rn) "
        f"AS k FROM ({numbered}) WHERE household_id IS NOT NULL) WHERE k > 1"
    )
    assert dup == by["bmn_household"]["duplicate_household_id"]
    mismatch = g.one(f"SELECT count(*) FROM {hh} WHERE questionnaire = '2566'")
    assert mismatch == by["bmn_household"]["questionnaire_mismatch"]
    bad_q = g.one(f"SELECT count(*) FROM {hh} WHERE questionnaire NOT IN ('2560', '2566')")
    assert bad_q == by["bmn_household"]["bad_questionnaire"]

    person = g.rel("bmn_person")
    known = f"SELECT DISTINCT household_id FROM {hh} WHERE household_id LIKE '0%' = false"
    unknown = g.one(f"SELECT count(*) FROM {person} WHERE household_id NOT IN ({known})")
    assert unknown == by["bmn_person"]["unknown_household"]
    heads = g.one(
        f"SELECT sum(n - 1) FROM (SELECT count(*) AS n FROM {person} WHERE relation = 'head' "
        f"GROUP BY household_id HAVING count(*) > 1)"
    )
    assert heads == by["bmn_person"]["duplicate_head"]
    dup_nid = g.one(
        f"SELECT sum(n - 1) FROM (SELECT count(*) AS n FROM {person} "
        f"WHERE regexp_full_match(nid, '[0-9]{{13}}') GROUP BY nid HAVING count(*) > 1)"
    )
    assert dup_nid == by["bmn_person"]["duplicate_nid"]
    for source in ("disability", "health_coverage"):
        dups = g.one(
            f"SELECT sum(n - 1) FROM (SELECT count(*) AS n FROM {g.rel(source)} "
            f"WHERE regexp_full_match(nid, '[0-9]{{13}}') GROUP BY nid HAVING count(*) > 1)"
        )
        assert dups == by[source]["duplicate_nid"], source
