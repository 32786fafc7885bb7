"""The authorization matrix: every page and action of the Logbook, for every persona, on a
household inside and outside the persona's area. A single leak fails the test and is
named in the message.

Households: H1 (district 3401, subdistrict 340101), H4 (district 3402), H5 (province 35).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from tests.logbook.images import webp
from tests.web_kit import H1, H4, H5, YEAR
from tpmap.accounts.scope import in_scope
from tpmap.logbook import services
from tpmap.logbook.models import (
    Activity,
    Addition,
    Agency,
    Assessment,
    Classification,
    Correction,
    Mentor,
    MenuItem,
    Pin,
    Problem,
    ProvinceSetting,
    Visit,
)
from tpmap.logbook.photos import clean_photo
from tpmap.logbook.routing.seed import seed_catalogue
from tpmap.logbook.services import HouseholdRef
from tpmap.logbook.visits.services import VisitInput, visit_create
from tpmap.site.officers import Act
from tpmap.site.warehouse import get_warehouse

pytestmark = pytest.mark.django_db

HOUSEHOLDS = {
    H1: HouseholdRef(YEAR, H1, "34010101"),
    H4: HouseholdRef(YEAR, H4, "34020101"),
    H5: HouseholdRef(YEAR, H5, "35010101"),
}
HEADS = {H1: "สมชาย ใจดี", H4: "ทองดี มั่นคง", H5: "เพชร ดาวเด่น"}
PERSONAS = [
    "national",
    "prov_admin",
    "prov_health",
    "district",
    "other_district",
    "team",
    "mentor",
    "other_admin",
    "anonymous",
]
# Who sees what, written out by hand (not computed) so the test checks the scope code.
VISIBLE = {
    "national": {H1, H4, H5},
    "prov_admin": {H1, H4},
    "prov_health": {H1, H4},
    "district": {H1},
    "other_district": {H4},
    "team": {H1},
    "mentor": set(),
    "other_admin": {H5},
    "anonymous": set(),
}
MANAGERS = {"national", "prov_admin", "other_admin"}
# Routing (logbook/routing): the district assigns and escalates; the province's
# administrator assigns an escalated problem; the author, the account managers and both
# levels follow a problem's status (the seeded problems' author is the national admin).
DISTRICT_ROUTERS = {"district", "other_district"}
PROVINCE_ROUTERS = {"prov_admin", "other_admin"}
STATUS_SETTERS = MANAGERS | DISTRICT_ROUTERS
# Who decides an addition (the national administrator proposed the seeded ones).
DECIDERS = {"prov_admin", "district", "other_admin"}


def _seed(people: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """For each household: a problem with a photo, a pin, and an audited opening."""
    out: dict[str, dict[str, Any]] = {}
    national = people["national"]
    seed_catalogue(Agency, MenuItem)  # as migrated (a transactional test may have flushed it)
    for hid, ref in HOUSEHOLDS.items():
        problem = services.problem_create(
            Act(national),
            data=services.ProblemInput(
                title=f"ปัญหาของ {hid}",
                performer="ก",
                agency="ข",
                occurred_on=date(2026, 11, 1),
                photos=[clean_photo(webp())],
            ),
            household=ref,
        )
        services.pin_set(
            Act(national),
            data=services.PinInput(
                latitude=Decimal("15.2"), longitude=Decimal("104.8"), source="map"
            ),
            household=ref,
        )
        services.household_opened(officer=national, household=ref)
        # A mentor of the previous data year, to remove.
        mentor = services.mentor_assign(
            Act(national),
            data=services.MentorInput(
                name="พี่เลี้ยงเดิม", agency="อำเภอ", assigned_on=date(2026, 1, 5)
            ),
            household=HouseholdRef(YEAR - 1, hid, ref.village_code),
        )
        wh = get_warehouse()
        correction = services.correction_create(
            Act(national),
            wh=wh,
            household=ref,
            data=services.CorrectionInput(kind="not_found", effective_on=date(2026, 11, 1)),
        )
        addition = services.addition_create(
            Act(national),
            wh=wh,
            data=services.AdditionInput(
                year=YEAR,
                village_code=ref.village_code,
                first_name="ตกหล่น",
                last_name=f"บ้าน{hid}",
                age=40,
                reason="ไม่อยู่ในการสำรวจ",
            ),
        )
        visit = visit_create(
            Act(national),
            household=ref,
            data=VisitInput(visited_on=date(2026, 11, 1), found="พบครัวเรือน"),
        )
        # Two more problems to route: one new, one the district has escalated.
        routed = {
            kind: services.problem_create(
                Act(national),
                data=services.ProblemInput(
                    title=f"{kind} {hid}", performer="ก", occurred_on=date(2026, 11, 1)
                ),
                household=ref,
            )
            for kind in ("open", "escalated")
        }
        Problem.objects.filter(pk=routed["escalated"].pk).update(status="escalated")
        out[hid] = {
            "visit": visit,
            "to_route": routed["open"],
            "escalated": routed["escalated"],
            "problem": problem,
            "photo": problem.photos.get(),
            "mentor": mentor,
            "correction": correction,
            "addition": addition,
        }
    return out


def _check_household(client: Client, persona: str, hid: str, seeded: dict[str, Any]) -> list[str]:
    ref = HOUSEHOLDS[hid]
    visible = hid in VISIBLE[persona]
    base = f"/households/{YEAR}/{hid}"
    leaks: list[str] = []

    def expect(what: str, status: int, want: int | tuple[int, ...]) -> None:
        wants = want if isinstance(want, tuple) else (want,)
        if status not in wants:
            leaks.append(f"{what}: got {status}, want {wants}")

    denied = 302 if persona == "anonymous" else 404
    leaks += _check_visits(client, persona, hid, seeded)

    for page in ("/", "/problems/new/", "/activities/new/", "/folder/", "/pin/", "/mentor/"):
        r = client.get(base + page)
        expect(f"GET {page}", r.status_code, 200 if visible else denied)
        if not visible and HEADS[hid].split()[0] in r.content.decode():
            leaks.append(f"GET {page} shows the head's name")

    before = (Problem.objects.count(), Activity.objects.count(), Classification.objects.count())
    r = client.post(
        base + "/problems/new/",
        {"title": "x", "performer": "x", "agency": "x", "occurred_on": "2026-11-02"},
    )
    expect("POST problem", r.status_code, 302 if visible else denied)
    r = client.post(
        base + "/activities/new/",
        {"name": "x", "performer": "x", "agency": "x", "start_on": "2026-11-02"},
    )
    expect("POST activity", r.status_code, 302 if visible else denied)
    r = client.post(
        base + "/folder/",
        {"household_type": "welfare", "wants_help": "wants", "khok_nong_na_role": "none"},
    )
    expect("POST folder", r.status_code, 302 if visible else denied)
    after = (Problem.objects.count(), Activity.objects.count(), Classification.objects.count())
    want_after = tuple(n + 1 for n in before) if visible else before
    if after != want_after:
        leaks.append(f"rows after writes: {after}, want {want_after}")

    r = client.post(base + "/pin/", {"latitude": "15.3", "longitude": "104.9", "source": "map"})
    expect("POST pin", r.status_code, 302 if visible else denied)
    pin = Pin.objects.get(household_id=hid)
    moved = pin.latitude == Decimal("15.3")
    if moved != visible:
        leaks.append(f"pin moved={moved}")

    r = client.post(
        base + "/mentor/", {"name": "ทีมพี่เลี้ยง", "agency": "อำเภอ", "assigned_on": "2026-11-02"}
    )
    expect("POST mentor", r.status_code, 302 if visible else denied)
    mentor = Mentor.objects.filter(household_id=hid, year=YEAR).first()
    if (mentor is not None) != visible:
        leaks.append(f"mentor assigned={mentor is not None}")
    seeded_mentor = seeded["mentor"]
    r = client.post(f"/mentors/{seeded_mentor.pk}/remove/")
    expect("POST mentor remove", r.status_code, 302 if visible else denied)
    if Mentor.objects.filter(pk=seeded_mentor.pk).exists() == visible:
        leaks.append("mentor removal leaked or failed")

    for page in ("/visit/", "/assessment/"):
        r = client.get(base + page)
        expect(f"GET {page}", r.status_code, 200 if visible else denied)
    visits_before = (Correction.objects.count(), Assessment.objects.count())
    r = client.post(
        base + "/visit/",
        {
            "kind": "wrong_data",
            "field_name": "house_no",
            "correct_value": "1",
            "effective_on": "2026-11-02",
        },
    )
    expect("POST visit", r.status_code, 302 if visible else denied)
    r = client.post(base + "/assessment/", {"assessed_on": "2026-11-02", "mpi_22": "pass"})
    expect("POST assessment", r.status_code, 302 if visible else denied)
    visits_after = (Correction.objects.count(), Assessment.objects.count())
    visits_want = tuple(n + 1 for n in visits_before) if visible else visits_before
    if visits_after != visits_want:
        leaks.append(f"visit/assessment rows: {visits_after}, want {visits_want}")
    correction = seeded["correction"]
    r = client.post(f"/corrections/{correction.pk}/reverse/", {"reason": "ผิด"})
    expect("POST reverse", r.status_code, 302 if visible else denied)
    correction.refresh_from_db()
    if correction.active == visible:
        leaks.append(f"correction active={correction.active} after reverse")
    # Work lists: the seeded problem (no activity) lists the household once the "not found"
    # outcome is reversed, for the personas who see it only.
    r = client.get("/work/problems-without-activity/", {"year": str(YEAR)})
    if persona != "anonymous" and (HEADS[hid] in r.content.decode()) != visible:
        leaks.append(f"work list shows={not visible}")

    addition = seeded["addition"]
    expect(
        "GET addition",
        client.get(f"/additions/{addition.pk}/").status_code,
        200 if visible else denied,
    )
    r = client.get("/additions/")
    if persona != "anonymous" and (f"บ้าน{hid}" in r.content.decode()) != visible:
        leaks.append(f"additions list shows={not visible}")
    r = client.post(
        f"/additions/{addition.pk}/decision/", {"approve": "1", "identity_checked": "on"}
    )
    can_decide = visible and persona in DECIDERS
    expect(
        "POST decision",
        r.status_code,
        302 if can_decide else (302 if persona == "anonymous" else 403),
    )
    addition.refresh_from_db()
    if (addition.status == "approved") != can_decide:
        leaks.append(f"addition status is {addition.status}")
    if persona == "anonymous" and Addition.objects.filter(status="approved").exists():
        leaks.append("anonymous decided an addition")

    photo = seeded["photo"]
    for url in (f"/photos/{photo.pk}/", f"/photos/{photo.pk}/thumb/"):
        expect(f"GET {url}", client.get(url).status_code, 200 if visible else denied)

    leaks += _check_routing(client, persona, visible, seeded)

    problem = seeded["problem"]
    can_change = visible and persona in MANAGERS  # seeded by the national admin
    r = client.get(f"/problems/{problem.pk}/edit/")
    expect("GET edit", r.status_code, 200 if can_change else (403 if visible else denied))
    r = client.post(
        f"/problems/{problem.pk}/edit/",
        {"title": "แก้แล้ว", "performer": "x", "agency": "x", "occurred_on": "2026-11-01"},
    )
    expect("POST edit", r.status_code, 302 if can_change else (403 if visible else denied))
    problem.refresh_from_db()
    if (problem.title == "แก้แล้ว") != can_change:
        leaks.append(f"problem title is {problem.title!r}")
    r = client.post(f"/problems/{problem.pk}/delete/")
    can_delete = visible and persona in MANAGERS
    expect("POST delete", r.status_code, 302 if can_delete else (403 if visible else denied))
    exists = Problem.objects.filter(pk=problem.pk).exists()
    if exists == can_delete:
        leaks.append(f"problem exists={exists} after delete")

    # Search with the household's own area and the head's name.
    r = client.get(
        "/households/",
        {
            "year": str(YEAR),
            "status": "all",
            "province": ref.village_code[:2],
            "district": ref.village_code[:4],
            "q": HEADS[hid].split()[0],
        },
    )
    if persona != "anonymous" and (HEADS[hid] in r.content.decode()) != visible:
        leaks.append(f"search shows={not visible}")
    r = client.get(
        "/households/areas/",
        {
            "province": ref.village_code[:2],
            "district": ref.village_code[:4],
            "subdistrict": ref.village_code[:6],
        },
    )
    if persona != "anonymous" and (f'value="{ref.village_code}"' in r.content.decode()) != visible:
        leaks.append(f"cascade offers village={not visible}")
    r = client.get("/map/")
    if persona != "anonymous" and (HEADS[hid] in r.content.decode()) != visible:
        leaks.append(f"map shows={not visible}")
    r = client.get("/accounts/audit/", {"household_id": hid})
    if persona in MANAGERS:
        shows = f"บ้าน {hid}" in r.content.decode()
        if shows != visible:
            leaks.append(f"audit log shows={shows}")
    else:
        expect("GET audit", r.status_code, 302 if persona == "anonymous" else 403)
    return leaks


def _check_visits(client: Client, persona: str, hid: str, seeded: dict[str, Any]) -> list[str]:
    """Home visits (F16): new on the household page, edit and delete of one the national
    administrator made (so only the area's account managers may change it)."""
    visible = hid in VISIBLE[persona]
    denied = 302 if persona == "anonymous" else 404
    base = f"/households/{YEAR}/{hid}"
    leaks: list[str] = []

    def expect(what: str, status: int, want: int) -> None:
        if status != want:
            leaks.append(f"{what}: got {status}, want {want}")

    expect(
        "GET visit new", client.get(base + "/visits/new/").status_code, 200 if visible else denied
    )
    before = Visit.objects.count()
    r = client.post(base + "/visits/new/", {"visited_on": "2026-11-02", "found": "พบ"})
    expect("POST visit new", r.status_code, 302 if visible else denied)
    if Visit.objects.count() != before + (1 if visible else 0):
        leaks.append("visit rows after POST")
    visit = seeded["visit"]
    can_change = visible and persona in MANAGERS
    refused = 403 if visible else denied
    expect(
        "GET visit edit",
        client.get(f"/visits/{visit.pk}/edit/").status_code,
        200 if can_change else refused,
    )
    r = client.post(f"/visits/{visit.pk}/edit/", {"visited_on": "2026-11-03", "found": "แก้แล้ว"})
    expect("POST visit edit", r.status_code, 302 if can_change else refused)
    visit.refresh_from_db()
    if (visit.found == "แก้แล้ว") != can_change:
        leaks.append(f"visit found is {visit.found!r}")
    r = client.post(f"/visits/{visit.pk}/delete/")
    expect("POST visit delete", r.status_code, 302 if can_change else refused)
    if Visit.objects.filter(pk=visit.pk).exists() == can_change:
        leaks.append("visit delete leaked or failed")
    return leaks


# Pages of the officer's own area, not of one household: who gets what.
SETTINGS_EDITORS = {"prov_admin", "other_admin"}  # the national one names a province


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_casework_page_answers_each_persona(
    client: Client, people: dict[str, Any], persona: str
) -> None:
    if persona != "anonymous":
        client.force_login(people[persona])
    login = 302
    got = {
        "my": client.get("/my-households/").status_code,
        "work": client.get("/work/").status_code,
        "not_visited": client.get("/work/not-visited/").status_code,
        "additions": client.get("/work/additions-pending/").status_code,
        "settings": client.get("/settings/province/").status_code,
        "settings_34": client.get("/settings/province/", {"province": "34"}).status_code,
    }
    if persona == "anonymous":
        assert set(got.values()) == {login}
        return
    decider = persona in {"national", "prov_admin", "other_admin", "district"}
    want = {
        "my": 200,
        "work": 200,
        "not_visited": 200,
        "additions": 200 if decider else 403,
        "settings": 200 if persona in SETTINGS_EDITORS else (404 if persona == "national" else 403),
        "settings_34": 200
        if persona in {"national", "prov_admin"}
        else (404 if persona == "other_admin" else 403),
    }
    assert got == want
    before = ProvinceSetting.objects.count()
    r = client.post("/settings/province/?province=34", {"mentor_household_limit": "2"})
    allowed = persona in {"national", "prov_admin"}
    assert r.status_code == (302 if allowed else want["settings_34"])
    assert ProvinceSetting.objects.count() == before + (1 if allowed else 0)


def _check_routing(
    client: Client, persona: str, visible: bool, seeded: dict[str, Any]
) -> list[str]:
    """A problem's routing page, assignment, escalation and status, for one persona."""
    leaks: list[str] = []
    denied = 302 if persona == "anonymous" else 404

    def expect(what: str, status: int, allowed: bool) -> None:
        want = 302 if allowed else (403 if visible else denied)
        if status != want:
            leaks.append(f"{what}: got {status}, want {want}")

    new, escalated = seeded["to_route"], seeded["escalated"]
    r = client.get("/problems/routed/", {"list": "escalated"})
    if persona != "anonymous" and (escalated.title in r.content.decode()) != visible:
        leaks.append(f"routed list shows={not visible}")
    r = client.get(f"/problems/{new.pk}/routing/")
    if r.status_code != (200 if visible else denied):
        leaks.append(f"GET routing: got {r.status_code}")
    if not visible and new.title in r.content.decode():
        leaks.append("GET routing shows the problem")
    due = (date.today() + timedelta(days=7)).isoformat()
    kkkj = MenuItem.objects.get(province_code="", key="kkkj").pk
    for problem, routers in ((new, DISTRICT_ROUTERS), (escalated, PROVINCE_ROUTERS)):
        may = visible and persona in routers
        r = client.post(
            f"/problems/{problem.pk}/assignment/", {"menu_item_id": kkkj, "due_on": due}
        )
        expect(f"POST assignment ({problem.status})", r.status_code, may)
        problem.refresh_from_db()
        if (problem.status == "assigned") != may:
            leaks.append(f"{problem.title} status is {problem.status}")
    may = visible and persona in DISTRICT_ROUTERS
    r = client.post(f"/problems/{new.pk}/escalation/", {"reason": "เกินศักยภาพ"})
    expect("POST escalation", r.status_code, may)
    new.refresh_from_db()
    if (new.status == "escalated") != may:
        leaks.append(f"escalation left status {new.status}")
    may = visible and persona in STATUS_SETTERS
    r = client.post(f"/problems/{escalated.pk}/status/", {"status": "resolved"})
    expect("POST status", r.status_code, may)
    escalated.refresh_from_db()
    if (escalated.status == "resolved") != may:
        leaks.append(f"status left {escalated.status}")
    return leaks


@pytest.mark.parametrize(
    "persona",
    ["national", "prov_admin", "prov_health", "district", "team", "mentor", "other_admin"],
)
def test_the_catalogue_and_menu_pages_are_kept_by_the_provinces_administrator(
    client: Client, people: dict[str, Any], persona: str
) -> None:
    seed_catalogue(Agency, MenuItem)
    client.force_login(people[persona])
    for page in ("/agencies/", "/menu/"):
        assert client.get(page).status_code == 200, page
    national_agency = Agency.objects.filter(province_code="").first()
    assert national_agency is not None
    r = client.post("/agencies/", {"name": "สนง.ใหม่", "district_code": ""})
    keeper = persona in {"prov_admin", "other_admin"}
    assert r.status_code == (302 if keeper else 403)
    item = MenuItem.objects.get(province_code="", key="kkkj")
    r = client.post(
        f"/menu/{item.pk}/",
        {"name": "กข.คจ.", "dimension": "income", "agency_id": item.agency_id, "active": "on"},
    )
    assert r.status_code == (302 if keeper else 403)
    assert MenuItem.objects.filter(name="กข.คจ.").count() == (1 if keeper else 0)
    # No one edits the national catalogue's rows through the province's pages.
    assert client.get(f"/agencies/{national_agency.pk}/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in_from_the_catalogue(client: Client) -> None:
    for page in ("/agencies/", "/menu/", "/agencies/1/", "/menu/1/"):
        r = client.get(page)
        assert r.status_code == 302 and r["Location"].startswith("/login/"), page


@pytest.mark.parametrize("hid", [H1, H4, H5])
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_and_action_respects_the_persona_area(
    client: Client, people: dict[str, Any], persona: str, hid: str
) -> None:
    seeded = _seed(people)
    if persona != "anonymous":
        user = people[persona]
        assert in_scope(user, HOUSEHOLDS[hid].village_code) == (hid in VISIBLE[persona])
        client.force_login(user)
    leaks = _check_household(client, persona, hid, seeded[hid])
    assert leaks == [], f"{persona} on {hid}: " + "; ".join(leaks)


def test_a_deactivated_officer_loses_access_at_once(client: Client, people: dict[str, Any]) -> None:
    _seed(people)
    client.force_login(people["district"])
    assert client.get(f"/households/{YEAR}/{H1}/").status_code == 200
    people["district"].is_active = False
    people["district"].save()
    r = client.get(f"/households/{YEAR}/{H1}/")
    assert r.status_code == 302 and r["Location"].startswith("/login/")


# -- F17 the household development plan: every page and action ---------------------------------
def _seed_plan(people: dict[str, Any], ref: HouseholdRef) -> Any:
    """A plan with one action row, made by the national administrator."""
    from tpmap.logbook.plans import services as plans

    national = people["national"]
    plans.plan_save(Act(national), household=ref, data=plans.PlanInput(goal="เป้าหมายเดิม"))
    return plans.plan_action_add(
        Act(national),
        household=ref,
        data=plans.PlanActionInput(
            dimension="income", household_does="ทำบัญชี", start_on=date(2026, 11, 1)
        ),
    )


@pytest.mark.parametrize("hid", [H1, H4, H5])
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_plan_page_and_action_respects_the_persona_area(
    client: Client, people: dict[str, Any], persona: str, hid: str
) -> None:
    from tpmap.logbook.models import Plan, PlanAction, PlanAnalysis, StageChange

    ref = HOUSEHOLDS[hid]
    action = _seed_plan(people, ref)
    if persona != "anonymous":
        client.force_login(people[persona])
    visible = hid in VISIBLE[persona]
    denied = 302 if persona == "anonymous" else 404
    base = f"/households/{YEAR}/{hid}"
    leaks: list[str] = []

    def expect(what: str, status: int, want: int) -> None:
        if status != want:
            leaks.append(f"{what}: got {status}, want {want}")

    for page in ("/plan/", "/plan/actions/new/", "/plan/analysis/", "/plan/stage/", "/plan.pdf"):
        r = client.get(base + page)
        expect(f"GET {page}", r.status_code, 200 if visible else denied)
        if not visible and HEADS[hid].split()[0] in r.content.decode(errors="replace"):
            leaks.append(f"GET {page} shows the head's name")
    expect(
        "GET action edit",
        client.get(f"/plan-actions/{action.pk}/edit/").status_code,
        200 if visible else denied,
    )

    ok = 302 if visible else denied
    r = client.post(base + "/plan/", {"goal": "เป้าหมายใหม่"})
    expect("POST plan", r.status_code, ok)
    r = client.post(
        base + "/plan/actions/new/",
        {"dimension": "health", "household_does": "x", "start_on": "2026-11-02", "status": "done"},
    )
    expect("POST action", r.status_code, ok)
    r = client.post(
        f"/plan-actions/{action.pk}/edit/",
        {
            "dimension": "income",
            "household_does": "แก้แล้ว",
            "start_on": "2026-11-01",
            "status": "done",
        },
    )
    expect("POST action edit", r.status_code, ok)
    r = client.post(
        base + "/plan/analysis/",
        {
            "analysed_on": "2026-11-02",
            "attitude": "a",
            "skills": "b",
            "resources": "c",
            "way_out": "d",
        },
    )
    expect("POST analysis", r.status_code, ok)
    r = client.post(base + "/plan/stage/", {"stage": "survive", "set_on": "2026-11-02"})
    expect("POST stage", r.status_code, ok)

    plan = Plan.objects.get(household_id=hid)
    if (plan.goal == "เป้าหมายใหม่") != visible:
        leaks.append(f"plan goal is {plan.goal!r}")
    action.refresh_from_db()
    if (action.household_does == "แก้แล้ว") != visible:
        leaks.append(f"action is {action.household_does!r}")
    counts = (
        PlanAction.objects.filter(household_id=hid).count(),
        PlanAnalysis.objects.filter(household_id=hid).count(),
        StageChange.objects.filter(household_id=hid).count(),
    )
    if counts != ((2, 1, 1) if visible else (1, 0, 0)):
        leaks.append(f"rows (actions, analyses, stages): {counts}")

    r = client.post(f"/plan-actions/{action.pk}/delete/")
    expect("POST action delete", r.status_code, ok)
    if PlanAction.objects.filter(pk=action.pk).exists() == visible:
        leaks.append("action delete leaked or failed")
    assert leaks == [], f"{persona} on {hid}: " + "; ".join(leaks)
