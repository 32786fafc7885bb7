"""Thai 13-digit national ID (เลขประจำตัวประชาชน): checksum and masking.

Checksum (INDICATORS.md section 4): s = sum(d_i * (14 - i)) for i = 1..12;
valid when d13 == (11 - s mod 11) mod 10.
"""

from __future__ import annotations

import re

NID_LENGTH = 13
# Any run of exactly 13 digits, plain or written 1-2345-67890-12-3, is taken for a NID.
NID_PATTERN = re.compile(r"(?<!\d)(\d-?\d{4}-?\d{5}-?\d{2}-?\d)(?!\d)")


def check_digit(first12: str) -> int:
    """The 13th digit that makes ``first12`` a valid NID."""
    if len(first12) != NID_LENGTH - 1 or not first12.isascii() or not first12.isdigit():
        raise ValueError("first12 must be 12 ASCII digits")
    s = sum(int(d) * (NID_LENGTH - i) for i, d in enumerate(first12))
    return (11 - s % 11) % 10


def is_valid(nid: str | None) -> bool:
    """True when ``nid`` is 13 ASCII digits with a correct check digit."""
    if nid is None or len(nid) != NID_LENGTH or not nid.isascii() or not nid.isdigit():
        return False
    return int(nid[12]) == check_digit(nid[:12])


def last4(nid: str | None) -> str:
    """The only part of a NID that may be shown: its last 4 digits ('' when unknown)."""
    if not nid:
        return ""
    return nid[-4:]


def mask(nid: str | None) -> str:
    """A display form that hides all but the last 4 digits: ``x-xxxx-xxxxx-12-3``."""
    if not nid:
        return ""
    tail = last4(nid)
    return f"x-xxxx-xxxxx-{tail[:2]}-{tail[2:]}"


def mask_text(text: str) -> str:
    """``text`` with every NID-looking run of digits shown as ``mask`` shows it."""
    return NID_PATTERN.sub(lambda m: mask(m.group(1).replace("-", "")), text)
