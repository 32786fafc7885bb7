from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from tpmap.core import indicators as I


def test_questionnaires_have_31_and_38_indicators_with_categories() -> None:
    q60, q66 = I.questionnaire("2560"), I.questionnaire("2566")
    assert (q60.count, q66.count) == (31, 38)
    assert q60.indicator(22).category == "work_income"
    assert q66.indicator(29).name_th == "รายได้เฉลี่ยของคนในครัวเรือนต่อปี"
    assert q66.indicator(1).lead_ministries == ("กระทรวงสาธารณสุข",)
    assert sum(1 for i in q66.indicators if i.category == "health") == 12


def test_the_official_2560_mapping_has_17_indicators_and_nested_weights() -> None:
    m = I.default_mpi_mapping("2560")
    assert m.official and len(m.indicators) == 17
    assert m.dimensions["access"] == (27, 28)
    assert (m.weight(1), m.weight(8), m.weight(15), m.weight(20), m.weight(27)) == (
        Fraction(1, 20),
        Fraction(1, 20),
        Fraction(1, 20),
        Fraction(1, 15),
        Fraction(1, 10),
    )
    assert sum(m.weight(i) for i in m.indicators) == 1


def test_the_2566_mapping_is_marked_proposed() -> None:
    m = I.default_mpi_mapping("2566")
    assert not m.official
    assert m.dimensions["income"] == (27, 28, 29)


def test_a_broken_mapping_file_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "m.toml"
    f.write_text(
        'questionnaire = "2560"\n[dimensions]\nhealth=[1]\nliving=[1]\n'
        "education=[15]\nincome=[20]\naccess=[27]\n"
    )
    with pytest.raises(ValueError, match="two dimensions"):
        I.load_mpi_mapping(f)
    f.write_text(
        'questionnaire = "2560"\n[dimensions]\nhealth=[40]\nliving=[8]\n'
        "education=[15]\nincome=[20]\naccess=[27]\n"
    )
    with pytest.raises(ValueError, match="not in questionnaire"):
        I.load_mpi_mapping(f)
