"""The process's cache of reads of published versions (read/base.py VersionCache)."""

from __future__ import annotations

from collections.abc import Callable

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


def test_a_stamped_result_is_given_again_for_its_stamp_only_and_replaced() -> None:
    cache = VersionCache(4)
    reads: list[str] = []

    def read(value: str) -> Callable[[], dict[str, str]]:
        def inner() -> dict[str, str]:
            reads.append(value)
            return {"title": value}

        return inner

    assert cache.get(("h1",), read("a"), stamp=1) == {"title": "a"}
    assert cache.get(("h1",), read("never"), stamp=1) == {"title": "a"}
    assert cache.get(("h1",), read("b"), stamp=2) == {"title": "b"}  # the records changed
    assert cache.get(("h1",), read("never"), stamp=2) == {"title": "b"}
    assert cache.get(("h1",), read("c"), stamp=1) == {"title": "c"}  # one kept per key
    assert reads == ["a", "b", "c"]


def test_a_shared_result_is_the_kept_object_itself() -> None:
    cache = VersionCache(4)
    first = cache.get(("k",), lambda: {"n": [1]}, shared=True)
    assert cache.get(("k",), lambda: {"n": [2]}, shared=True) is first
    assert cache.get(("k",), lambda: {"n": [3]}) is not first  # a copy otherwise
