"""The locked, versioned write every web app's services share (the Logbook, its plans,
visits, mentors and routing, the committees, the projects): a write given
``expected_version`` (the version its client read; 0: there was no record yet) locks the
row for its transaction and raises ``StaleVersion`` when the stored one differs, so an
offline edit never silently overwrites a newer one; the saved record's version is the
stored one plus one, and the write is audited with the state before and after."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from tpmap.accounts.audit import audit_record, snapshot
from tpmap.accounts.models import User
from tpmap.site.rules import StaleVersion

M = TypeVar("M", bound=models.Model)


def made_before(model: type[M], client_id: uuid.UUID | None, **owner: Any) -> M | None:
    """The record ``owner`` (``created_by=officer``, and where it belongs) already made with
    this ``client_id``: an offline client's retry, answered with that record. None when
    there is none or no ``client_id`` was given."""
    if client_id is None:
        return None
    return model._default_manager.filter(client_id=client_id, **owner).first()


def locked_version(model: type[models.Model], pk: int | None, expected: int | None) -> int:
    """The stored version of the record (0 when none), its row locked until the write's
    transaction ends; ``StaleVersion`` when ``expected`` is given and differs. Called
    inside the transaction, so two writers of the same version cannot both pass."""
    current = 0
    if pk is not None:
        row = model._default_manager.select_for_update().filter(pk=pk)
        current = row.values_list("version", flat=True).first() or 0
    if expected is not None and expected != current:
        raise StaleVersion(current or None)
    return current


def locked_state(record: models.Model, expected: int | None) -> tuple[int, dict[str, Any]]:
    """A record about to change: its stored version (``locked_version``) and its state
    before the write, for the audit row."""
    return locked_version(type(record), record.pk, expected), snapshot(record)


def locked_row(
    model: type[M], expected: int | None, **lookup: Any
) -> tuple[M | None, int, dict[str, Any] | None]:
    """The one record of ``model`` matching ``lookup`` (a household's folder, plan or
    mentor of the year; a province's settings), None when there is none yet, locked until
    the transaction ends, with its stored version (0: none) and its state before the
    write (None: none); ``StaleVersion`` when ``expected`` differs."""
    row = model._default_manager.select_for_update().filter(**lookup).first()
    stored = locked_version(model, row.pk if row is not None else None, expected)
    return row, stored, snapshot(row) if row is not None else None


def locked_copy(record: M, expected: int | None, *related: str) -> M:
    """The record read again (with its ``related`` records), its row locked until the
    write's transaction ends, for a write that changes the fresh copy (a committee's
    report, a project); ``StaleVersion`` when ``expected`` is given and differs from the
    stored version."""
    rows = type(record)._default_manager.select_for_update().select_related(*related)
    locked = rows.get(pk=record.pk)
    current: int = locked.version  # type: ignore[attr-defined]
    if expected is not None and expected != current:
        raise StaleVersion(current)
    return locked


def save_version(record: models.Model, stored: int) -> None:
    """Check and save a record as the version after the ``stored`` one.

    ``full_clean`` checks the fields and the model's ``clean`` (a related record read from
    the database, as the acting account, is not looked up again); the database checks
    the unique and check constraints as it saves the row, where ``full_clean`` sent a
    query for each (six for a problem, each in its savepoint on PostgreSQL, on every
    write). A row the database refuses for a check constraint raises the
    ``ValidationError`` (422, with its message) ``full_clean`` gave; a unique one stays
    the ``IntegrityError`` it always was when two writers raced (callers answer it)."""
    record.version = stored + 1  # type: ignore[attr-defined]
    loaded = [
        f.name
        for f in record._meta.concrete_fields
        if f.is_relation and f.is_cached(record)  # type: ignore[attr-defined]
    ]
    record.full_clean(exclude=loaded, validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        _check_constraints(record)
        raise


def _check_constraints(record: models.Model) -> None:
    """The ``ValidationError`` of the record's failed check constraints, as ``full_clean``
    raises it; nothing when they hold."""
    errors: dict[str, Any] = {}
    for constraint in record._meta.constraints:
        if isinstance(constraint, models.CheckConstraint):
            try:
                constraint.validate(type(record), record)
            except ValidationError as e:
                errors = e.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def save_audited(
    officer: User,
    record: models.Model,
    *,
    stored: int,
    before: dict[str, Any] | None,
    area_code: str,
    ip: str | None,
) -> None:
    """``save_version``, then the audit row of the write (a create when there is no
    ``before``, else a change), named after the record's model, in ``area_code``."""
    save_version(record, stored)
    audit_record(
        actor=officer,
        action="create" if before is None else "change",
        object_type=record._meta.model_name or "record",
        object_id=record.pk,
        area_code=area_code,
        ip=ip,
        before=before,
        after=snapshot(record),
    )
