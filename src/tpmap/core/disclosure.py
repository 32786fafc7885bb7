"""The statistical disclosure rule of everything public (docs/portal.md): a count of 1 to
``SUPPRESS_BELOW - 1`` people or households is never shown, nor any count that gives one
back by subtraction. The build applies it; the portal quotes it."""

from __future__ import annotations

SUPPRESS_BELOW = 5
