"""Thai 13-digit national ID (เลขประจำตัวประชาชน): checksum and masking.

Checksum (INDICATORS.md section 4): s = sum(d_i * (14 - i)) for i = 1..12;
valid when d13 == (11 - s mod 11) mod 10.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_plus

NID_LENGTH = 13
# How people type a NID: 13 digits, ASCII or Thai (๐-๙; Python's \d is every Unicode
# decimal digit), with any grouping of spaces (also no-break and thin spaces) or dashes
# (ASCII, Unicode dashes, minus), up to 3 such characters between two digits
# ("3 - 1005 ..."). A line break does not join digits. Not preceded or followed directly by
# a digit, so a 10-digit phone number or a longer number alone is left as it is; digits
# joined by separators into 13 or more (a phone number followed by a 3-digit number) are
# masked: for a NID, masking too much is the safe mistake.
_SEP = r"(?:[^\S\r\n]|[\-\u2010-\u2015\u2212\u200b]){0,3}"
NID_PATTERN = re.compile(rf"(?<!\d)((?:\d{_SEP}){{12}}\d)(?!\d)")
# What mask() writes: a NID already masked (so a form can tell one was typed).
MASKED_PATTERN = re.compile(r"x-xxxx-xxxxx-\d\d-\d")
# A URL-looking token of a log line (a request path with its query string).
_URL_TOKEN = re.compile(r"[^\s\"'<>]*[%?=+][^\s\"'<>]*")


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


def digits_of(text: str) -> str:
    """The digits of ``text`` as ASCII digits (๑ -> 1), every other character dropped."""
    return "".join(str(int(c)) for c in text if c.isdecimal())


def mask_text(text: str) -> str:
    """``text`` with every NID-looking run of digits, in any typed form, shown as ``mask``
    shows it."""
    return NID_PATTERN.sub(lambda m: mask(digits_of(m.group(1))), text)


def mask_url_text(text: str) -> str:
    """``mask_text`` for a log line: a URL's percent-encoded or ``+``-joined query
    (``q=3%201005%2001234%2019%209``) is decoded first, so its NID is found and masked."""

    def decoded(m: re.Match[str]) -> str:
        token = m.group(0)
        plain = unquote_plus(token)
        return token if NID_PATTERN.search(plain) is None else plain

    return mask_text(_URL_TOKEN.sub(decoded, text))
