"""F1: the list of persons whose sources disagree is personal data: every opening of it is
audited, inside the officer's area only."""

from __future__ import annotations

from dataclasses import dataclass

from tpmap.accounts.audit import audit_record
from tpmap.accounts.models import User
from tpmap.accounts.scope import narrow
from tpmap.site.rules import RuleError


@dataclass(frozen=True, slots=True, kw_only=True)
class ChecksViewed:
    """An opening of the list: the data year, the area asked (within the officer's) and
    the check shown ('' = every check)."""

    year: int
    area: str
    check: str = ""
    ip: str | None = None


def checks_viewed(officer: User, viewed: ChecksViewed) -> None:
    """Record that ``officer`` opened the persons whose sources disagree in ``viewed.area``;
    an area outside their own is refused."""
    if narrow(officer, viewed.area) != viewed.area:
        raise RuleError({"area": "พื้นที่นี้อยู่นอกพื้นที่ของท่าน"})
    audit_record(
        actor=officer,
        action="view",
        object_type="source_checks",
        object_id=viewed.check or "all",
        area_code=viewed.area,
        year=viewed.year,
        ip=viewed.ip,
    )
