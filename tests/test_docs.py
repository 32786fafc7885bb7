"""Docs are tested: every CLI command and option appears in the README, every environment
variable the settings read in docs/."""

from __future__ import annotations

from pathlib import Path

import typer.main

from tpmap.cli import app

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_and_option_is_in_the_readme() -> None:
    group = typer.main.get_command(app)
    commands = getattr(group, "commands", {})
    assert set(commands) == {"synth", "build", "summary", "households", "household"}
    for name, cmd in commands.items():
        assert f"tpmap {name}" in README, name
        for param in cmd.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert opt in README, f"{name} {opt}"


def test_the_readme_gives_the_two_setup_commands() -> None:
    assert "    make demo\n" in README and "    make test\n" in README


DOCS = "\n".join(
    p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parents[1] / "docs").glob("*.md"))
)
SETTINGS = Path(__file__).parents[1] / "src" / "tpmap" / "site" / "settings.py"


def settings_variables() -> set[str]:
    """Every TPMAP_* name settings.py reads from the environment (os.environ.get("..."),
    os.environ["..."] or a helper such as _env_bool("..."))."""
    import re

    text = SETTINGS.read_text(encoding="utf-8")
    return set(re.findall(r"""\(\s*["'](TPMAP_[A-Z0-9_]+)["']""", text)) | set(
        re.findall(r"""environ\[\s*["'](TPMAP_[A-Z0-9_]+)["']\s*\]""", text)
    )


def test_every_environment_variable_of_the_settings_is_documented() -> None:
    names = settings_variables()
    assert {"TPMAP_WAREHOUSE", "TPMAP_SECRET_KEY", "TPMAP_HTTPS"} <= names  # the scan works
    missing = sorted(n for n in names if f"`{n}`" not in DOCS)
    assert missing == [], (
        f"document these in docs/ (a table row with the name in backticks): {missing}"
    )
