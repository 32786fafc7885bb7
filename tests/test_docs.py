"""Docs are tested: every CLI command and option appears in the README."""

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


def test_every_role_key_is_documented() -> None:
    from tpmap.accounts.roles import Role

    logbook = (Path(__file__).parents[1] / "docs" / "logbook.md").read_text(encoding="utf-8")
    for role in Role:
        assert f"`{role.value}`" in logbook, role


def test_every_api_path_is_documented() -> None:
    from tpmap.api.main import api

    doc = (Path(__file__).parents[1] / "docs" / "api.md").read_text(encoding="utf-8")
    schema = api.get_openapi_schema()
    for path in schema["paths"]:
        # The docs call a record's id {id}; the OpenAPI document names the parameter pk.
        assert path.removeprefix("/api/v1").replace("{pk}", "{id}") in doc, path
