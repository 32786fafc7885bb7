"""The catalogue's national rows and the default solution menu, written once (by the
routing data step of the logbook migration, ``migrate_data.forward``) and idempotently:
a row already there is left as it is. Takes the model classes, so the migration passes
its historical ones."""

from __future__ import annotations

from typing import Any

from tpmap.core.routing import catalogue_seed, default_menu


def seed_catalogue(agency_model: Any, menu_model: Any) -> dict[str, Any]:
    """Write what is missing; return the national agencies by name."""
    by_name: dict[str, Any] = {}
    for name, parent in catalogue_seed():
        agency, _ = agency_model.objects.get_or_create(
            name=name,
            province_code="",
            district_code="",
            defaults={
                "level": "ministry" if parent is None else "department",
                "parent": None if parent is None else by_name[parent],
            },
        )
        by_name[name] = agency
    for entry in default_menu():
        menu_model.objects.get_or_create(
            province_code="",
            key=entry.key,
            defaults={
                "name": entry.name,
                "dimension": entry.dimension,
                "indicator": entry.indicator,
                "agency": by_name[entry.department or entry.ministry],
                "qualifies": entry.qualifies,
            },
        )
    return by_name
