"""F27 "ไม่ซ้ำซ้อน" (seed 000): before an activity is saved, another agency's help for the
same household and BMN indicator in an overlapping period is a warning the officer
confirms (pages), or that the API returns with the record (or refuses, on request)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tpmap.logbook.models import Activity
from tpmap.site.rules import RuleError

FIELD = "confirm_duplicate"


class DuplicateAssistance(RuleError):
    """The activity overlaps ``activities`` and was not confirmed."""

    def __init__(self, activities: list[Activity]) -> None:
        self.activities = activities
        names = ", ".join(sorted({a.agency for a in activities}))
        super().__init__(
            {
                FIELD: _(
                    "ครัวเรือนนี้ได้รับความช่วยเหลือในตัวชี้วัดเดียวกันจากหน่วยงานอื่นในช่วงเวลาที่ทับซ้อนกันแล้ว "
                    "(%(agencies)s) ตรวจสอบแล้วยืนยันหากต้องการบันทึก"
                )
                % {"agencies": names}
            }
        )


def describe(a: Activity) -> dict[str, object]:
    """An overlapping activity as the API returns it (no personal data)."""
    return {
        "id": a.pk,
        "name": a.name,
        "agency": a.agency,
        "agency_id": a.agency_ref_id,
        "indicator": a.indicator,
        "start_on": a.start_on.isoformat(),
        "end_on": a.end_on.isoformat() if a.end_on else None,
    }
