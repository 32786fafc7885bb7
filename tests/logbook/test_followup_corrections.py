"""The dashboard's follow-up rows respect the Logbook's active corrections: a household
corrected as deceased, moved out, not found or not poor stays out of the target counts
after later writes and after ``tpmap_followup_rebuild`` re-reads the warehouse, until the
correction is reversed (one rule: followup.HOUSEHOLD_WIDE)."""

from __future__ import annotations

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from tests.logbook.fieldwork_kit import TODAY
from tests.web_kit import H1, YEAR
from tpmap.logbook import followup, services
from tpmap.logbook.models import Correction, FollowedHousehold
from tpmap.logbook.services import HouseholdRef
from tpmap.site.officers import Act
from tpmap.site.warehouse import Warehouse

pytestmark = pytest.mark.django_db
# H1 is a target household in the test warehouse (two target members).
TARGET = HouseholdRef(YEAR, H1, "34010101", is_target=True)


def problem(officer: Any) -> None:
    services.problem_create(
        Act(officer, today=TODAY),
        household=TARGET,
        data=services.ProblemInput(
            title="ไม่มีงานทำ", performer="ทีม", agency="พช.", occurred_on=date(2026, 11, 2)
        ),
    )


def correct(officer: Any, wh: Warehouse, **kw: Any) -> Correction:
    args: dict[str, Any] = {"kind": "deceased", "effective_on": date(2026, 11, 30)}
    args.update(kw)
    return services.correction_create(
        Act(officer, today=TODAY), wh=wh, household=TARGET, data=services.CorrectionInput(**args)
    )


def flag() -> bool:
    return FollowedHousehold.objects.get(year=YEAR, household_id=H1).is_target


def rebuild() -> str:
    out = StringIO()
    call_command("tpmap_followup_rebuild", "--year", str(YEAR), stdout=out)
    return out.getvalue().strip()


def test_the_rebuild_command_keeps_a_household_corrected_as_deceased_out_of_the_targets(
    people: dict[str, Any], wh: Warehouse
) -> None:
    team = people["team"]
    problem(team)
    assert flag() is True
    correct(team, wh)
    assert flag() is False
    # The warehouse still says H1 is a target (the next build has not applied it yet).
    assert rebuild() == f"{YEAR}: 1 households"
    assert flag() is False


def test_a_later_write_does_not_put_a_corrected_household_back_among_the_targets(
    people: dict[str, Any], wh: Warehouse
) -> None:
    team = people["team"]
    problem(team)
    correct(team, wh, kind="moved_out")
    problem(team)  # located from the warehouse with is_target=True
    assert flag() is False
    assert FollowedHousehold.objects.get(household_id=H1).problems == 2


def test_reversing_the_correction_gives_the_household_its_warehouse_flag_again(
    people: dict[str, Any], wh: Warehouse
) -> None:
    team = people["team"]
    problem(team)
    c = correct(team, wh, kind="not_found")
    services.correction_reverse(Act(team), wh=wh, correction=c, reason="พบตัวแล้ว")
    assert flag() is True
    assert rebuild() == f"{YEAR}: 1 households"
    assert flag() is True


def test_not_poor_on_a_member_excludes_the_household_but_a_members_death_does_not(
    people: dict[str, Any], wh: Warehouse
) -> None:
    team = people["team"]
    problem(team)
    member = min(services.household_members(wh, TARGET))
    dead = correct(team, wh, member_no=member)
    assert flag() is True
    assert not followup.excludes_household(dead)
    rebuild()
    assert flag() is True
    other = max(services.household_members(wh, TARGET))
    not_poor = correct(team, wh, member_no=other, kind="not_poor")
    assert followup.excludes_household(not_poor)
    assert flag() is False
    rebuild()
    assert flag() is False
    assert followup.excluded_households(YEAR) == {H1}
    assert followup.excluded_households(YEAR, ["other"]) == set()


def test_the_household_page_and_the_search_use_the_same_rule(
    client: Any, people: dict[str, Any], wh: Warehouse
) -> None:
    from tests.logbook.pages import text

    team = people["team"]
    member = max(services.household_members(wh, TARGET))
    correct(team, wh, member_no=member, kind="deceased")
    client.force_login(team)
    page = text(client.get(f"/households/{YEAR}/{H1}/"))
    assert 'data-key="excluded"' not in page  # a member's death: the member only
    correct(team, wh, member_no=min(services.household_members(wh, TARGET)), kind="not_poor")
    page = text(client.get(f"/households/{YEAR}/{H1}/"))
    assert "ออกจากรายการติดตาม: ไม่ใช่คนจน (ตกหล่นเกิน)" in page
    r = client.get("/households/", {"year": str(YEAR), "status": "all", "q": "สมชาย"})
    assert '<span class="mark out" data-key="excluded">ไม่ใช่คนจน (ตกหล่นเกิน)</span>' in text(r)
