"""JSON text joined from kept parts (api/render.py) is the text of the whole document."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import Api
from tests.web_kit import H1, YEAR
from tpmap.api.render import CONTENT_TYPE, joined, json_text

DOCUMENT: dict[str, Any] = {
    "household_id": "34010000001",
    "address": "บ้านเลขที่ 12 หมู่ 3",
    "af_score": 0.1 + 0.2,
    "members": [{"nid_last4": None, "member_no": 1}],
}
LOGBOOK: dict[str, Any] = {"problems": [{"id": 7, "title": 'หลังคารั่ว "มาก"'}], "pin": None}


def test_joined_text_is_the_text_of_the_merged_object() -> None:
    text = joined(json_text(DOCUMENT), logbook=json_text(LOGBOOK))
    assert text == json_text({**DOCUMENT, "logbook": LOGBOOK})
    assert joined("{}", a="1", b="[]") == json_text({"a": 1, "b": []})
    assert joined(json_text(DOCUMENT)) == json_text(DOCUMENT)


def test_only_an_object_is_joined() -> None:
    with pytest.raises(ValueError):
        joined("[1, 2]", logbook="{}")


def test_a_household_read_is_the_whole_document_written_at_once(api_as: Any) -> None:
    api: Api = api_as("district")
    r = api.get(f"/households/{YEAR}/{H1}")
    assert r.status_code == 200
    assert r["Content-Type"] == CONTENT_TYPE == "application/json; charset=utf-8"
    assert r.content.decode() == json_text(r.json())  # keys in order, the renderer's spacing
    assert list(r.json())[-1] == "logbook"
