"""The declared steps of a build: each data year runs YEAR_STEPS in order, then the build
runs FINAL_STEPS once. Progress and the report's timings count these lists, so adding a
step is adding a line here."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from tpmap.core.indicators import MpiMapping, default_mpi_mapping, load_mpi_mapping
from tpmap.core.policies import policy_for_year
from tpmap.warehouse.build import (
    audits,
    priority,
    publish,
    reference,
    report,
    source_dates,
    suppression,
)
from tpmap.warehouse.build import sources as src
from tpmap.warehouse.build import validation as val
from tpmap.warehouse.build.context import BuildContext, BuildError, YearContext
from tpmap.warehouse.build.queries import household_mpi_sql, load_sql, person_targets_sql

C = TypeVar("C", BuildContext, YearContext)

#: Prefixes of a year's build tables, dropped once the year is written.
YEAR_TABLE_PREFIXES = ("chk_", "rej_", "lnk_", "hh_", "out_", "st_", "dup_", val.TEXT_TABLE_PREFIX)
#: Per-year statistics appended to the all-years tables area_stats_final.sql reads.
YEAR_STATS = ("st_household", "st_person", "st_indicator", "st_group", "st_transition")


@dataclass(frozen=True, slots=True)
class Step(Generic[C]):
    name: str
    run: Callable[[C], None]


def read_sources(ctx: YearContext) -> None:
    source_dates.load_as_of(ctx.dir)  # a bad sources.toml stops the build before any work
    ctx.in_lanes(
        [functools.partial(val.read_source, source=s) for s in val.by_size(ctx, src.SOURCES)]
    )
    read = ctx.report["sources"]  # in contract order, whichever lane read a source first
    ctx.report["sources"] = {s.name: read[s.name] for s in src.SOURCES}
    _record_as_of(ctx)


def _record_as_of(ctx: YearContext) -> None:
    """Each source's as-of date from the year's sources.toml (None when not given); again
    after validation, whose retry of an unreadable CSV reads the source anew."""
    as_of = source_dates.load_as_of(ctx.dir)
    for s in src.SOURCES:
        day = as_of.get(s.name)
        ctx.report["sources"][s.name]["as_of"] = day.isoformat() if day else None


def _validate_all(ctx: YearContext) -> None:
    val.year_questionnaire(ctx)
    others = [s for s in src.SOURCES if s not in (src.BMN_HOUSEHOLD, src.BMN_PERSON)]
    registries = [functools.partial(val.validate_registry, s=s) for s in val.by_size(ctx, others)]
    if ctx.build.lanes == 1:  # one pass over the persons, households known
        val.validate_households(ctx)
        val.check_persons(ctx, households_staged=True)
        val.validate_persons(ctx, unknown_checked=True)
        for validate in registries:
            validate(ctx)
        return
    # Each source alone, the persons but for their households (validate_persons, after).
    ctx.in_lanes([val.validate_households, val.check_persons, *registries])
    val.validate_persons(ctx)


def validate_sources(ctx: YearContext) -> None:
    val.retry_unreadable(ctx, lambda: _validate_all(ctx))
    # The sources' text is read again only for the rejects, now written: its memory goes to
    # the next tables (100,000 households: peak memory 1.3 -> 1.1 GB).
    for name in ctx.eng.tables_with_prefix((val.TEXT_TABLE_PREFIX,)):
        ctx.eng.drop(name)
    val.require_households(ctx)
    reference.add_villages(ctx.eng)
    _record_as_of(ctx)


def _mapping(ctx: YearContext) -> MpiMapping:
    q = ctx.questionnaire or "2560"
    path = ctx.build.options.mpi_mappings.get(q)
    try:
        return load_mpi_mapping(path) if path else default_mpi_mapping(q)
    except (ValueError, OSError) as e:
        raise BuildError(f"ไฟล์ MPI mapping ไม่ถูกต้อง / bad MPI mapping file: {e}") from None


def link_mpi_targets(ctx: YearContext) -> None:
    mapping = _mapping(ctx)
    policy = policy_for_year(ctx.year, ctx.build.policies)
    ctx.report["mpi_mapping"] = mapping.as_dict()
    ctx.report["policy"] = {
        "year": policy.year,
        "file": policy.source,
        "groups": list(policy.group_ids),
        "target_groups": list(policy.target_groups),
    }
    eng = ctx.eng

    def card_and_mpi(lane: YearContext) -> None:
        lane.eng.run_script(load_sql("link_card.sql"))
        lane.eng.create_table("hh_mpi", household_mpi_sql(mapping))
        assessed_mpi(lane, mapping)

    # The registries per NID, the survey's MPI and the re-assessments do not depend on one
    # another.
    ctx.in_lanes([functools.partial(_run_sql, name="link_allowance.sql"), card_and_mpi])
    eng.run_script(load_sql("link_persons.sql"), ctx.params)
    eng.run_script(load_sql("corrections.sql"))
    eng.run_script(load_sql("household_members.sql"))
    eng.create_table(
        "out_person",
        _without_excluded(person_targets_sql(policy, load_sql("person_facts_surveyed.sql"))),
        ctx.params,
    )
    for facts in ("person_facts_registry.sql", "person_facts_logbook.sql"):
        eng.insert_select("out_person", person_targets_sql(policy, load_sql(facts)), ctx.params)
    # On the engine's own threads, as before lanes: the order of this table's rows is the
    # order in which the area statistics add up the households' AF scores (doubles).
    eng.run_script(load_sql("households_out.sql"), ctx.params)
    eng.run_script(priority.priority_script(policy))
    report.logbook_applied(ctx)


def _without_excluded(targets_sql: str) -> str:
    """A person excluded by a Logbook correction (deceased, moved out, not found, or of a
    not-poor household; corrections.sql) is in no group and no target."""
    return (
        "SELECT * REPLACE (CASE WHEN excluded THEN []::VARCHAR[] ELSE groups END AS groups, "
        'CASE WHEN excluded THEN NULL ELSE "group" END AS "group", '
        "is_target AND NOT excluded AS is_target) FROM (" + targets_sql + ")"
    )


def assessed_mpi(ctx: YearContext, mapping: MpiMapping) -> None:
    """The latest re-assessment of each household (assessments.sql) through the same MPI
    SQL as the survey's (household_mpi_sql reads ``stg_bmn_household``: here a CTE of that
    name holds the re-assessed rows, so the assessed MPI follows every change of the
    mapping or of its computation)."""
    ctx.eng.run_script(load_sql("assessments.sql"))
    ctx.eng.create_table(
        "hh_assessed",
        "WITH stg_bmn_household AS (SELECT * FROM hh_assessment_input) "
        f"SELECT m.*, i.assessed_on FROM ({household_mpi_sql(mapping)}) m "
        "JOIN hh_assessment_input i USING (household_id)",
    )


def transitions(ctx: YearContext) -> None:
    """Outcomes across data years (transitions.sql): this year's persons against the
    previous data year of the build; the first year has none (empty tables)."""
    eng = ctx.eng
    if not eng.table_exists("tr_prev_person"):
        eng.create_table(
            "tr_prev_person",
            "SELECT CAST(NULL AS INTEGER) AS year, nid, household_id, member_no, village_code, "
            "[]::VARCHAR[] AS dims FROM out_person LIMIT 0",
        )
        eng.create_table("tr_prev_household", "SELECT household_id FROM out_household LIMIT 0")
    from_year = ctx.build.previous_year
    # What the audit transitions_account_for_the_poor checks against: the previous year's
    # MPI-poor persons per area, from its statistics (none in the first year).
    eng.create_table(
        "tr_previous_poor",
        "SELECT area_code, mpi_poor_persons FROM all_st_household "
        "WHERE year = $from_year AND scope = 'all' AND mpi_poor_persons > 0"
        if from_year is not None
        else "SELECT 'TH' AS area_code, 0::BIGINT AS mpi_poor_persons LIMIT 0",
        {"from_year": from_year},
    )
    eng.run_script(
        load_sql("transitions.sql"),
        {**ctx.params, "from_year": ctx.year if from_year is None else from_year},
    )
    if from_year is not None:
        ctx.report["transitions"] = report.transitions_summary(ctx, from_year)
    ctx.build.previous_year = ctx.year


def area_statistics(ctx: YearContext) -> None:
    ctx.eng.run_script(load_sql("area_stats_inputs.sql"), ctx.params)
    ctx.in_lanes(
        [
            functools.partial(_run_sql, name=f"area_stats_{part}.sql")
            for part in ("persons", "households", "groups")
        ]
    )


def _run_sql(ctx: YearContext, name: str) -> None:
    ctx.eng.run_script(load_sql(name), ctx.params)


def audit_year(ctx: YearContext) -> None:
    audits.run_audits(ctx.eng, "year", ctx.report, params=ctx.params, label=f" ({ctx.year})")


def report_and_write(ctx: YearContext) -> None:
    eng = ctx.eng
    report.year_linkage(ctx)
    report.disagreements(ctx)
    for s in src.SOURCES:
        eng.append(f"all_rej_{s.name}", f"rej_{s.name}")
    for t in YEAR_STATS:
        eng.append(f"all_{t}", t)
    # The last year's persons, its longest file, are written beside the final steps, which
    # read none of the year's tables; an earlier year's tables are reused by the next.
    beside = ctx.year == ctx.build.last_year and ctx.build.lanes > 1
    wait = publish.write_year_tables(
        eng, ctx.build.staging, ctx.year, lanes=ctx.build.lanes, persons_beside=beside
    )
    if beside:
        ctx.build.background.append(wait)
    # Free the year's build tables once written (the next year reuses the names).
    for name in eng.tables_with_prefix(YEAR_TABLE_PREFIXES):
        if not (beside and name == "out_person"):
            eng.drop(name)


def area_tables(ctx: BuildContext) -> None:
    reference.area_tables(ctx.eng)
    ctx.report["publication"] = suppression.write_public_tables(ctx.eng)


def audit_build(ctx: BuildContext) -> None:
    audits.run_audits(ctx.eng, "build", ctx.report)


def write_tables(ctx: BuildContext) -> None:
    publish.write_whole_tables(ctx.eng, ctx.staging)
    ctx.join_background()
    publish.write_rejects(ctx.eng, ctx.staging)


YEAR_STEPS: tuple[Step[YearContext], ...] = (
    Step("read", read_sources),
    Step("validate", validate_sources),
    Step("link, MPI, targets", link_mpi_targets),
    Step("transitions", transitions),
    Step("area statistics", area_statistics),
    Step("audit", audit_year),
    Step("report and write", report_and_write),
)
FINAL_STEPS: tuple[Step[BuildContext], ...] = (
    Step("area tables and publication", area_tables),
    Step("audit", audit_build),
    Step("write", write_tables),
)


def step_count(years: int) -> int:
    return years * len(YEAR_STEPS) + len(FINAL_STEPS)
