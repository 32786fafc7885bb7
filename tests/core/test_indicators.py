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


def test_the_2566_mapping_is_marked_proposed_and_keeps_the_17_mpi_numbers() -> None:
    m = I.default_mpi_mapping("2566")
    assert not m.official
    assert m.indicators == I.default_mpi_mapping("2560").indicators
    assert m.dimensions["income"] == (20, 21, 22)
    assert (m.item(20), m.item(21), m.item(22)) == (27, 28, 29)
    # Drinking and household water are one item in 2566: MPI 9 and 10 both read it.
    assert m.indicators_of_item(18) == (9, 10)
    assert m.item_dimension(18) == "living" and m.item_dimension(1) is None
    assert m.name_th(22) == "รายได้เฉลี่ยของคนในครัวเรือนต่อปี"
    assert I.mapping_from_dict(m.as_dict()) == m


def _mapping_file(tmp_path: Path, items: dict[int, int], q: str = "2566") -> Path:
    f = tmp_path / "m.toml"
    body = "".join(f"{k} = {v}\n" for k, v in items.items())
    f.write_text(f'questionnaire = "{q}"\n[items]\n{body}')
    return f


def test_a_replacement_mapping_file_is_read(tmp_path: Path) -> None:
    items = dict(I.default_mpi_mapping("2566").items) | {22: 30}
    m = I.load_mpi_mapping(_mapping_file(tmp_path, items))
    assert m.item(22) == 30 and not m.official


def test_a_broken_mapping_file_is_refused(tmp_path: Path) -> None:
    full = dict(I.default_mpi_mapping("2566").items)
    with pytest.raises(ValueError, match="missing 28"):
        I.load_mpi_mapping(_mapping_file(tmp_path, {k: v for k, v in full.items() if k != 28}))
    with pytest.raises(ValueError, match="not MPI indicators 2"):
        I.load_mpi_mapping(_mapping_file(tmp_path, full | {2: 3}))
    with pytest.raises(ValueError, match="not in questionnaire 2560"):
        I.load_mpi_mapping(_mapping_file(tmp_path, full, q="2560"))
    f = tmp_path / "old.toml"
    f.write_text('questionnaire = "2566"\n[dimensions]\nhealth = [2]\n')
    with pytest.raises(ValueError, match="old format"):
        I.load_mpi_mapping(f)
