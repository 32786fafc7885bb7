"""Target policies as data: one TOML file per policy year, each group a boolean rule over a
whitelist of person facts (INDICATORS.md section 5).

A rule is parsed with Python's own parser into a syntax tree (``ast.parse``, which never
runs code), every node is checked against a whitelist, and the tree is compiled to a SQL
boolean expression over columns of the same names. SQL's three-valued logic plus a final
COALESCE(..., FALSE) gives the documented semantics: a null never satisfies a comparison.
"""

from __future__ import annotations

import ast
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from tpmap.core.indicators import DIMENSIONS

BOOLEAN_VARIABLES: frozenset[str] = frozenset(
    {
        "mpi_poor",
        "welfare_card",
        "surveyed",
        "has_dependent",
        "is_elderly",
        "is_disabled",
        "logbook_added",
        "is_farmer",
        "in_farmer_registry",
        "household_has_unregistered_farmer",
        "household_welfare_card",
        *(f"deprived_{d}" for d in DIMENSIONS),
    }
)
NUMERIC_VARIABLES: frozenset[str] = frozenset(
    {"failed_count", "failed_dimensions", "income_per_person", "age"}
)
VARIABLES: frozenset[str] = BOOLEAN_VARIABLES | NUMERIC_VARIABLES

_COMPARE_SQL: dict[type[ast.cmpop], str] = {
    ast.Eq: "=",
    ast.NotEq: "<>",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
}


class RuleError(ValueError):
    """A rule that cannot be accepted, with a message that says why and where."""


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    name_th: str
    name_en: str
    rule: str
    sql: str


@dataclass(frozen=True, slots=True)
class Policy:
    year: int
    name_th: str
    name_en: str
    target_groups: tuple[str, ...]
    groups: tuple[Group, ...]
    source: str

    @property
    def group_ids(self) -> tuple[str, ...]:
        return tuple(g.id for g in self.groups)


def compile_rule(rule: str) -> str:
    """Compile a rule to a SQL boolean expression that is never null."""
    try:
        tree = ast.parse(rule.strip(), mode="eval")
    except SyntaxError as e:
        raise RuleError(f"rule {rule!r}: syntax error at column {e.offset}: {e.msg}") from None
    sql, kind = _compile(tree.body, rule)
    if kind != "bool":
        raise RuleError(f"rule {rule!r}: must be true or false, not a number")
    return f"COALESCE({sql}, FALSE)"


def _compile(node: ast.expr, rule: str) -> tuple[str, str]:
    """Return (sql, kind) where kind is 'bool' or 'num'."""
    if isinstance(node, ast.BoolOp):
        joiner = " AND " if isinstance(node.op, ast.And) else " OR "
        parts = [_expect(v, "bool", rule) for v in node.values]
        return "(" + joiner.join(parts) + ")", "bool"
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return f"(NOT {_expect(node.operand, 'bool', rule)})", "bool"
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return f"(-{_expect(node.operand, 'num', rule)})", "num"
    if isinstance(node, ast.Compare):
        terms = [node.left, *node.comparators]
        pieces = []
        for left, op, right in zip(terms, node.ops, terms[1:], strict=False):
            sym = _COMPARE_SQL.get(type(op))
            if sym is None:
                raise RuleError(f"rule {rule!r}: operator {type(op).__name__} is not allowed")
            pieces.append(f"({_expect(left, 'num', rule)} {sym} {_expect(right, 'num', rule)})")
        return ("(" + " AND ".join(pieces) + ")" if len(pieces) > 1 else pieces[0]), "bool"
    if isinstance(node, ast.Name):
        if node.id in BOOLEAN_VARIABLES:
            return node.id, "bool"
        if node.id in NUMERIC_VARIABLES:
            return node.id, "num"
        if node.id in ("true", "false"):
            return node.id.upper(), "bool"
        known = ", ".join(sorted(VARIABLES))
        raise RuleError(f"rule {rule!r}: unknown variable {node.id!r} (known: {known})")
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool):
            return ("TRUE" if node.value else "FALSE"), "bool"
        if isinstance(node.value, int | float):
            return repr(node.value), "num"
    raise RuleError(
        f"rule {rule!r}: {ast.unparse(node)!r} is not allowed; use variables, numbers, "
        "and/or/not, parentheses and comparisons (< <= > >= == !=)"
    )


def _expect(node: ast.expr, kind: str, rule: str) -> str:
    sql, got = _compile(node, rule)
    if got != kind:
        what = "a true/false value" if kind == "bool" else "a number"
        raise RuleError(f"rule {rule!r}: {ast.unparse(node)!r} must be {what}")
    return sql


def load_policy(path: Path) -> Policy:
    with path.open("rb") as f:
        raw = tomllib.load(f)
    try:
        year = int(raw["year"])
        groups_raw = raw["groups"]
        target = tuple(str(t) for t in raw["target_groups"])
    except (KeyError, TypeError, ValueError) as e:
        raise RuleError(f"{path}: needs year, target_groups and [[groups]] ({e})") from None
    groups: list[Group] = []
    for g in groups_raw:
        gid = str(g["id"])
        if gid in {x.id for x in groups}:
            raise RuleError(f"{path}: group id {gid!r} appears twice")
        rule = str(g["rule"])
        groups.append(
            Group(
                id=gid,
                name_th=str(g.get("name_th", gid)),
                name_en=str(g.get("name_en", gid)),
                rule=rule,
                sql=compile_rule(rule),
            )
        )
    if not groups:
        raise RuleError(f"{path}: a policy needs at least one group")
    unknown = [t for t in target if t not in {g.id for g in groups}]
    if unknown:
        raise RuleError(f"{path}: target_groups names unknown group(s) {unknown}")
    return Policy(
        year=year,
        name_th=str(raw.get("name_th", year)),
        name_en=str(raw.get("name_en", year)),
        target_groups=target,
        groups=tuple(groups),
        source=path.name,
    )


def default_policy_dir() -> Path:
    return Path(str(resources.files("tpmap.core") / "data" / "policies"))


def load_policies(directory: Path | None = None) -> dict[int, Policy]:
    directory = directory or default_policy_dir()
    out: dict[int, Policy] = {}
    for path in sorted(directory.glob("*.toml")):
        p = load_policy(path)
        out[p.year] = p
    if not out:
        raise RuleError(f"no policy file (*.toml) in {directory}")
    return out


def policy_for_year(year: int, policies: dict[int, Policy]) -> Policy:
    """The policy of that year, else the nearest earlier one, else the earliest."""
    earlier = [y for y in policies if y <= year]
    return policies[max(earlier)] if earlier else policies[min(policies)]


def farming_occupations(path: Path | None = None) -> tuple[str, ...]:
    """The occupations (lower case) that make a surveyed person a farmer (``is_farmer``),
    from ``core/data/farming_occupations.toml``."""
    path = path or Path(str(resources.files("tpmap.core") / "data" / "farming_occupations.toml"))
    with path.open("rb") as f:
        raw = tomllib.load(f)
    return tuple(sorted({str(o).strip().lower() for o in raw.get("occupations", [])}))
