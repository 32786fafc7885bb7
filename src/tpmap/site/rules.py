"""The one kind of error a service raises when its input breaks a rule: field name ->
messages (Thai, through gettext). It is a Django ``ValidationError`` so the ORM's own
``full_clean`` errors and the services' rules reach a form, a page or an API the same way
(``tpmap.site.errors`` maps both)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

NON_FIELD = "__all__"


class RuleError(ValidationError):
    """Input that breaks a business rule, with one or more messages per field."""

    def __init__(self, errors: dict[str, str | list[str]]) -> None:
        super().__init__({k: v if isinstance(v, list) else [v] for k, v in errors.items()})


class Rules:
    """Collect every broken rule of one input, then raise them together, so a person sees
    all that is wrong at once (as a form showed them before the rules moved here)."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def fail(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def check(self) -> None:
        if self.errors:
            raise RuleError(dict(self.errors))


class StaleVersion(Exception):
    """A write based on a version of the record older than the stored one (or on a record
    that has since been made): the client must reload and merge (409, ``error_status``).
    ``current``: the stored version, None when there is no record."""

    def __init__(self, current: int | None) -> None:
        super().__init__(current)
        self.current = current
