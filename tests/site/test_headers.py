"""Response headers: a strict Content-Security-Policy everywhere, no caching of pages with
personal data, and production settings that pass Django's deployment check."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

import tpmap
from tests.web_kit import H1, YEAR
from tpmap.site.headers import content_security_policy, tile_source

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
TEMPLATES = sorted(Path(tpmap.__file__).parent.rglob("templates/**/*.html"))
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE
)


def test_the_policy_allows_this_site_only_and_the_tile_server_for_images() -> None:
    assert content_security_policy() == POLICY
    assert tile_source("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png") == (
        "https://*.tile.openstreetmap.org"
    )
    assert tile_source("https://tiles.example.go.th/{z}/{x}/{y}.png") == (
        "https://tiles.example.go.th"
    )
    assert tile_source("") == tile_source("ftp://x/{z}") == tile_source("https://a;b/") == ""
    assert "img-src 'self' data: https://tiles.example.go.th;" in content_security_policy(
        "https://tiles.example.go.th/{z}/{x}/{y}.png"
    )


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_no_template_has_an_inline_script_handler_or_style(template: Path) -> None:
    assert INLINE.findall(template.read_text(encoding="utf-8")) == []


@pytest.mark.django_db
def test_every_page_carries_the_policy_and_officer_pages_are_not_cached(
    people: Any, web_settings: Any
) -> None:
    public = Client()
    assert public.get("/login/")["Content-Security-Policy"] == POLICY
    for url in (f"/open/{YEAR}/34/", "/open-data/"):
        r = public.get(url)
        assert r.status_code == 200, url
        assert r["Content-Security-Policy"] == POLICY
        assert "no-store" not in r.get("Cache-Control", ""), url  # public, cacheable
    officer = Client()
    officer.force_login(people["prov_admin"])
    for url in (
        "/households/",
        f"/households/{YEAR}/{H1}/",
        "/monitor/",
        "/reports/",
        "/accounts/manage/",
        "/accounts/audit/",
        f"/open/{YEAR}/34/",
    ):
        r = officer.get(url)
        assert r.status_code == 200, url
        assert r["Content-Security-Policy"] == POLICY
        assert "no-store" in r["Cache-Control"] and "private" in r["Cache-Control"], url


def _manage(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TPMAP_", "DJANGO_"))}
    clean.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "tpmap.site", *args],
        env={**clean, "TPMAP_DATA_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_check_with_no_warning(tmp_path: Path) -> None:
    done = _manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        TPMAP_PRODUCTION="1",
        TPMAP_SECRET_KEY="k" * 10 + "Zx9-Qr7_Lm3vTp5sWy1uNb8cJd2fHg6eKa4oRi0tEz" + "w" * 10,
        TPMAP_ALLOWED_HOSTS="logbook.example.go.th",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "System check identified no issues (0 silenced)."


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path: Path) -> None:
    done = _manage(
        tmp_path, "check", TPMAP_PRODUCTION="1", TPMAP_ALLOWED_HOSTS="logbook.example.go.th"
    )
    assert done.returncode != 0
    assert "TPMAP_PRODUCTION=1 needs TPMAP_SECRET_KEY" in done.stderr
    assert not (tmp_path / ".secret_key").exists()
