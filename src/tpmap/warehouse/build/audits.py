"""Data audits: queries that return the rows breaking a rule (zero rows = pass), one SQL
file each in ``audits/``. A file's header names its rule (``-- Audit:``) and when it runs
(``-- Scope: year`` on one data year's build tables before they are dropped, ``build`` on
the statistics of all years). They run before the new version is published: a failing
audit fails the build with its first rows in the message and the report, and nothing is
published."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

from tpmap.core.nid import mask_text
from tpmap.warehouse.build.context import BuildError
from tpmap.warehouse.engine import Engine, Params

Scope = Literal["year", "build"]
_SCOPES: dict[str, Scope] = {"year": "year", "build": "build"}
#: How many offending rows a failed audit shows.
EXAMPLES = 5


@dataclass(frozen=True, slots=True)
class Audit:
    name: str
    rule: str
    scope: Scope
    sql: str


def _header(sql: str, key: str) -> str:
    """The text of a ``-- Key:`` header line and of the comment lines continuing it."""
    out: list[str] = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        text = line[2:].strip()
        if text.startswith(f"{key}:"):
            out = [text[len(key) + 1 :].strip()]
        elif out and not (text[:1].isupper() and ":" in text.split(" ", 1)[0]):
            out.append(text)
        elif out:
            break
    return " ".join(out)


def parse_audit(name: str, sql: str) -> Audit:
    written = _header(sql, "Scope")
    scope = _SCOPES.get(written)
    if scope is None:
        raise ValueError(f"audit {name}: '-- Scope:' must be year or build, not {written!r}")
    rule = _header(sql, "Audit")
    if not rule:
        raise ValueError(f"audit {name}: no '-- Audit:' line naming its rule")
    return Audit(name=name, rule=rule, scope=scope, sql=sql.strip().rstrip(";"))


def load_audits() -> tuple[Audit, ...]:
    """Every audit of ``tpmap/warehouse/build/audits/``, by name."""
    folder = resources.files("tpmap.warehouse.build") / "audits"
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".sql")), key=lambda f: f.name)
    return tuple(parse_audit(f.name.removesuffix(".sql"), f.read_text("utf-8")) for f in files)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return str(value)


def run_audit(eng: Engine, audit: Audit, params: Params = None) -> dict[str, Any]:
    """The audit's result: how many rows break its rule, and the first few of them."""
    rows = int(eng.scalar(f"SELECT count(*) FROM ({audit.sql})", params))
    result: dict[str, Any] = {"audit": audit.name, "rule": audit.rule, "rows": rows}
    if rows:
        result["examples"] = [
            {k: _jsonable(v) for k, v in r.items()}
            for r in eng.fetchdicts(f"SELECT * FROM ({audit.sql}) LIMIT {EXAMPLES}", params)
        ]
    return result


def run_audits(
    eng: Engine,
    scope: Scope,
    report: dict[str, Any],
    *,
    audits: tuple[Audit, ...] | None = None,
    params: Params = None,
    label: str = "",
) -> None:
    """Run the audits of ``scope``, record them in ``report["audits"]`` and raise
    BuildError naming every failed one with its first rows."""
    results = [run_audit(eng, a, params) for a in (audits or load_audits()) if a.scope == scope]
    report["audits"] = results
    failed = [r for r in results if r["rows"]]
    if failed:
        lines = [
            f"{r['audit']}{label}: {r['rows']} row(s) break the rule: {r['rule']} "
            f"e.g. {r['examples']}"
            for r in failed
        ]
        raise BuildError(
            mask_text(
                "การตรวจสอบข้อมูลไม่ผ่าน ไม่ได้เผยแพร่รุ่นใหม่ / audit failed, nothing published: "
                + "; ".join(lines)
            )
        )
