"""Masking of national IDs in free text and JSON-like data (audit rows, logs, errors).

Any run of exactly 13 digits, plain or written ``1-2345-67890-12-3``, is taken for a NID
and shown as ``x-xxxx-xxxxx-12-3`` (the last 4 digits only)."""

from __future__ import annotations

from typing import Any

from tpmap.core.nid import NID_PATTERN, mask_text

__all__ = ["NID_PATTERN", "mask_data", "mask_text"]


def mask_data(value: Any) -> Any:
    """A copy of ``value`` (dicts, lists, strings, numbers) with every NID masked."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {str(k): mask_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_data(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and len(str(abs(value))) == 13:
        return mask_text(str(value))
    return value
