"""tpmap_export_sources (CONTRACTS.md §5): the exact CSV of the Logbook's sources."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.logbook.fieldwork_kit import HH1, NEW_NID, TODAY, addition_input
from tests.web_kit import H1, H3, YEAR
from tpmap.logbook import services
from tpmap.logbook.services import HouseholdRef
from tpmap.site.officers import Act
from tpmap.site.warehouse import Warehouse

pytestmark = pytest.mark.django_db
HH3 = HouseholdRef(YEAR, H3, "34010102")


def _record(people: dict[str, Any], wh: Warehouse) -> dict[str, int]:
    team, chief = people["team"], people["district"]
    somsri = next(n for n, name in services.household_members(wh, HH1).items() if "สมศรี" in name)

    def correct(**kw: Any) -> Any:
        return services.correction_create(
            Act(team, today=TODAY), wh=wh, household=HH1, data=services.CorrectionInput(**kw)
        )

    dead = correct(kind="deceased", member_no=somsri, effective_on=date(2026, 11, 28), note="ป่วย")
    wrong = correct(
        kind="wrong_data", field_name="house_no", correct_value="12/4", effective_on=TODAY
    )
    correct(kind="found", effective_on=TODAY)  # confirms the survey: not a correction
    gone = correct(kind="moved_out", member_no=0, effective_on=TODAY)
    services.correction_reverse(Act(team), wh=wh, correction=gone, reason="ผิดคน")
    approved = services.addition_create(
        Act(team, today=TODAY), wh=wh, data=addition_input(nid=NEW_NID)
    )
    services.addition_decide(
        Act(chief),
        addition=approved,
        data=services.DecisionInput(approve=True, identity_checked=True),
    )
    services.addition_create(  # pending: not exported
        Act(team, today=TODAY), wh=wh, data=addition_input(first_name="รอ", age=30)
    )
    assessed = services.assessment_create(
        Act(team, today=TODAY),
        wh=wh,
        household=HH3,
        data=services.AssessmentInput(
            assessed_on=date(2026, 11, 30), results={8: "pass", 11: "fail", 28: "na"}
        ),
    )
    return {
        "dead": dead.pk,
        "wrong": wrong.pk,
        "somsri": somsri,
        "person": approved.pk,
        "assessed": assessed.pk,
    }


def test_it_writes_the_approved_rows_of_the_year_as_the_contract_csv(
    people: dict[str, Any], wh: Warehouse, tmp_path: Path
) -> None:
    ids = _record(people, wh)
    out = tmp_path / "sources"
    (out / str(YEAR)).mkdir(parents=True)
    (out / str(YEAR) / "logbook_person.parquet").write_bytes(b"old export")
    stdout = StringIO()
    call_command("tpmap_export_sources", "--year", str(YEAR), "--out", str(out), stdout=stdout)
    assert stdout.getvalue() == "logbook_person: 1\nlogbook_correction: 2\nlogbook_assessment: 1\n"
    today = timezone.localdate().isoformat()
    folder = out / str(YEAR)
    assert sorted(p.name for p in folder.iterdir()) == [
        "logbook_assessment.csv",
        "logbook_correction.csv",
        "logbook_person.csv",
    ]
    assert (folder / "logbook_person.csv").read_text(encoding="utf-8") == (
        "record_id,nid,title,first_name,last_name,sex,birth_date,age,village_code,"
        "household_id,reason,approved_on\n"
        f"{ids['person']},{NEW_NID},นาง,บัวผัน,ตกหล่น,F,,67,34010101,,"
        f"อาศัยอยู่กับลูกสาว ไม่ได้อยู่ในการสำรวจ,{today}\n"
    )
    assert (folder / "logbook_correction.csv").read_text(encoding="utf-8") == (
        "record_id,household_id,member_no,kind,effective_on,approved_on,note\n"
        f"{ids['dead']},{H1},{ids['somsri']},deceased,2026-11-28,{today},ป่วย\n"
        f"{ids['wrong']},{H1},,wrong_data,2026-12-01,{today},house_no=12/4\n"
    )
    header = "record_id,household_id,assessed_on," + ",".join(f"ind_{i:02d}" for i in range(1, 39))
    cells = [""] * 38
    cells[8 - 1], cells[11 - 1] = "1", "0"  # 28 not applicable: empty, as in bmn_household
    assert (folder / "logbook_assessment.csv").read_text(encoding="utf-8") == (
        f"{header}\n{ids['assessed']},{H3},2026-11-30,{','.join(cells)}\n"
    )


def test_it_replaces_an_earlier_export_and_prints_json(
    people: dict[str, Any], wh: Warehouse, tmp_path: Path
) -> None:
    _record(people, wh)
    out = tmp_path / "sources"
    call_command("tpmap_export_sources", "--year", str(YEAR), "--out", str(out), stdout=StringIO())
    stdout = StringIO()
    call_command(
        "tpmap_export_sources", "--year", str(YEAR - 1), "--out", str(out), "--json", stdout=stdout
    )
    assert json.loads(stdout.getvalue()) == {
        "year": YEAR - 1,
        "folder": str(out / str(YEAR - 1)),
        "rows": {"logbook_person": 0, "logbook_correction": 0, "logbook_assessment": 0},
    }
    assert (out / str(YEAR - 1) / "logbook_person.csv").read_text().count("\n") == 1
    assert (out / str(YEAR) / "logbook_correction.csv").read_text().count("\n") == 3
