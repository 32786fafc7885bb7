"""What a phone downloads: the households of the account's work list, with only the fields
a visit needs. Never the whole household document: no incomes, debts or national IDs
(members carry ``nid_last4`` only, as everywhere)."""

from __future__ import annotations

from typing import Any

from tpmap.api import calls, serialize
from tpmap.logbook.models import Mentor
from tpmap.logbook.services import FOLDER_FIELDS
from tpmap.site.warehouse import get_warehouse

# A phone holds at most this many households: a day's or a week's visits, not a district.
MAX_HOUSEHOLDS = 50
MEMBER_FIELDS = ("name", "nid_last4", "relation", "age", "sex")


def latest_year() -> int | None:
    years = list(get_warehouse().years)
    return max(years) if years else None


def worklist_ids(user: Any, *, year: int) -> list[str]:
    """The households the account mentors (F16), then its area's target households (the
    households list of the API, most failed indicators first), up to MAX_HOUSEHOLDS."""
    ids = list(
        Mentor.objects.filter(user=user, year=year)
        .order_by("household_id")
        .values_list("household_id", flat=True)[:MAX_HOUSEHOLDS]
    )
    room = MAX_HOUSEHOLDS - len(ids)
    if room > 0 and user.area_code and len(user.area_code) >= 6:
        # Only a subdistrict's or village's team gets its area's list: a district or
        # province account would get an arbitrary 50 of thousands.
        found = calls.households(
            year=year,
            area=user.area_code,
            dimension=None,
            indicator=None,
            group=None,
            limit=room,
            offset=0,
        )
        ids += [i["household_id"] for i in found["items"] if i["household_id"] not in ids]
    return ids


def _classification(folder: Any) -> dict[str, Any] | None:
    if folder is None:
        return None
    doc = serialize.classification(folder, photos=[]) or {}  # its photos are not kept
    return {k: doc.get(k) for k in (*FOLDER_FIELDS, "version")}


def visit_document(user: Any, ref: calls.HouseholdRef) -> dict[str, Any]:
    doc = calls.household_document(
        year=ref.year, household_id=ref.household_id, village_code=ref.village_code
    )
    records = calls.household_records(user, ref)
    members = [{k: m.get(k) for k in MEMBER_FIELDS} for m in doc["members"]]
    pin = records.pin
    return {
        "year": ref.year,
        "household_id": ref.household_id,
        "village_code": ref.village_code,
        "house_no": doc["house_no"],
        "address": doc["address"],
        "head_name": next((m["name"] for m in members if m["relation"] == "head"), ""),
        "members": members,
        "failed_indicators": doc["failed_indicators"],
        "failed_dimensions": doc["failed_dimensions"],
        "problems": [
            {
                k: v
                for k, v in serialize.problem(p, records.photos_of("problem", p.pk)).items()
                if k in ("id", "version", "title", "status", "occurred_on", "dimension")
            }
            for p in records.problems
        ],
        "pin": None
        if pin is None
        else {
            "latitude": str(pin.latitude),
            "longitude": str(pin.longitude),
            "version": pin.version,
        },
        "classification": _classification(records.classification),
    }


def worklist(user: Any, *, year: int, ip: str | None) -> list[dict[str, Any]]:
    """The visit documents of the work list; each download is audited as an opening of
    the household's personal data (as the household page and the API's read)."""
    out = []
    for household_id in worklist_ids(user, year=year):
        ref = calls.household_locate(user, year=year, household_id=household_id)
        if ref is None:  # a mentored household outside the account's area: not shown
            continue
        calls.household_opened(user, ref, ip=ip)
        out.append(visit_document(user, ref))
    return out
