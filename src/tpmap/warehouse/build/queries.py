"""Small functions that generate the SQL of steps whose shape depends on data files (the MPI
mapping of a questionnaire, the rules of a policy, the row checks of a source). Identifiers
come from fixed whitelists; rule expressions come from tpmap.core.policies, which compiles
only a whitelisted syntax tree."""

from __future__ import annotations

from importlib import resources

from tpmap.core.indicators import DIMENSIONS, MpiMapping
from tpmap.core.policies import Policy
from tpmap.warehouse.engine import quote_ident, sql_literal


def load_sql(name: str) -> str:
    """A SQL file of the build, from ``tpmap/warehouse/build/sql/``."""
    return (resources.files("tpmap.warehouse.build") / "sql" / name).read_text(encoding="utf-8")


def ind(no: int) -> str:
    return quote_ident(f"ind_{no:02d}")


def reason_case(checks: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> str:
    """CASE expression naming the first broken rule, NULL when the row passes."""
    whens = " ".join(f"WHEN {cond} THEN {sql_literal(code)}" for code, cond in checks)
    return f"CASE {whens} END"


def household_mpi_sql(mapping: MpiMapping) -> str:
    """SELECT over stg_bmn_household giving each household's deprivations (INDICATORS.md §3)
    on the 17 MPI indicators: deprived in MPI indicator i when the questionnaire item it
    reads is 0 (null is never a deprivation), in d when deprived in any of d's indicators;
    failed_count; failed_indicators (MPI numbers) ascending; failed_dimensions in the fixed
    dimension order; the Alkire-Foster score with nested equal weights, summed in MPI
    number order (the order tests reproduce to compare the double exactly)."""
    dep = {i: f"coalesce({ind(mapping.item(i))} = 0, FALSE)" for i in mapping.indicators}
    dims = [
        f"({' OR '.join(dep[i] for i in mapping.dimensions[d])}) AS {quote_ident('deprived_' + d)}"
        for d in DIMENSIONS
    ]
    failed_count = " + ".join(f"CAST({dep[i]} AS INTEGER)" for i in mapping.indicators)
    failed_inds = ", ".join(f"CASE WHEN {dep[i]} THEN {i} END" for i in mapping.indicators)
    failed_dims = ", ".join(
        f"CASE WHEN {' OR '.join(dep[i] for i in mapping.dimensions[d])} THEN {sql_literal(d)} END"
        for d in DIMENSIONS
    )
    # Weights as DOUBLE (a bare 0.05 would be a DECIMAL, summed and rounded differently):
    # c is then the plain double sum, left to right, a reader can reproduce exactly.
    af = " + ".join(
        f"CASE WHEN {dep[i]} THEN CAST({float(mapping.weight(i))!r} AS DOUBLE) "
        "ELSE CAST(0 AS DOUBLE) END"
        for i in mapping.indicators
    )
    return (
        "SELECT household_id, "
        + ", ".join(dims)
        + f", ({failed_count}) AS failed_count"
        + f", ({failed_count}) >= 1 AS mpi_poor"
        + f", list_filter([{failed_inds}], lambda x: x IS NOT NULL) AS failed_indicators"
        + f", list_filter([{failed_dims}], lambda x: x IS NOT NULL) AS failed_dimensions"
        + f", ({af}) AS af_score"
        + " FROM stg_bmn_household"
    )


def person_targets_sql(policy: Policy, facts_sql: str) -> str:
    """SELECT over the person facts (``facts_sql``) adding every group whose rule holds (in
    policy order), the first-match group and whether that group is a target group."""
    every = ", ".join(f"CASE WHEN {g.sql} THEN {sql_literal(g.id)} END" for g in policy.groups)
    targets = ", ".join(sql_literal(t) for t in policy.target_groups)
    return (
        'SELECT *, groups[1] AS "group", coalesce(groups[1] IN ('
        + targets
        + "), FALSE) AS is_target FROM (SELECT *, list_filter(["
        + every
        + "], lambda x: x IS NOT NULL) AS groups FROM ("
        + facts_sql
        + "))"
    )


def mark_duplicates_sql(
    table: str, *, key: str, order: str, reason: str, where: str = "_reason IS NULL"
) -> str:
    """UPDATE that gives ``reason`` to every row but the first (by ``order``) of each ``key``
    among the rows matching ``where``. Duplicate keys are found with a plain count first, so
    the ordered lists are built only for the few keys that repeat."""
    t, k = quote_ident(table), quote_ident(key)
    return (
        f"UPDATE {t} SET _reason = {sql_literal(reason)} WHERE _row IN ("
        f"SELECT unnest(list(_row ORDER BY {order})[2:]) FROM {t} "
        f"WHERE {where} AND {k} IN (SELECT {k} FROM {t} WHERE {where} AND {k} IS NOT NULL "
        f"GROUP BY {k} HAVING count(*) > 1) GROUP BY {k})"
    )
