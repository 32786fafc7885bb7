"""Synthetic national data: the six source files of CONTRACTS.md section 1, calibrated to
the published figures of INDICATORS.md section 6 (see ``generate``)."""

from __future__ import annotations

from tpmap.synth.generator import MANIFEST, allocate_households, generate

__all__ = ["MANIFEST", "allocate_households", "generate"]
