"""``python -m tpmap.site <command>``: Django's manage.py for TPMAP (migrate, runserver,
tpmap_demo_accounts, ...), with the project's settings."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tpmap.site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line([f"{sys.executable} -m tpmap.site", *sys.argv[1:]])


if __name__ == "__main__":
    main()
