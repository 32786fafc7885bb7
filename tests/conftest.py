"""Shared fixtures of the web tests live in tests/web_kit.py (a plugin, so the warehouse
tests do not load Django fixtures they never use)."""

pytest_plugins = ["tests.web_kit"]
