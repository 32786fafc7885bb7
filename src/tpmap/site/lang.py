"""The page's language, for the few texts the warehouse holds in Thai and English."""

from __future__ import annotations

from django.utils.translation import get_language

from tpmap.core.indicators import DIMENSION_NAMES_EN, DIMENSION_NAMES_TH


def english() -> bool:
    return (get_language() or "th").startswith("en")


def name_of(th: str, en: str) -> str:
    """An area's (or a group's) name in the page's language; Thai when no English one."""
    return (en or th) if english() else th


def dimension_names() -> dict[str, str]:
    """The 5 MPI dimensions' names in the page's language."""
    return dict(DIMENSION_NAMES_EN if english() else DIMENSION_NAMES_TH)
