"""Calibration against INDICATORS.md section 6.

Measured on 200,000 households over all 77 provinces (seed 1), and on the national run
(12,935,866 households, 2566):

| figure                               | target  | 2562 (200k) | 2566 (200k) | 2566 national |
|--------------------------------------|---------|-------------|-------------|---------------|
| persons per household                | 2.83    | 2.851       | 2.825       | 2.820         |
| MPI-poor households (2562)           | 9.66%   | 9.68%       |             |               |
| MPI-poor persons (2562)              | 12.02%  | 12.00%      |             |               |
| persons with an active welfare card  | 28.7%   | 28.68%      | 27.24%      | 27.29%        |
| target poor, % of persons (2562)     | 2.82%   | 2.81%       |             |               |
| target poor deprived: health         | 21.0%   | 21.4%       |             |               |
|                     living           | 23.7%   | 23.9%       |             |               |
|                     education        | 36.6%   | 37.7%       |             |               |
|                     income           | 36.4%   | 37.1%       |             |               |
|                     access           | 0.63%   | 0.73%       |             |               |
| MPI-poor households (2566)           | 1.52%   |             | 1.52%       | 1.52%         |
| group 1.1, % of persons (2566)       | 0.59%   |             | 0.57%       | 0.57%         |
| group 1.2, % of persons (2566)       | 1.23%   |             | 1.21%       | 1.20%         |
| vulnerable households (2566)         | 85.2%   |             | 85.5%       | 85.3%         |

The test below runs a smaller sample (a few seconds) with tolerances for its noise.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tpmap.core.indicators import default_mpi_mapping
from tpmap.synth import generate

from .conftest import Generated

HOUSEHOLDS = 60_000


@pytest.fixture(scope="module")
def sample_2562(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    root = tmp_path_factory.mktemp("cal62")
    generate(root, year=2562, households=HOUSEHOLDS, seed=11, fmt="parquet")
    return Generated(root, 2562, "parquet")


@pytest.fixture(scope="module")
def sample_2566(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    root = tmp_path_factory.mktemp("cal66")
    generate(root, year=2566, households=HOUSEHOLDS, seed=11, fmt="parquet")
    return Generated(root, 2566, "parquet")


def _poor_sql(questionnaire: str) -> str:
    m = default_mpi_mapping(questionnaire)
    return " OR ".join(f"ind_{m.item(i):02d} = '0'" for i in m.indicators)


def _measured_from_files(g: Generated, questionnaire: str) -> dict[str, float]:
    hh, person = g.rel("bmn_household"), g.rel("bmn_person")
    poor = _poor_sql(questionnaire)
    n_hh, poor_hh = g.sql(f"SELECT count(*), count(*) FILTER (WHERE {poor}) FROM {hh}")[0]
    n_p, poor_p = g.sql(
        f"SELECT count(*), count(*) FILTER (WHERE h.poor) FROM {person} "
        f"JOIN (SELECT household_id, ({poor}) AS poor FROM {hh}) h USING (household_id)"
    )[0]
    return {
        "persons_per_household": n_p / n_hh,
        "mpi_poor_households": poor_hh / n_hh,
        "mpi_poor_persons": poor_p / n_p,
    }


def test_questionnaire_2560_year_hits_the_published_shares(sample_2562: Generated) -> None:
    g = sample_2562
    measured = _measured_from_files(g, "2560")
    shares = g.manifest["expected"]["shares"]
    assert measured["mpi_poor_households"] == pytest.approx(shares["mpi_poor_households"], abs=1e-5)
    assert measured["persons_per_household"] == pytest.approx(2.83, abs=0.08)
    assert measured["mpi_poor_households"] == pytest.approx(0.0966, abs=0.006)
    assert measured["mpi_poor_persons"] == pytest.approx(0.1202, abs=0.008)
    assert shares["welfare_card_persons"] == pytest.approx(0.287, abs=0.008)
    assert shares["target_persons"] == pytest.approx(0.0282, abs=0.003)
    assert shares["target_deprived_health"] == pytest.approx(0.21, abs=0.04)
    assert shares["target_deprived_living"] == pytest.approx(0.237, abs=0.04)
    assert shares["target_deprived_education"] == pytest.approx(0.366, abs=0.05)
    assert shares["target_deprived_income"] == pytest.approx(0.364, abs=0.05)
    assert shares["target_deprived_access"] < 0.02


def test_questionnaire_2566_year_hits_the_published_shares(sample_2566: Generated) -> None:
    g = sample_2566
    measured = _measured_from_files(g, "2566")
    e = g.manifest["expected"]
    persons = e["persons"]
    assert measured["persons_per_household"] == pytest.approx(2.79, abs=0.08)
    assert measured["mpi_poor_households"] == pytest.approx(0.0152, abs=0.002)
    assert e["target_persons"] / persons == pytest.approx(0.0059, abs=0.0012)  # group 1.1
    assert e["mpi_poor_without_card_persons"] / persons == pytest.approx(0.0123, abs=0.002)
    assert e["shares"]["vulnerable_households"] == pytest.approx(0.852, abs=0.02)


def test_registries_are_sized_like_the_national_ones(sample_2566: Generated) -> None:
    scale = HOUSEHOLDS / 12_935_866
    rows = sample_2566.manifest["rows"]
    assert rows["welfare_card"] == pytest.approx(14_500_000 * scale, rel=0.08)
    assert rows["allowance"] == pytest.approx(9_800_000 * scale, rel=0.05)
    assert rows["disability"] == pytest.approx(1_900_000 * scale, rel=0.05)
    assert rows["health_coverage"] == pytest.approx(53_700_000 * scale, rel=0.02)
    g = sample_2566
    not_surveyed = g.one(
        f"SELECT count(*) FROM {g.rel('welfare_card')} WHERE status = 'active' AND nid NOT IN "
        f"(SELECT nid FROM {g.rel('bmn_person')} WHERE nid IS NOT NULL)"
    )
    assert not_surveyed == pytest.approx(3_581_211 * scale, rel=0.05)  # policy group 3.2
    ucs = g.one(
        f"SELECT avg(CASE WHEN scheme = 'UCS' THEN 1 ELSE 0 END) FROM {g.rel('health_coverage')}"
    )
    assert 0.65 < ucs < 0.9


def test_the_northeast_north_and_deep_south_are_poorer_than_bangkok_and_the_east(
    sample_2562: Generated,
) -> None:
    g = sample_2562
    poor = _poor_sql("2560")
    rows = g.sql(
        f"SELECT CASE WHEN p = 10 THEN 'bangkok' WHEN p IN (94, 95, 96) THEN 'deep_south' "
        f"WHEN p BETWEEN 20 AND 27 THEN 'east' WHEN p BETWEEN 30 AND 49 THEN 'northeast' "
        f"WHEN p BETWEEN 50 AND 67 THEN 'north' ELSE 'other' END AS region, "
        f"avg(CASE WHEN {poor} THEN 1.0 ELSE 0.0 END) "
        f"FROM (SELECT *, CAST(substr(village_code, 1, 2) AS INTEGER) AS p "
        f"FROM {g.rel('bmn_household')}) GROUP BY 1"
    )
    rate = dict(rows)
    for poorer in ("northeast", "north", "deep_south"):
        for richer in ("bangkok", "east"):
            assert rate[poorer] > 1.4 * rate[richer], (poorer, richer, rate)
    assert rate["deep_south"] > rate["northeast"]


def test_a_single_province_run_uses_that_province_rate(tmp_path: Path) -> None:
    generate(tmp_path / "bkk", year=2562, households=6000, seed=2, provinces=["10"])
    generate(tmp_path / "ds", year=2562, households=6000, seed=2, provinces=["96"])
    bkk = Generated(tmp_path / "bkk", 2562, "csv").manifest["expected"]["shares"]
    ds = Generated(tmp_path / "ds", 2562, "csv").manifest["expected"]["shares"]
    assert ds["mpi_poor_households"] > 3 * bkk["mpi_poor_households"]
