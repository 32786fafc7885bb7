"""Create or update one account (CONTRACTS.md section 5): the operator's way in on a new
server, and for scripts. Role keys: docs/logbook.md ("Roles")."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tpmap.accounts.roles import Role
from tpmap.accounts.services import account_upsert


class Command(BaseCommand):
    help = "Create or update an account: --username --password --role --area [--agency]"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--password", required=True)
        parser.add_argument("--role", required=True, help=", ".join(r.value for r in Role))
        parser.add_argument("--area", required=True, help="TH, or a 2/4/6-digit area code")
        parser.add_argument("--agency", default=None)

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            user, created = account_upsert(
                username=opts["username"],
                password=opts["password"],
                role=opts["role"],
                area_code=opts["area"],
                agency=opts["agency"],
            )
        except ValidationError as e:
            problems = (
                [f"{k}: {'; '.join(v)}" for k, v in e.message_dict.items()]
                if hasattr(e, "error_dict")
                else e.messages
            )
            raise CommandError(" / ".join(problems)) from e
        verb = "created" if created else "updated"
        self.stdout.write(f"{verb} {user.username} ({user.role}, {user.area_code})")
