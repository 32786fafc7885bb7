"""Request bodies of the API (pydantic, through django-ninja). Bounds on every number and
text, so bad input is a 422, never a database or warehouse error."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from ninja import Schema
from pydantic import BaseModel, Field, field_validator, model_validator

Dimension = Literal["health", "living", "education", "income", "access"]
MAX_ID = 2**53  # ids, versions: any larger is no record of ours (and would overflow SQLite)
Text200 = Field(max_length=200)
LongText = Field(max_length=5000)


def _no_nul(value: Any) -> Any:
    """PostgreSQL text cannot hold a NUL character (Django's forms refuse it too)."""
    texts = value if isinstance(value, list) else [value]
    if any(isinstance(t, str) and "\x00" in t for t in texts):
        raise ValueError("Null characters are not allowed")
    return value


class NoNul(BaseModel):
    """Every text field of a request body refuses NUL characters (422, not a 500)."""

    @field_validator("*", mode="after")
    @classmethod
    def _texts(cls, value: Any) -> Any:
        return _no_nul(value)


class TokenIn(Schema, NoNul):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=512)


class TokenOut(Schema):
    token: str
    expires_at: str


class MeOut(Schema):
    username: str
    role: str
    area_code: str
    agency: str


class ProblemIn(Schema, NoNul):
    dimension: Dimension | Literal[""] = ""
    indicator: int | None = Field(None, ge=1, le=38)
    title: str = Field(min_length=1, max_length=200)
    details: str = Field("", max_length=5000)
    occurred_on: date
    performer: str | None = Field(None, max_length=200)
    agency: str | None = Field(None, max_length=200)
    status: Literal["open", "in_progress", "resolved"] | None = None
    resolved_on: date | None = None
    client_id: uuid.UUID | None = None


class ProblemChange(Schema, NoNul):
    """Fields left out keep their value; ``version`` is the one read."""

    version: int = Field(ge=0, le=MAX_ID)
    dimension: Dimension | Literal[""] | None = None
    indicator: int | None = Field(None, ge=1, le=38)
    title: str | None = Field(None, min_length=1, max_length=200)
    details: str | None = Field(None, max_length=5000)
    occurred_on: date | None = None
    performer: str | None = Field(None, min_length=1, max_length=200)
    agency: str | None = Field(None, min_length=1, max_length=200)
    status: Literal["open", "in_progress", "resolved"] | None = None
    resolved_on: date | None = None


def _aliases(data: Any, pairs: tuple[tuple[str, str], ...]) -> Any:
    """Accept a problem's field names for an activity's (title/name, occurred_on/start_on)."""
    if isinstance(data, dict):
        data = dict(data)
        for alias, name in pairs:
            if alias in data and name not in data:
                data[name] = data.pop(alias)
    return data


_ACTIVITY_ALIASES = (("title", "name"), ("occurred_on", "start_on"))


class ActivityIn(NoNul):  # plain pydantic: its before-validator sees the dict
    name: str = Field(min_length=1, max_length=200)
    details: str = Field("", max_length=5000)
    performer: str | None = Field(None, max_length=200)
    agency: str | None = Field(None, max_length=200)
    start_on: date
    end_on: date | None = None
    indicator: int | None = Field(None, ge=1, le=38)
    problem_id: int | None = Field(None, ge=1, le=MAX_ID)
    client_id: uuid.UUID | None = None

    @model_validator(mode="before")
    @classmethod
    def _names(cls, data: Any) -> Any:
        return _aliases(data, _ACTIVITY_ALIASES)


class ActivityChange(NoNul):
    version: int = Field(ge=0, le=MAX_ID)
    name: str | None = Field(None, min_length=1, max_length=200)
    details: str | None = Field(None, max_length=5000)
    performer: str | None = Field(None, min_length=1, max_length=200)
    agency: str | None = Field(None, min_length=1, max_length=200)
    start_on: date | None = None
    end_on: date | None = None
    indicator: int | None = Field(None, ge=1, le=38)
    problem_id: int | None = Field(None, ge=1, le=MAX_ID)

    @model_validator(mode="before")
    @classmethod
    def _names(cls, data: Any) -> Any:
        return _aliases(data, _ACTIVITY_ALIASES)


class PinIn(Schema, NoNul):
    """``version``: the pin's version read (0 or left out: the household has none yet)."""

    latitude: Decimal = Field(ge=Decimal("5.6"), le=Decimal("20.5"), max_digits=30)
    longitude: Decimal = Field(ge=Decimal("97.3"), le=Decimal("105.7"), max_digits=30)
    source: Literal["gps", "map", "typed", "survey"] = "gps"
    accuracy_m: int | None = Field(None, ge=0, le=100_000)
    version: int = Field(0, ge=0, le=MAX_ID)


class ClassificationIn(Schema, NoNul):
    household_type: Literal["developable", "welfare", "gone", "other"]
    household_type_other: str = Field("", max_length=200)
    wants_help: Literal["urgent", "wants", "no"]
    help_kinds: list[str] = Field(default_factory=list, max_length=20)
    help_other: str = Field("", max_length=200)
    debt_cause: str = Field("", max_length=300)
    occupational_skills: str = Field("", max_length=5000)
    khok_nong_na_role: Literal["none", "owner", "contractor", "other"] = "none"
    khok_nong_na_budgets: list[str] = Field(default_factory=list, max_length=20)
    community_funds: list[str] = Field(default_factory=list, max_length=20)
    community_funds_other: str = Field("", max_length=200)
    version: int = Field(0, ge=0, le=MAX_ID)


class MentorIn(Schema, NoNul):
    user_id: int | None = Field(None, ge=1, le=MAX_ID)
    name: str = Field("", max_length=200)
    agency: str = Field("", max_length=200)
    assigned_on: date | None = None
    version: int = Field(0, ge=0, le=MAX_ID)
    kind: Literal["civil_servant", "student", "community_leader", "volunteer", "other"] = (
        "civil_servant"
    )
    # Left out: the household's main problem dimension; "": not stated.
    dimension: Dimension | Literal[""] | None = None
