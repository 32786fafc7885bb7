from __future__ import annotations

from pathlib import Path

import pytest

from tpmap.core import policies as P
from tpmap.warehouse.engine import connect


def test_shipped_policies_load_with_their_groups() -> None:
    ps = P.load_policies()
    assert set(ps) == {2562, 2564, 2566}
    assert ps[2562].group_ids == ("target",)
    assert ps[2564].group_ids == ("1", "2", "3")
    assert ps[2564].target_groups == ("1",)
    assert ps[2566].group_ids == ("1.1", "1.2", "2", "3.1", "3.2", "4")
    assert ps[2566].target_groups == ("1.1", "1.2")


def test_a_year_uses_its_policy_else_the_nearest_earlier_else_the_earliest() -> None:
    ps = P.load_policies()
    assert P.policy_for_year(2562, ps).year == 2562
    assert P.policy_for_year(2563, ps).year == 2562
    assert P.policy_for_year(2564, ps).year == 2564
    assert P.policy_for_year(2565, ps).year == 2564
    assert P.policy_for_year(2569, ps).year == 2566
    assert P.policy_for_year(2561, ps).year == 2562


def test_rules_compile_to_sql_that_treats_null_as_not_satisfied() -> None:
    sql = P.compile_rule("surveyed and (has_dependent or income_per_person <= 100000)")
    assert sql == (
        "COALESCE((surveyed AND (has_dependent OR (income_per_person <= 100000))), FALSE)"
    )
    with connect() as eng:

        def holds(rule: str, **row: object) -> bool:
            cols = ", ".join(f"? AS {k}" for k in row)
            return bool(
                eng.scalar(
                    f"SELECT {P.compile_rule(rule)} FROM (SELECT {cols})", list(row.values())
                )
            )

        assert (
            holds(
                "surveyed and (has_dependent or income_per_person <= 100000)",
                surveyed=True,
                has_dependent=False,
                income_per_person=None,
            )
            is False
        )
        assert holds("not (income_per_person <= 100000)", income_per_person=None) is False
        assert holds("income_per_person > 5", income_per_person=None) is False
        assert holds("15 <= age < 60", age=59) is True
        assert holds("15 <= age < 60", age=60) is False
        assert (
            holds(
                "failed_dimensions >= 3 or (deprived_income and deprived_living)",
                failed_dimensions=1,
                deprived_income=True,
                deprived_living=True,
            )
            is True
        )


@pytest.mark.parametrize(
    "rule, message",
    [
        ("__import__('os').system('x')", "is not allowed"),
        ("open_file and surveyed", "unknown variable 'open_file'"),
        ("age", "must be true or false"),
        ("mpi_poor + 1 > 2", "is not allowed"),
        ("age in (1, 2)", "operator In is not allowed"),
        ("mpi_poor <= 3", "'mpi_poor' must be a number"),
        ("surveyed and", "syntax error"),
        ("surveyed.__class__", "is not allowed"),
        ("'drop table x'", "is not allowed"),
    ],
)
def test_rules_outside_the_whitelist_are_refused(rule: str, message: str) -> None:
    with pytest.raises(P.RuleError, match=message.replace("(", r"\(").replace("+", r"\+")):
        P.compile_rule(rule)


def test_a_policy_file_with_a_bad_rule_or_unknown_target_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "2570.toml"
    f.write_text('year = 2570\ntarget_groups = ["a"]\n[[groups]]\nid = "a"\nrule = "rich"\n')
    with pytest.raises(P.RuleError, match="unknown variable 'rich'"):
        P.load_policy(f)
    f.write_text('year = 2570\ntarget_groups = ["b"]\n[[groups]]\nid = "a"\nrule = "surveyed"\n')
    with pytest.raises(P.RuleError, match="unknown group"):
        P.load_policy(f)


def test_every_shipped_rule_is_said_in_thai_words_without_its_code() -> None:
    assert P.describe_rule("surveyed and mpi_poor and welfare_card") == (
        "อยู่ในการสำรวจ จปฐ. และ ยากจนตามดัชนี MPI และ มีบัตรสวัสดิการแห่งรัฐ"
    )
    assert P.describe_rule("surveyed and mpi_poor and not welfare_card") == (
        "อยู่ในการสำรวจ จปฐ. และ ยากจนตามดัชนี MPI และ ไม่มีบัตรสวัสดิการแห่งรัฐ"
    )
    assert P.describe_rule("surveyed and (has_dependent or income_per_person <= 100000)") == (
        "อยู่ในการสำรวจ จปฐ. และ (ครัวเรือนมีผู้พึ่งพิง หรือ รายได้เฉลี่ยต่อคนต่อปี ไม่เกิน 100,000 บาท)"
    )
    assert P.describe_rule("logbook_added") == "เพิ่มโดยทีมปฏิบัติการ (คนตกหล่น)"
    for policy in P.load_policies().values():
        for g in policy.groups:
            words = P.describe_rule(g.rule)
            assert not any(v in words for v in P.VARIABLES), (g.rule, words)
            assert " and " not in words and " or " not in words and "not " not in words


def test_a_rule_in_words_turns_numbers_around_and_speaks_english_too() -> None:
    assert P.describe_rule("15 <= age < 60") == "อายุ ตั้งแต่ 15 ปี และ อายุ น้อยกว่า 60 ปี"
    assert P.describe_rule("not (failed_count > 2)") == ("ไม่ใช่กรณีที่ จำนวนตัวชี้วัดที่ตกเกณฑ์ มากกว่า 2")
    assert P.describe_rule("income_per_person < 38000.5 or deprived_health") == (
        "รายได้เฉลี่ยต่อคนต่อปี น้อยกว่า 38,000.50 บาท หรือ ขัดสนด้านสุขภาพ"
    )
    assert P.describe_rule("not surveyed and welfare_card", "en") == (
        "not in the BMN survey and holds a state welfare card"
    )
    with pytest.raises(P.RuleError):
        P.describe_rule("surveyed and __import__")


def test_every_variable_a_rule_may_use_has_words_in_both_languages() -> None:
    for v in sorted(P.VARIABLES):
        rule = f"{v} or {v}" if v in P.BOOLEAN_VARIABLES else f"{v} > 1"
        assert v not in P.describe_rule(rule, "th")
        assert P.describe_rule(rule, "en") != rule
