"""Shared helpers of the visit-outcome, addition and re-assessment tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.web_kit import H1, H4, YEAR
from tpmap.logbook import services
from tpmap.logbook.services import HouseholdRef

HH1 = HouseholdRef(YEAR, H1, "34010101")
HH4 = HouseholdRef(YEAR, H4, "34020101")
TODAY = date(2026, 12, 1)
# A valid NID nobody in the survey has (check digit computed by tpmap.core.nid).
NEW_NID = "3340100012347"


def addition_input(**kw: Any) -> services.AdditionInput:
    args: dict[str, Any] = {
        "year": YEAR,
        "village_code": "34010101",
        "title": "นาง",
        "first_name": "บัวผัน",
        "last_name": "ตกหล่น",
        "sex": "F",
        "age": 67,
        "reason": "อาศัยอยู่กับลูกสาว ไม่ได้อยู่ในการสำรวจ",
    }
    args.update(kw)
    return services.AdditionInput(**args)
