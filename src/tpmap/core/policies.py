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


# -- a rule in words ------------------------------------------------------------------------
# Each variable of a rule as people say it, in Thai then English (pages pick by language):
# (holds, does not hold) for a true/false fact, the quantity's name (and unit) for a number.
_FACTS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "surveyed": (
        ("อยู่ในการสำรวจ จปฐ.", "ไม่อยู่ในการสำรวจ จปฐ."),
        ("in the BMN survey", "not in the BMN survey"),
    ),
    "mpi_poor": (("ยากจนตามดัชนี MPI", "ไม่ยากจนตามดัชนี MPI"), ("MPI poor", "not MPI poor")),
    "welfare_card": (
        ("มีบัตรสวัสดิการแห่งรัฐ", "ไม่มีบัตรสวัสดิการแห่งรัฐ"),
        ("holds a state welfare card", "holds no state welfare card"),
    ),
    "has_dependent": (
        ("ครัวเรือนมีผู้พึ่งพิง", "ครัวเรือนไม่มีผู้พึ่งพิง"),
        ("the household has a dependant", "the household has no dependant"),
    ),
    "is_elderly": (("เป็นผู้สูงอายุ", "ไม่ใช่ผู้สูงอายุ"), ("elderly", "not elderly")),
    "is_disabled": (("เป็นคนพิการ", "ไม่ใช่คนพิการ"), ("disabled", "not disabled")),
    "logbook_added": (
        ("เพิ่มโดยทีมปฏิบัติการ (คนตกหล่น)", "ไม่ได้เพิ่มโดยทีมปฏิบัติการ"),
        ("added by a field team", "not added by a field team"),
    ),
    "is_farmer": (("เป็นเกษตรกร", "ไม่ใช่เกษตรกร"), ("a farmer", "not a farmer")),
    "in_farmer_registry": (
        ("ขึ้นทะเบียนเกษตรกรแล้ว", "ยังไม่ขึ้นทะเบียนเกษตรกร"),
        ("in the farmer registry", "not in the farmer registry"),
    ),
    "household_has_unregistered_farmer": (
        ("ครัวเรือนมีเกษตรกรที่ยังไม่ขึ้นทะเบียน", "ครัวเรือนไม่มีเกษตรกรที่ยังไม่ขึ้นทะเบียน"),
        ("the household has an unregistered farmer", "the household has no unregistered farmer"),
    ),
    "household_welfare_card": (
        ("มีสมาชิกในครัวเรือนถือบัตรสวัสดิการแห่งรัฐ", "ไม่มีสมาชิกในครัวเรือนถือบัตรสวัสดิการแห่งรัฐ"),
        (
            "a member of the household holds a welfare card",
            "no member of the household holds a welfare card",
        ),
    ),
    "deprived_health": (
        ("ขัดสนด้านสุขภาพ", "ไม่ขัดสนด้านสุขภาพ"),
        ("deprived in health", "not deprived in health"),
    ),
    "deprived_living": (
        ("ขัดสนด้านความเป็นอยู่", "ไม่ขัดสนด้านความเป็นอยู่"),
        ("deprived in living conditions", "not deprived in living conditions"),
    ),
    "deprived_education": (
        ("ขัดสนด้านการศึกษา", "ไม่ขัดสนด้านการศึกษา"),
        ("deprived in education", "not deprived in education"),
    ),
    "deprived_income": (
        ("ขัดสนด้านรายได้", "ไม่ขัดสนด้านรายได้"),
        ("deprived in income", "not deprived in income"),
    ),
    "deprived_access": (
        ("ขัดสนด้านการเข้าถึงบริการรัฐ", "ไม่ขัดสนด้านการเข้าถึงบริการรัฐ"),
        ("deprived in access to public services", "not deprived in access to public services"),
    ),
    "failed_count": (("จำนวนตัวชี้วัดที่ตกเกณฑ์", ""), ("indicators failed", "")),
    "failed_dimensions": (("จำนวนมิติที่ตกเกณฑ์", ""), ("dimensions failed", "")),
    "income_per_person": (("รายได้เฉลี่ยต่อคนต่อปี", " บาท"), ("income per person per year", " baht")),
    "age": (("อายุ", " ปี"), ("age", " years")),
}
_FACT_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    lang: {fact: words[i] for fact, words in _FACTS.items()} for i, lang in enumerate(("th", "en"))
}
_COMPARES: dict[type[ast.cmpop], tuple[str, str]] = {
    ast.Eq: ("เท่ากับ", "is"),
    ast.NotEq: ("ไม่เท่ากับ", "is not"),
    ast.Lt: ("น้อยกว่า", "below"),
    ast.LtE: ("ไม่เกิน", "at most"),
    ast.Gt: ("มากกว่า", "above"),
    ast.GtE: ("ตั้งแต่", "at least"),
}
_COMPARE_WORDS: dict[str, dict[type[ast.cmpop], str]] = {
    lang: {op: words[i] for op, words in _COMPARES.items()} for i, lang in enumerate(("th", "en"))
}
_JOIN_WORDS = {
    "th": {"and": "และ", "or": "หรือ", "not": "ไม่ใช่กรณีที่"},
    "en": {"and": "and", "or": "or", "not": "not the case that"},
}


_FLIPPED: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.Gt,
    ast.Gt: ast.Lt,
    ast.LtE: ast.GtE,
    ast.GtE: ast.LtE,
}
_TRUTH_WORDS = {
    "th": {"true": "จริงเสมอ", "false": "ไม่เป็นจริง"},
    "en": {"true": "always", "false": "never"},
}


def describe_rule(rule: str, lang: str = "th") -> str:
    """A group's rule in words for people (Thai by default, ``en`` for English), e.g.
    ``surveyed and mpi_poor and not welfare_card`` -> "อยู่ในการสำรวจ จปฐ. และ ยากจนตามดัชนี
    MPI และ ไม่มีบัตรสวัสดิการแห่งรัฐ". Numbers carry thousands separators and their unit;
    a part inside a larger and/or is put in parentheses. Raises RuleError for a rule that
    would not compile."""
    compile_rule(rule)  # the same whitelist: words are only given for accepted rules
    lang = lang if lang in _FACT_WORDS else "th"
    tree = ast.parse(rule.strip(), mode="eval")
    return _words(tree.body, lang, top=True)


def _number(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"


def _words(node: ast.expr, lang: str, *, top: bool = False) -> str:
    facts, joins = _FACT_WORDS[lang], _JOIN_WORDS[lang]
    if isinstance(node, ast.BoolOp):
        joiner = joins["and"] if isinstance(node.op, ast.And) else joins["or"]
        text = f" {joiner} ".join(_words(v, lang) for v in node.values)
        return text if top else f"({text})"
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        if isinstance(node.operand, ast.Name) and node.operand.id in BOOLEAN_VARIABLES:
            return facts[node.operand.id][1]
        return f"{joins['not']} {_words(node.operand, lang)}"
    if isinstance(node, ast.Compare):
        terms = [node.left, *node.comparators]
        unit = next(
            (facts[t.id][1] for t in terms if isinstance(t, ast.Name) and t.id in facts), ""
        )
        parts = []
        for left, op, right in zip(terms, node.ops, terms[1:], strict=False):
            kind: type[ast.cmpop] = type(op)
            if isinstance(left, ast.Constant) and not isinstance(right, ast.Constant):
                # "15 <= age" is said "age at least 15"
                left, right, kind = right, left, _FLIPPED.get(kind, kind)
            lw, rw = _term(left, lang, unit), _term(right, lang, unit)
            parts.append(f"{lw} {_COMPARE_WORDS[lang][kind]} {rw}")
        text = f" {joins['and']} ".join(parts)
        return text if top or len(parts) == 1 else f"({text})"
    if isinstance(node, ast.Name):
        if node.id in BOOLEAN_VARIABLES:
            return facts[node.id][0]
        return _TRUTH_WORDS[lang].get(node.id.lower(), node.id)
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return _TRUTH_WORDS[lang]["true" if node.value else "false"]
    return _term(node, lang, "")


def _term(node: ast.expr, lang: str, unit: str) -> str:
    if isinstance(node, ast.Name) and node.id in NUMERIC_VARIABLES:
        return _FACT_WORDS[lang][node.id][0]
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return _number(node.value) + unit
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return "-" + _term(node.operand, lang, unit)
    return _words(node, lang)
