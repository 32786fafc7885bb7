"""``generate``: the six source files of one data year, province by province."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import numpy as np

from tpmap.core.indicators import AF_CUTOFF, AF_TOLERANCE, DIMENSIONS, default_mpi_mapping
from tpmap.synth import dirty as dirty_rows
from tpmap.synth import layout, output, params, population, registries, survey
from tpmap.synth.frames import household_table, person_table
from tpmap.synth.rng import DIRTY, stream

Progress = Callable[[str, int, int], None]
MANIFEST = "synth_manifest.json"
STEPS = ("layout", "persons", "survey", "tables", "registries", "dirty", "write")


def _provinces(provinces: list[str] | None) -> list[str]:
    known = layout.catalog().province_codes
    if provinces is None:
        return list(known)
    codes = sorted({str(p).strip().zfill(2) for p in provinces})
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise ValueError(f"unknown province code(s): {', '.join(unknown)}")
    if not codes:
        raise ValueError("provinces must name at least one province")
    return codes


def allocate_households(households: int, provinces: list[str]) -> dict[str, int]:
    """Households per province, proportional to the province weights (largest remainder)."""
    w = np.array([layout.province_weight(c) for c in provinces])
    counts = layout.allocate(households, w)
    return {c: int(n) for c, n in zip(provinces, counts, strict=True)}


def _bad_target(dirty: float, rows: int, n_codes: int) -> int:
    """Bad rows due once ``rows`` good rows have been written: the share, but at least one
    per reason code so every code is represented."""
    if dirty <= 0 or rows <= 0:
        return 0
    return max(round(dirty * rows), n_codes)


class _Stats:
    """Figures of the good data that a correct warehouse build must reproduce."""

    def __init__(self) -> None:
        self.c: Counter[str] = Counter()
        self.af_score_sum = 0.0  # sum of c over AF-poor persons

    def add(self, s: survey.Survey, card: np.ndarray) -> None:
        p = s.people
        hh = p.hh
        poor_p = s.mpi_poor[hh]
        target = poor_p & card
        dep_p = s.deprived[hh]
        age = s.age
        dependent = (age < 15) | (age >= 60) | p.disabled | ~s.self_reliant
        has_dep = np.bincount(hh[dependent], minlength=s.members.size) > 0
        ipp = s.income_total / np.maximum(s.members, 1)
        vulnerable = has_dep | (ipp <= 100_000)
        c = self.c
        c["households"] += s.members.size
        c["persons"] += hh.size
        c["persons_with_nid"] += int((p.nid > 0).sum())
        c["mpi_poor_households"] += int(s.mpi_poor.sum())
        c["mpi_poor_persons"] += int(poor_p.sum())
        c["welfare_card_persons"] += int(card.sum())
        c["target_persons"] += int(target.sum())
        c["target_households"] += int((np.bincount(hh[target], minlength=s.members.size) > 0).sum())
        c["mpi_poor_without_card_persons"] += int((poor_p & ~card).sum())
        c["card_not_poor_persons"] += int((card & ~poor_p).sum())
        c["vulnerable_households"] += int(vulnerable.sum())
        c["vulnerable_persons"] += int(vulnerable[hh].sum())
        score = survey.af_scores(s.indicators, default_mpi_mapping(s.questionnaire))
        af_poor = score >= float(AF_CUTOFF) - AF_TOLERANCE
        c["af_poor_households"] += int(af_poor.sum())
        c["af_poor_persons"] += int(af_poor[hh].sum())
        self.af_score_sum += float((score * s.members)[af_poor].sum())
        for d, name in enumerate(DIMENSIONS):
            c[f"dim_{name}_households"] += int(s.deprived[:, d].sum())
            c[f"dim_{name}_persons"] += int(dep_p[:, d].sum())
            c[f"dim_{name}_target_persons"] += int((dep_p[:, d] & target).sum())

    def as_dict(self) -> dict[str, Any]:
        c = self.c
        out: dict[str, Any] = {k: int(v) for k, v in sorted(c.items())}
        af_h = c["af_poor_persons"] / c["persons"] if c["persons"] else 0.0
        af_a = self.af_score_sum / c["af_poor_persons"] if c["af_poor_persons"] else 0.0
        # The Alkire-Foster figures of INDICATORS.md §3 over the good rows (k = 1/3).
        out["af"] = {"H": af_h, "A": af_a, "M0": af_h * af_a}
        persons = max(c["persons"], 1)
        hhs = max(c["households"], 1)
        target = max(c["target_persons"], 1)
        out["shares"] = {
            "persons_per_household": round(c["persons"] / hhs, 4),
            "mpi_poor_households": round(c["mpi_poor_households"] / hhs, 5),
            "mpi_poor_persons": round(c["mpi_poor_persons"] / persons, 5),
            "welfare_card_persons": round(c["welfare_card_persons"] / persons, 5),
            "target_persons": round(c["target_persons"] / persons, 5),
            "mpi_poor_without_card_persons": round(c["mpi_poor_without_card_persons"] / persons, 5),
            "vulnerable_households": round(c["vulnerable_households"] / hhs, 5),
            **{
                f"target_deprived_{d}": round(c[f"dim_{d}_target_persons"] / target, 5)
                for d in DIMENSIONS
            },
        }
        return out


def generate(
    out: Path,
    *,
    year: int,
    households: int,
    seed: int,
    provinces: list[str] | None = None,
    dirty: float = 0.0,
    fmt: Literal["csv", "parquet"] = "csv",
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Write the six source files of CONTRACTS.md section 1 for data year ``year`` into
    ``out/<year>/`` plus ``synth_manifest.json``; return a summary (rows per file, seconds
    per step). Same arguments give byte-identical files; the same seed and provinces give
    the same households and people in every year."""
    if fmt not in ("csv", "parquet"):
        raise ValueError("fmt must be 'csv' or 'parquet'")
    if households < 0:
        raise ValueError("households must be >= 0")
    if not 0.0 <= dirty <= 1.0:
        raise ValueError("dirty must be between 0 and 1")
    if not 2543 <= year <= 2600:
        raise ValueError("year must be a Buddhist-era data year, e.g. 2562 or 2566")
    started = time.perf_counter()
    codes = _provinces(provinces)
    per_province = allocate_households(households, codes)
    q = survey.questionnaire_for_year(year)
    target_dir = Path(out) / str(year)
    target_dir.mkdir(parents=True, exist_ok=True)
    seconds: dict[str, float] = dict.fromkeys(STEPS, 0.0)
    clock = [time.perf_counter()]

    def lap(step: str) -> None:
        now = time.perf_counter()
        seconds[step] += now - clock[0]
        clock[0] = now

    writers = {s: output.SourceWriter(target_dir, s, fmt) for s in output.SOURCES}
    good_rows: Counter[str] = Counter()
    bad_written: Counter[str] = Counter()
    assigned: Counter[str] = Counter()  # bad rows due so far (drives the reason rotation)
    bad_counts: dict[str, Counter[str]] = {s: Counter() for s in output.SOURCES}
    stats = _Stats()
    done = 0
    fresh = {"nids": 0, "households": 0}
    if progress:
        progress("households", 0, households)
    try:
        for code in codes:
            n = per_province[code]
            if n == 0:
                continue
            clock[0] = time.perf_counter()
            lay = layout.province_layout(code, n, seed)
            lap("layout")
            people = population.make_people(code, n, seed)
            lap("persons")
            s = survey.make_survey(lay, people, year, seed)
            lap("survey")
            tables = {
                "bmn_household": household_table(lay, s),
                "bmn_person": person_table(lay, s),
            }
            lap("tables")
            regs = registries.make_registries(lay, s, seed)
            tables.update(regs.tables)
            stats.add(s, regs.card)
            lap("registries")
            bad = {}
            if dirty > 0:
                ctx = dirty_rows.Context(
                    seed=seed,
                    province=code,
                    questionnaire=q,
                    rng=stream(seed, DIRTY, int(code), year),
                    fresh_nids=fresh["nids"],
                    fresh_households=fresh["households"],
                )
                for src in output.SOURCES:
                    rows = tables[src].num_rows
                    n_codes = len(dirty_rows.reasons_for(src, q))
                    due = _bad_target(dirty, good_rows[src] + rows, n_codes) - _bad_target(
                        dirty, good_rows[src], n_codes
                    )
                    bt, counts = dirty_rows.bad_rows(src, tables[src], due, assigned[src], ctx)
                    assigned[src] += due
                    bad[src] = bt
                    bad_counts[src].update(counts)
                fresh = {"nids": ctx.fresh_nids, "households": ctx.fresh_households}
            lap("dirty")
            for src in output.SOURCES:
                writers[src].write(tables[src])
                good_rows[src] += tables[src].num_rows
                if src in bad:
                    writers[src].write(bad[src])
                    bad_written[src] += bad[src].num_rows
            lap("write")
            done += n
            if progress:
                progress("households", done, households)
            del tables, bad, regs, s, people, lay
    finally:
        for w in writers.values():
            w.close()

    rows = {src: writers[src].rows for src in output.SOURCES}
    bad_by_source = {src: dict(sorted(bad_counts[src].items())) for src in output.SOURCES}
    not_injected = {
        src: [c for c in dirty_rows.REASONS[src] if c not in dirty_rows.reasons_for(src, q)]
        for src in output.SOURCES
    }
    manifest: dict[str, Any] = {
        "generator": "tpmap.synth",
        "manifest_version": 1,
        "arguments": {
            "year": year,
            "households": households,
            "seed": seed,
            "provinces": provinces if provinces is None else codes,
            "dirty": dirty,
            "format": fmt,
        },
        "questionnaire": q,
        "files": {src: writers[src].path.name for src in output.SOURCES},
        "rows": rows,
        "good_rows": {src: int(good_rows[src]) for src in output.SOURCES},
        "bad_rows": {src: int(bad_written[src]) for src in output.SOURCES},
        "bad_rows_by_reason": bad_by_source,
        "reasons_not_injected": {k: v for k, v in not_injected.items() if v},
        "households_per_province": {c: per_province[c] for c in codes},
        "expected": stats.as_dict(),
        "notes": (
            "Every bad row is an extra copy of a good row with exactly one defect, written "
            "after the good rows of its province; the figures under 'expected' are those of "
            "the good rows, which a correct build reproduces whatever the dirty share. "
            f"Income indicator threshold used: {params.INCOME_THRESHOLD[q]} baht per person."
        ),
    }
    (target_dir / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    seconds["total"] = time.perf_counter() - started
    return {
        "out": str(target_dir),
        "year": year,
        "questionnaire": q,
        "rows": rows,
        "bad_rows": manifest["bad_rows"],
        "seconds": {k: round(v, 3) for k, v in seconds.items()},
        "manifest": str(target_dir / MANIFEST),
    }
