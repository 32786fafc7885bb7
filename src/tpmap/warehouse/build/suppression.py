"""The public release of the area statistics: what the portal and its open data may show.

Rule (docs/portal.md): a count from 1 to ``SUPPRESS_BELOW - 1`` is hidden (primary
suppression), and so is every count that would give a hidden one back by subtraction within
the area hierarchy (complementary suppression, sql/public_cells_step.sql). The build writes
``public_area_stats`` and ``public_area_indicator_stats``: the same keys as the statistics
tables, a published count or NULL when hidden. The portal reads only these tables, so every
page, map and file hides the same cells.
"""

from __future__ import annotations

from tpmap.core.disclosure import SUPPRESS_BELOW
from tpmap.warehouse.build.queries import load_sql
from tpmap.warehouse.engine import Engine, quote_ident, sql_literal
from tpmap.warehouse.layout import PUBLIC_COUNTS, TRANSITION_COUNTS

INDICATOR_PREFIX = "indicator_"
#: Transition counts (area_transition_stats) join the cells as measures of the scope 'all'.
TRANSITION_PREFIX = "transition_"
#: Persons per group of the year's policy (area_group_stats, first match) join as measures.
GROUP_PREFIX = "group_"


def _input_sql() -> str:
    cols = ", ".join(quote_ident(c) for c in PUBLIC_COUNTS)
    tcols = ", ".join(quote_ident(c) for c in TRANSITION_COUNTS)
    return (
        "CREATE OR REPLACE TABLE pub_input AS "
        f"SELECT year, scope, area_code, measure, value FROM (UNPIVOT (SELECT year, scope, "
        f"area_code, {cols} FROM area_stats) ON {cols} INTO NAME measure VALUE value) "
        "UNION ALL "
        f"SELECT year, scope, area_code, {sql_literal(INDICATOR_PREFIX)} || indicator, households "
        "FROM area_indicator_stats "
        "UNION ALL "
        f"SELECT year, 'all', area_code, {sql_literal(TRANSITION_PREFIX)} || measure, value "
        f"FROM (UNPIVOT (SELECT year, area_code, {tcols} FROM area_transition_stats) "
        f"ON {tcols} INTO NAME measure VALUE value) "
        "UNION ALL "
        f"SELECT year, scope, area_code, {sql_literal(GROUP_PREFIX)} || group_id, first_match "
        "FROM area_group_stats"
    )


def _public_stats_sql() -> str:
    shown = "CASE WHEN hidden THEN NULL ELSE value END"
    cols = ", ".join(
        f"max({shown}) FILTER (WHERE measure = {sql_literal(c)}) AS {quote_ident(c)}"
        for c in PUBLIC_COUNTS
    )
    prefix = sql_literal(INDICATOR_PREFIX)
    tprefix = sql_literal(TRANSITION_PREFIX)
    gprefix = sql_literal(GROUP_PREFIX)
    tcols = ", ".join(
        f"max({shown}) FILTER (WHERE measure = {sql_literal(TRANSITION_PREFIX + c)}) "
        f"AS {quote_ident(c)}"
        for c in TRANSITION_COUNTS
    )
    return (
        "CREATE OR REPLACE TABLE public_area_stats AS "
        f"SELECT year, scope, area_code, {cols} FROM pub_cells "
        f"WHERE NOT starts_with(measure, {prefix}) AND NOT starts_with(measure, {tprefix}) "
        f"AND NOT starts_with(measure, {gprefix}) "
        "GROUP BY year, scope, area_code; "
        "CREATE OR REPLACE TABLE public_area_indicator_stats AS "
        "SELECT year, scope, area_code, "
        f"CAST(substr(measure, {len(INDICATOR_PREFIX) + 1}) AS INTEGER) AS indicator, "
        f"{shown} AS households FROM pub_cells WHERE starts_with(measure, {prefix}); "
        "CREATE OR REPLACE TABLE public_area_transition_stats AS "
        f"SELECT c.year, f.from_year, c.area_code, {tcols} FROM pub_cells c "
        "JOIN (SELECT DISTINCT year, from_year FROM area_transition_stats) f USING (year) "
        f"WHERE starts_with(measure, {tprefix}) GROUP BY c.year, f.from_year, c.area_code; "
        "CREATE OR REPLACE TABLE public_area_group_stats AS "
        "SELECT year, scope, area_code, "
        f"substr(measure, {len(GROUP_PREFIX) + 1}) AS group_id, "
        f"{shown} AS first_match FROM pub_cells WHERE starts_with(measure, {gprefix});"
    )


def write_public_tables(eng: Engine) -> dict[str, int]:
    """Write the public tables from area_stats and area_indicator_stats; return how many
    counts were hidden by each rule."""
    if not eng.table_exists("area_transition_stats"):  # statistics made without transitions
        tcols = ", ".join(f"0::BIGINT AS {quote_ident(c)}" for c in TRANSITION_COUNTS)
        eng.create_table(
            "area_transition_stats",
            f"SELECT 0 AS year, 0 AS from_year, 'TH' AS area_code, {tcols} LIMIT 0",
        )
    if not eng.table_exists("area_group_stats"):  # statistics made without groups
        eng.create_table(
            "area_group_stats",
            "SELECT 0 AS year, 'all' AS scope, 'TH' AS area_code, '' AS group_id, "
            "0::BIGINT AS first_match, 0::BIGINT AS every_rule LIMIT 0",
        )
    eng.execute(_input_sql())
    eng.run_script(load_sql("public_cells.sql"), {"below": SUPPRESS_BELOW})
    step = load_sql("public_cells_step.sql")
    for depth in (1, 2, 3, 4):
        eng.run_script(step, {"depth": depth})
    eng.run_script(_public_stats_sql())
    row = eng.fetchone(
        "SELECT count(*) FILTER (WHERE hidden AND NOT secondary), "
        "count(*) FILTER (WHERE secondary), count(*) FROM pub_cells"
    )
    assert row is not None
    counts = {
        "hidden_small": int(row[0]),
        "hidden_complementary": int(row[1]),
        "cells": int(row[2]),
    }
    eng.drop("pub_input")
    eng.drop("pub_cells")
    return counts
