"""The process's cache of reads of published versions (read/base.py VersionCache)."""

from __future__ import annotations

import pytest

from tpmap.warehouse.read.base import VersionCache


def test_it_keeps_the_last_results_and_gives_copies() -> None:
    cache = VersionCache(2)
    reads: list[str] = []

    def read(name: str) -> dict[str, list[str]]:
        reads.append(name)
        return {"members": [name]}

    first = cache.get(("v1", "a"), lambda: read("a"))
    first["members"].append("changed by a caller")
    assert cache.get(("v1", "a"), lambda: read("a")) == {"members": ["a"]}
    assert reads == ["a"]
    cache.get(("v1", "b"), lambda: read("b"))
    cache.get(("v2", "a"), lambda: read("a"))  # another version: read again
    assert reads == ["a", "b", "a"]
    cache.get(("v1", "a"), lambda: read("a"))  # dropped: the last 2 were b and v2's a
    assert reads == ["a", "b", "a", "a"]


def test_a_read_that_raises_keeps_nothing() -> None:
    cache = VersionCache(4)

    def missing() -> int:
        raise LookupError("no such household")

    with pytest.raises(LookupError):
        cache.get(("v1", "x"), missing)
    assert cache.get(("v1", "x"), lambda: 7) == 7
