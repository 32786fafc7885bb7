"""What the API's routers share, written once: the answers they declare, the ids and
versions they take, a record visible to the caller (else 404), a body turned into a
service's input, the create's answer (201 when made, 200 when the caller sent the
``client_id`` before), a change's fields over the record's, and the version-checked
change and delete. The services own every rule and the version check;
``tpmap.api.main`` maps what they raise to the API's error shape."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Container, Iterable
from typing import Annotated, Any, TypeVar

from django.http import HttpRequest
from ninja import Status
from pydantic import BaseModel, Field

from tpmap.accounts.audit import client_ip
from tpmap.api import calls
from tpmap.api.errors import ApiError
from tpmap.api.schemas import MAX_ID
from tpmap.site.officers import Act, act_of, officer_of
from tpmap.site.versioned import made_before

ERRORS: dict[int, Any] = {401: Any, 403: Any, 404: Any, 409: Any, 422: Any, 429: Any}
OK: dict[int, Any] = {200: Any, **ERRORS}
CREATED: dict[int, Any] = {200: Any, 201: Any, **ERRORS}
DELETED: dict[int, Any] = {204: None, **ERRORS}
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Version = Annotated[int, Field(ge=0, le=MAX_ID)]
DeleteVersion = Annotated[int | None, Field(None, ge=0, le=MAX_ID)]

R = TypeVar("R")
D = TypeVar("D")  # a service's input dataclass


def found(record: R | None) -> R:
    """The record, or 404: one outside the caller's area is not told apart from none."""
    if record is None:
        raise ApiError(404, "not_found")
    return record


def household(request: HttpRequest, year: int, household_id: str) -> calls.HouseholdRef:
    """The household of the path inside the caller's area, else 404."""
    return found(calls.household_locate(request.user, year=year, household_id=household_id))


def replayed(model: type[Any], client_id: uuid.UUID | None, **owner: Any) -> bool:
    """Whether ``owner`` (e.g. ``created_by``) already made a record with ``client_id``: a
    retry, which the service answers with that record."""
    return made_before(model, client_id, **owner) is not None


def created(made: bool, body: Any) -> Status[Any]:
    """201 when the write made the record, 200 when it was there already."""
    return Status(201 if made else 200, body)


def create_once(
    request: HttpRequest,
    model: type[Any],
    data: Any,
    add: Callable[..., R],
    answer: Callable[[R], Any],
    *,
    same: Iterable[str] = (),
    **where: Any,
) -> Status[Any]:
    """``add`` (a service) the record ``data`` (its input, with a ``client_id``) describes,
    ``where`` it goes (household, committee...): 201 with it, or 200 when the caller had
    made one with that ``client_id`` (``same`` names the ``where`` it must share), which
    the service hands back."""
    officer = officer_of(request)
    owner = {"created_by": officer, **{name: where[name] for name in same}}
    replay = replayed(model, data.client_id, **owner)
    made = add(Act(officer, ip=client_ip(request)), data=data, **where)
    return created(not replay, answer(made))


def as_input(
    cls: Callable[..., D], payload: BaseModel, blank: Iterable[str] = (), **extra: Any
) -> D:
    """The service's input ``cls`` (a dataclass) from a request body: the body's fields of
    the same name, those named in ``blank`` as "" when left out (None), then ``extra``."""
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    values = {k: v for k, v in payload.model_dump().items() if k in names}
    values.update({name: values[name] or "" for name in blank})
    return cls(**{**values, **extra})


def changes_of(
    payload: BaseModel, record: Any, kept: Iterable[str], *, nulls: Container[str] = ()
) -> tuple[int, dict[str, Any]]:
    """A change's ``version`` (the one read) and the fields to save: the record's ``kept``
    fields with the body's over them. A field the body leaves out, or sends as null
    (unless ``nulls`` names it), keeps its value."""
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    values = {f: getattr(record, f) for f in kept}
    values.update({k: v for k, v in changes.items() if v is not None or k in nulls})
    return version, values


def write(request: HttpRequest, service: Callable[..., R], version: int | None, **args: Any) -> R:
    """The caller's change through ``service`` with the ``version`` read (stale: 409)."""
    return service(act_of(request, version), **args)


def deleted(
    request: HttpRequest, remove: Callable[..., None], version: int | None, **record: Any
) -> Status[None]:
    """Delete ``record`` through the service ``remove`` with the version read (stale: 409)."""
    write(request, remove, version, **record)
    return Status(204, None)
