"""Columns shared by the sources of docs/contracts.md §1, among them those the Logbook
writes and the build reads: written once here, because the writer (``logbook.export``, a
Django module) may not import the reader (``warehouse.build.sources``)."""

from __future__ import annotations

#: Who a person is, as every person source (bmn_person, logbook_person) names them.
PERSON_FIELDS: tuple[str, ...] = (
    "nid",
    "title",
    "first_name",
    "last_name",
    "sex",
    "birth_date",
    "age",
)
#: The columns of logbook_correction, in the order the Logbook writes them.
CORRECTION_COLUMNS: tuple[str, ...] = (
    "record_id",
    "household_id",
    "member_no",
    "kind",
    "effective_on",
    "approved_on",
    "note",
)
