"""Masking of national IDs in free text and JSON-like data (audit rows, logs, errors).

Any run of exactly 13 digits, ASCII or Thai, plain or grouped by spaces or dashes
(``1-2345-67890-12-3``, ``1 2345 67890 12 3``, ``๑๒๓...``), is taken for a NID and shown
as ``x-xxxx-xxxxx-12-3`` (the last 4 digits only). The boundaries that apply it: every
form input as it enters (``MaskNidInputMiddleware``: stored texts, account fields, the
login user name that django-axes records, a form shown back with its errors), the
services' stored texts, the audit rows, templates (``mask_nid``), exports (site.xlsx) and
every log handler (site.logfilters)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.http import HttpRequest, HttpResponse, QueryDict

from tpmap.core.nid import MASKED_PATTERN, NID_PATTERN, mask_text, mask_url_text

__all__ = [
    "MASKED_PATTERN",
    "NID_PATTERN",
    "MaskNidInputMiddleware",
    "axes_username",
    "mask_data",
    "mask_querydict",
    "mask_text",
    "mask_url_text",
]


def mask_data(value: Any) -> Any:
    """A copy of ``value`` (dicts, lists, strings, numbers) with every NID masked."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {str(k): mask_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_data(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and len(str(abs(value))) == 13:
        return mask_text(str(value))
    return value


def _secret(name: str) -> bool:
    """A field whose value is checked, never stored or shown: a password (a password may
    look like a NID and must reach the hasher as typed)."""
    return "password" in name


# A posted form's national-ID field (a person the survey missed, CONTRACTS: logbook_person)
# reaches its service as typed: the service checks it and masks it wherever it is shown,
# and its widget never writes it back into a page. Only in a POST body: a query string
# ends up in server logs.
TYPED_NID_FIELDS = frozenset({"nid"})


def mask_querydict(data: QueryDict, *, keep: frozenset[str] = frozenset()) -> QueryDict:
    """``data`` as it may be stored and shown: every NID of every value masked, passwords
    (and the fields named in ``keep``) kept. The same object when it holds no NID (the
    common case costs no copy)."""

    def kept(key: str) -> bool:
        return _secret(key) or key in keep

    if not any(NID_PATTERN.search(v) for k, vs in data.lists() if not kept(k) for v in vs):
        return data
    masked = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        masked.setlist(key, values if kept(key) else [mask_text(v) for v in values])
    masked._mutable = False
    return masked


class MaskNidInputMiddleware:
    """Masks the NIDs typed into any form before a view sees them: a GET query or a POST
    form carries none past this point, so nothing stores one (texts, account fields, the
    login name recorded by django-axes), no form re-displays one with its errors, and no
    link built from the query copies one. Runs before CSRF and authentication, which read
    the form too. Uploaded files and JSON bodies are not forms: the services mask what
    they store."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The stubs type these as immutable QueryDicts: so is the masked copy.
        request.GET = cast(Any, mask_querydict(request.GET))
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            request.POST = cast(Any, mask_querydict(request.POST, keep=TYPED_NID_FIELDS))
        return self.get_response(request)


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The login user name django-axes records (AccessAttempt, logs), masked: a NID typed
    as a user name is never kept."""
    name = (credentials or {}).get("username") or request.POST.get("username", "")
    return mask_text(str(name or ""))
