"""Docs are tested: every CLI command and option appears in the README, every setting read
from the environment is documented, and the docs link only to files of the repository."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import typer.main

from tpmap.cli import app

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md"))}


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


def environment_settings() -> set[str]:
    """Every ``TPMAP_*`` name that settings.py reads from the environment: the string
    constants of the module that are such a name (os.environ.get("TPMAP_X"),
    _env_bool("TPMAP_X"), ...)."""
    import tpmap.site.settings as settings_module

    tree = ast.parse(Path(settings_module.__file__).read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.fullmatch(r"TPMAP_[A-Z0-9_]+", node.value)
    }


def test_every_environment_setting_is_documented_in_docs() -> None:
    names = environment_settings()
    assert {"TPMAP_SECRET_KEY", "TPMAP_WAREHOUSE", "TPMAP_PRODUCTION"} <= names
    documented = "\n".join(DOCS.values())
    missing = sorted(n for n in names if f"`{n}`" not in documented)
    assert missing == []


def test_the_docs_link_only_to_files_of_the_repository() -> None:
    for name, text in {"README.md": README, **{f"docs/{k}": v for k, v in DOCS.items()}}.items():
        assert "../shared" not in text and "shared/design" not in text, name
        base = ROOT if name == "README.md" else ROOT / "docs"
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
            if "://" not in target:
                assert (base / target).exists(), f"{name} links to missing {target}"


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
