"""The routers' shared helpers (tpmap.api.common) on their own: a request body as a
service's input, and a change's fields over the record's."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

from pydantic import BaseModel

from tpmap.api.common import as_input, changes_of

CLIENT_ID = uuid.UUID(int=7)


@dataclass(frozen=True)
class _Input:
    title: str
    note: str = ""
    count: int | None = None
    client_id: uuid.UUID | None = None


class _Body(BaseModel):
    title: str
    note: str | None = None
    count: int | None = None
    version: int = 0  # not the input's: left out of it
    client_id: uuid.UUID | None = None


class _Change(BaseModel):
    version: int
    title: str | None = None
    note: str | None = None
    end_on: date | None = None


def test_a_body_becomes_the_services_input() -> None:
    body = _Body(title="well", client_id=CLIENT_ID)
    assert as_input(_Input, body, blank=("note",)) == _Input("well", "", None, CLIENT_ID)
    # Without ``blank`` a left-out text stays None; ``extra`` is given last.
    assert as_input(_Input, body, count=3) == _Input("well", None, 3, CLIENT_ID)  # type: ignore[arg-type]


def test_a_change_keeps_what_it_leaves_out() -> None:
    record = SimpleNamespace(title="old", note="kept", end_on=date(2026, 1, 31))
    fields = ("title", "note", "end_on")
    body = _Change.model_validate({"version": 4, "title": "new", "note": None, "end_on": None})
    # Left out or null: the record's value.
    assert changes_of(body, record, fields) == (
        4,
        {"title": "new", "note": "kept", "end_on": date(2026, 1, 31)},
    )
    # A null a field may take clears it.
    assert changes_of(body, record, fields, nulls=("end_on",)) == (
        4,
        {"title": "new", "note": "kept", "end_on": None},
    )
    assert changes_of(_Change(version=5), record, fields) == (
        5,
        {"title": "old", "note": "kept", "end_on": date(2026, 1, 31)},
    )
