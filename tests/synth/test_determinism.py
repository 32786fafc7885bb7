from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tpmap.synth import generate


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_same_arguments_give_byte_identical_files(tmp_path: Path, fmt: str) -> None:
    kwargs = {"year": 2566, "households": 400, "seed": 3, "provinces": ["34", "50"]}
    generate(tmp_path / "a", dirty=0.05, fmt=fmt, **kwargs)  # type: ignore[arg-type]
    generate(tmp_path / "b", dirty=0.05, fmt=fmt, **kwargs)  # type: ignore[arg-type]
    a, b = _digest(tmp_path / "a" / "2566"), _digest(tmp_path / "b" / "2566")
    assert len(a) == 8  # seven sources and the manifest
    assert a == b


def test_another_seed_gives_other_people(tmp_path: Path) -> None:
    generate(tmp_path / "a", year=2566, households=200, seed=1, provinces=["34"])
    generate(tmp_path / "b", year=2566, households=200, seed=2, provinces=["34"])
    a = (tmp_path / "a" / "2566" / "bmn_person.csv").read_bytes()
    b = (tmp_path / "b" / "2566" / "bmn_person.csv").read_bytes()
    assert a != b


def test_progress_reports_households_done(tmp_path: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    summary = generate(
        tmp_path,
        year=2562,
        households=300,
        seed=1,
        provinces=["10", "34"],
        progress=lambda step, done, total: calls.append((step, done, total)),
    )
    assert calls[0] == ("households", 0, 300)
    assert calls[-1] == ("households", 300, 300)
    assert [c[1] for c in calls] == sorted(c[1] for c in calls)
    assert summary["rows"]["bmn_household"] == 300
    assert set(summary["seconds"]) >= {"persons", "survey", "registries", "write", "total"}


def test_households_are_spread_over_provinces_by_size(tmp_path: Path) -> None:
    from tpmap.synth import allocate_households

    alloc = allocate_households(
        1_000_000, [p.code for p in __import__("tpmap").core.areas.provinces()]
    )
    assert sum(alloc.values()) == 1_000_000 and len(alloc) == 77
    assert alloc["10"] == max(alloc.values())  # Bangkok is the largest
    assert alloc["30"] > alloc["75"] > 0  # Nakhon Ratchasima is far larger than Samut Songkhram
