"""The generated files follow CONTRACTS.md section 1."""

from __future__ import annotations

import csv

import numpy as np
import pyarrow.parquet as pq
import pytest
import shapely

from tpmap.core import areas, geo, nid
from tpmap.synth import generate

from .conftest import Generated

# CONTRACTS.md section 1, in the contract's order.
CONTRACT_COLUMNS = {
    "bmn_household": [
        "household_id", "village_code", "village_name", "house_no", "questionnaire",
        *[f"ind_{i:02d}" for i in range(1, 39)],
        "income_total", "debt_formal", "debt_informal", "savings", "house_tenure",
        "latitude", "longitude", "surveyed_on",
    ],
    "bmn_person": [
        "household_id", "nid", "title", "first_name", "last_name", "sex", "birth_date", "age",
        "relation", "education", "occupation", "income_year", "is_disabled",
        "is_chronic_patient", "self_reliant",
    ],
    "welfare_card": ["nid", "registered_round", "status", "monthly_benefit", "village_code"],
    "allowance": ["nid", "kind", "monthly_amount", "paying_agency"],
    "disability": ["nid", "disability_type", "card_issued_on"],
    "health_coverage": ["nid", "scheme", "main_hospital_code", "main_hospital_name"],
    "farmer_registry": ["nid", "registered_on", "farm_area_rai"],
}  # fmt: skip


def test_csv_files_have_exactly_the_contract_columns(clean_2562: Generated) -> None:
    for source, cols in CONTRACT_COLUMNS.items():
        with clean_2562.path(source).open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        assert header == cols, source


def test_parquet_files_have_exactly_the_contract_columns(clean_2566: Generated) -> None:
    for source, cols in CONTRACT_COLUMNS.items():
        assert pq.read_schema(clean_2566.path(source)).names == cols, source


def test_duckdb_reads_every_file_with_the_manifest_row_counts(
    clean_2562: Generated, clean_2566: Generated
) -> None:
    for g in (clean_2562, clean_2566):
        for source in CONTRACT_COLUMNS:
            n = g.one(f"SELECT count(*) FROM {g.rel(source)}")
            assert n == g.manifest["rows"][source] > 0, (g.year, source)


def test_values_fit_the_contract_vocabularies(clean_2562: Generated) -> None:
    g = clean_2562
    checks = {
        "bmn_household": [
            "questionnaire = '2560'",
            "house_tenure IN ('own','rent','relative','public','other')",
            "TRY_CAST(income_total AS BIGINT) >= 0",
            "TRY_CAST(debt_formal AS BIGINT) >= 0 AND TRY_CAST(savings AS BIGINT) >= 0",
            "TRY_CAST(surveyed_on AS DATE) BETWEEN DATE '2019-01-01' AND DATE '2019-12-31'",
            *[f"ind_{i:02d} IS NULL OR ind_{i:02d} IN ('0','1')" for i in range(1, 32)],
            *[f"ind_{i:02d} IS NULL" for i in range(32, 39)],
        ],
        "bmn_person": [
            "sex IN ('M','F')",
            "relation IN ('head','spouse','child','parent','relative','other')",
            "education IN ('none','pre_primary','primary','lower_secondary',"
            "'upper_secondary','vocational','diploma','bachelor','higher')",
            "title IN ('นาย','นาง','นางสาว','เด็กชาย','เด็กหญิง')",
            "first_name IS NOT NULL AND last_name IS NOT NULL",
            "birth_date IS NOT NULL OR age IS NOT NULL",
            "birth_date IS NULL OR TRY_CAST(birth_date AS DATE) < DATE '2019-01-01'",
            "age IS NULL OR TRY_CAST(age AS INTEGER) BETWEEN 0 AND 130",
            "is_disabled IN ('0','1') AND is_chronic_patient IN ('0','1')",
            "self_reliant IN ('0','1')",
            "TRY_CAST(income_year AS BIGINT) >= 0",
        ],
        "welfare_card": [
            "status IN ('active','revoked')",
            "registered_round IN ('2560','2565')",
            "TRY_CAST(monthly_benefit AS INTEGER) >= 0",
        ],
        "allowance": [
            "kind IN ('elderly','disabled','hiv')",
            "TRY_CAST(monthly_amount AS INTEGER) > 0",
        ],
        "disability": [
            "disability_type IN ('1','2','3','4','5','6','7')",
            "TRY_CAST(card_issued_on AS DATE) < DATE '2019-01-01'",
        ],
        "health_coverage": [
            "scheme IN ('UCS','SSS','CSMBS','LGO','other')",
            "regexp_full_match(main_hospital_code, '[0-9]{5}')",
            "main_hospital_name LIKE 'โรงพยาบาล%' OR main_hospital_name LIKE 'ศูนย์บริการ%'",
        ],
    }
    for source, rules in checks.items():
        for rule in rules:
            bad = g.one(f"SELECT count(*) FROM {g.rel(source)} WHERE NOT coalesce(({rule}), false)")
            assert bad == 0, (source, rule)


def test_every_nid_is_valid_and_unique_nationally(clean_2562: Generated) -> None:
    g = clean_2562
    person_nids = [r[0] for r in g.sql(f"SELECT nid FROM {g.rel('bmn_person')}")]
    given = [n for n in person_nids if n is not None]
    assert all(nid.is_valid(n) for n in given)
    assert len(set(given)) == len(given)
    empty_share = 1 - len(given) / len(person_nids)
    assert 0.001 < empty_share < 0.012  # about 0.5% of people have no NID on record
    for source in ("welfare_card", "allowance", "disability", "health_coverage"):
        nids = [r[0] for r in g.sql(f"SELECT nid FROM {g.rel(source)}")]
        assert all(nid.is_valid(n) for n in nids), source
    health = [r[0] for r in g.sql(f"SELECT nid FROM {g.rel('health_coverage')}")]
    assert len(set(health)) == len(health)
    assert set(given) <= set(health)  # everyone surveyed with a NID has a health scheme


def test_household_ids_are_unique_11_digit_house_codes(clean_2562: Generated) -> None:
    g = clean_2562
    n, distinct, ok = g.sql(
        f"SELECT count(*), count(DISTINCT household_id), "
        f"count(*) FILTER (WHERE regexp_full_match(household_id, '[0-9]{{11}}') "
        f"AND substr(household_id, 1, 4) = substr(village_code, 1, 4)) "
        f"FROM {g.rel('bmn_household')}"
    )[0]
    assert n == distinct == ok == 3000


def test_every_household_has_exactly_one_head_and_members_exist(clean_2562: Generated) -> None:
    g = clean_2562
    rows = g.sql(
        f"SELECT h.household_id, count(p.household_id) FILTER (WHERE p.relation = 'head') "
        f"FROM {g.rel('bmn_household')} h LEFT JOIN {g.rel('bmn_person')} p USING (household_id) "
        f"GROUP BY 1"
    )
    assert len(rows) == 3000
    assert all(heads == 1 for _, heads in rows)
    orphans = g.one(
        f"SELECT count(*) FROM {g.rel('bmn_person')} WHERE household_id NOT IN "
        f"(SELECT household_id FROM {g.rel('bmn_household')})"
    )
    assert orphans == 0


def test_village_codes_are_valid_and_names_stable_per_village(clean_2562: Generated) -> None:
    g = clean_2562
    rows = g.sql(
        f"SELECT village_code, count(DISTINCT village_name), min(village_name) "
        f"FROM {g.rel('bmn_household')} GROUP BY 1"
    )
    assert rows
    for code, names, name in rows:
        assert areas.village_code_is_valid(code), code
        assert code[:2] in {"10", "34", "75", "96"}
        assert names == 1 and name.startswith("บ้าน")
    holders = g.sql(
        f"SELECT DISTINCT village_code FROM {g.rel('welfare_card')} WHERE village_code IS NOT NULL"
    )
    assert holders and all(areas.village_code_is_valid(c) for (c,) in holders)


def test_coordinates_lie_inside_the_households_province(clean_2562: Generated) -> None:
    g = clean_2562
    rows = g.sql(
        f"SELECT substr(village_code, 1, 2), CAST(latitude AS DOUBLE), "
        f"CAST(longitude AS DOUBLE) FROM {g.rel('bmn_household')}"
    )
    by_prov: dict[str, list[tuple[float, float]]] = {}
    for prov, lat, lon in rows:
        by_prov.setdefault(prov, []).append((lat, lon))
    for prov, pts in by_prov.items():
        arr = np.array(pts)
        assert np.all(shapely.contains_xy(geo.province_shape(prov).geometry, arr[:, 1], arr[:, 0]))
        assert np.all((arr[:, 0] >= 5.6) & (arr[:, 0] <= 20.5))
        assert np.all((arr[:, 1] >= 97.3) & (arr[:, 1] <= 105.7))


def test_unknown_province_is_refused(tmp_path: object) -> None:
    from pathlib import Path

    with pytest.raises(ValueError, match="unknown province"):
        generate(Path(str(tmp_path)), year=2566, households=10, seed=1, provinces=["99"])
