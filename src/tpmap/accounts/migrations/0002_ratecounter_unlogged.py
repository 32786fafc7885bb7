"""Rate counters in an UNLOGGED table on PostgreSQL: every API request and searched page
counts itself there, and a counter is worth nothing after a crash (its window restarts),
so its writes skip the write-ahead log and their commits wait for no disk flush. Other
databases keep the table as it is."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def _set(logged: bool) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        table = schema_editor.quote_name(apps.get_model("accounts", "RateCounter")._meta.db_table)
        schema_editor.execute(f"ALTER TABLE {table} SET {'LOGGED' if logged else 'UNLOGGED'}")

    return run


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_squashed_0004_api_token")]

    operations = [migrations.RunPython(_set(logged=False), _set(logged=True))]
