"""JSON text as the API's renderer writes it, for documents kept already written: a
household read is the warehouse's document (the same for every reader of a version) with
the household's Logbook added (the same until one of its records changes). Both are kept
as text, and an answer joins them, so a read neither writes them again nor passes them
through the response model (pydantic walked every value of a household's records)."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from ninja.renderers import JSONRenderer

_RENDERER = JSONRenderer()
CONTENT_TYPE = f"{_RENDERER.media_type}; charset={_RENDERER.charset}"


def json_text(data: Any) -> str:
    """``data`` as the API's JSON renderer writes it."""
    return json.dumps(data, cls=_RENDERER.encoder_class, **_RENDERER.json_dumps_params)


def joined(obj: str, **members: str) -> str:
    """The text ``json_text`` writes for the object whose text is ``obj`` with ``members``
    (each the text of its value) added at its end, in that order, without parsing or
    writing either again. ``obj`` must not have those members already."""
    if not (obj.startswith("{") and obj.endswith("}")):
        raise ValueError("not the text of a JSON object")
    added = ", ".join(f"{json_text(name)}: {text}" for name, text in members.items())
    if not added:
        return obj
    return f"{{{added}}}" if obj == "{}" else f"{obj[:-1]}, {added}}}"


def json_response(text: str, status: int = 200) -> HttpResponse:
    """An answer of JSON ``text``, with the content type of the API's other answers."""
    return HttpResponse(text, status=status, content_type=CONTENT_TYPE)
