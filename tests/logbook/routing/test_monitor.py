"""The dashboard with routing: assigned and escalated problems are open problems in their
own columns, and duplicate assistance is counted per agency."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.logbook.routing.kit import HH1, a_problem, agency, menu
from tpmap.logbook import services as logbook_services
from tpmap.logbook.routing import services
from tpmap.site.officers import Act

pytestmark = pytest.mark.django_db


def _rows(html: str, name: str) -> list[list[str]]:
    m = re.search(rf'data-table="{name}">(.*?)</table>', html, re.S)
    assert m, name
    body = m.group(1).split("</thead>", 1)[1]
    return [
        [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)
        ]
        for r in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def test_routed_problems_and_duplicates_on_the_dashboard(
    client: Client, people: dict[str, Any]
) -> None:
    district = people["district"]
    a_problem(district, dimension="income")
    routed = a_problem(district, dimension="income")
    services.problem_assign(
        Act(district),
        problem=routed,
        data=services.AssignmentInput(
            due_on=timezone.localdate() + timedelta(days=7), menu_item_id=menu("kkkj").pk
        ),
    )
    sent = a_problem(district, dimension="health")
    services.problem_escalate(
        Act(district), problem=sent, data=services.EscalationInput(reason="เกินศักยภาพ")
    )
    for name, confirm in (("กรมการพัฒนาชุมชน", False), ("กรมพัฒนาฝีมือแรงงาน", True)):
        logbook_services.activity_create(
            Act(district),
            household=HH1,
            data=logbook_services.ActivityInput(
                name="ช่วยเหลือ",
                agency_id=agency(name).pk,
                indicator=20,
                start_on=date(2026, 10, 1),
                confirm_duplicate=confirm,
            ),
        )
    client.force_login(people["prov_health"])
    html = client.get("/monitor/", {"year": "2566"}).content.decode()
    rows = {r[0]: r[1:7] for r in _rows(html, "problems")}
    # open, assigned, in progress, resolved, escalated, total
    assert rows["ด้านรายได้"] == ["1", "1", "0", "0", "0", "2"]
    assert rows["ด้านสุขภาพ"] == ["0", "0", "0", "0", "1", "1"]
    assert re.search(r'data-key="problems_open">3<', html)
    assert _rows(html, "duplicates") == [["กรมพัฒนาฝีมือแรงงาน", "1", "1"]]


def test_the_monthly_report_counts_an_agency_once_whatever_its_spelling(
    people: dict[str, Any],
) -> None:
    from tpmap.dashboard.reports.selectors import assistance_by_agency

    a_problem(people["district"], agency="กรม การพัฒนาชุมชน")
    a_problem(people["district"], agency="กรมการพัฒนาชุมชน")
    a_problem(people["district"], agency="อบต.ในเมือง")
    rows = assistance_by_agency("34", date(2026, 11, 1))
    assert [(r.agency, r.problems, r.households) for r in rows] == [
        ("กรมการพัฒนาชุมชน", 2, 1),
        ("อบต.ในเมือง", 1, 1),
    ]
