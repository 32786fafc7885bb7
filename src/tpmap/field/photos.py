"""A photo added to a problem through the API: the Logbook's photo checks and the
problem_update service (same rules, ownership, version check and audit as the edit page).
The one place to adapt when the service's signature changes."""

from __future__ import annotations

from typing import Any

from tpmap.logbook import services
from tpmap.logbook.models import Problem
from tpmap.logbook.photos import CleanPhoto, clean_photo
from tpmap.site.officers import Act

# What the problem keeps as it is (its dimension, status and indicator: the input's None
# and KEEP keep them).
_KEPT = ("title", "details", "performer", "agency", "occurred_on", "resolved_on")


def clean(data: bytes, name: str | None) -> CleanPhoto:
    return clean_photo(data, name)


def problem_photo_add(
    user: Any, problem: Problem, *, photo: CleanPhoto, version: int, ip: str | None
) -> Problem:
    """The problem with one more photo and its version raised (nothing else changes)."""
    data = services.ProblemInput(**{f: getattr(problem, f) for f in _KEPT}, photos=[photo])
    return services.problem_update(
        Act(user, ip=ip, expected_version=version), problem=problem, data=data
    )
