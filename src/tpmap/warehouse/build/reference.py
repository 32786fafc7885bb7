"""Reference tables of a build: subdistricts and reject reasons (the checks join them),
villages as the data names them, and the published area catalogue."""

from __future__ import annotations

from tpmap.core import areas as area_catalog
from tpmap.core.policies import farming_occupations
from tpmap.warehouse.build import sources as src
from tpmap.warehouse.build.queries import load_sql
from tpmap.warehouse.engine import Engine


def load_reference(eng: Engine) -> None:
    subs = [a.code for a in area_catalog.admin_areas() if a.level == "subdistrict"]
    eng.execute("CREATE TABLE ref_subdistrict (code VARCHAR PRIMARY KEY)")
    eng.create_text_table("_subs", {"code": subs})
    eng.execute("INSERT INTO ref_subdistrict SELECT code FROM _subs")
    eng.drop("_subs")
    eng.execute("CREATE TABLE ref_reason (code VARCHAR, message_th VARCHAR, message_en VARCHAR)")
    eng.execute(
        "INSERT INTO ref_reason VALUES " + ", ".join("(?, ?, ?)" for _ in src.REASONS),
        [x for code, (th, en) in src.REASONS.items() for x in (code, th, en)],
    )
    # Occupations meaning farming (data: core/data/farming_occupations.toml), lower case.
    eng.create_text_table("ref_farming_occupation", {"occupation": list(farming_occupations())})
    eng.execute(
        "CREATE TABLE ref_village (code VARCHAR, name_th VARCHAR, name_en VARCHAR, "
        "village_name VARCHAR, address_th VARCHAR)"
    )


def add_villages(eng: Engine) -> None:
    """Villages first seen this year (from households, card holders, logbook additions)."""
    rows = eng.fetchall(
        "SELECT village_code, mode(village_name) FROM ("
        " SELECT village_code, village_name FROM stg_bmn_household"
        " UNION ALL SELECT village_code, NULL FROM stg_welfare_card WHERE village_code IS NOT NULL"
        " UNION ALL SELECT village_code, NULL FROM stg_logbook_person"
        ") WHERE village_code NOT IN (SELECT code FROM ref_village) GROUP BY village_code"
    )
    if not rows:
        return
    villages = [area_catalog.village_area(code, vname) for code, vname in rows]
    eng.create_text_table(
        "_villages",
        {
            "code": [code for code, _ in rows],
            "name_th": [a.name_th for a in villages],
            "name_en": [a.name_en for a in villages],
            "village_name": [vname for _, vname in rows],
            "address_th": [area_catalog.address_th(code, vname) for code, vname in rows],
        },
    )
    eng.execute("INSERT INTO ref_village SELECT * FROM _villages")
    eng.drop("_villages")


def area_tables(eng: Engine) -> None:
    """The area catalogue (administrative areas and the villages seen) and the statistics
    tables of all years."""
    admin = area_catalog.admin_areas()
    eng.create_text_table(
        "_admin",
        {
            "code": [a.code for a in admin],
            "level": [a.level for a in admin],
            "name_th": [a.name_th for a in admin],
            "name_en": [a.name_en for a in admin],
            "parent_code": [a.parent_code for a in admin],
        },
    )
    eng.create_table("areas", load_sql("areas.sql"))
    eng.drop("_admin")
    eng.run_script(load_sql("area_stats_final.sql"))
