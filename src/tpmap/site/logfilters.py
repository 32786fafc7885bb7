"""Logging that never carries a full national ID."""

from __future__ import annotations

import logging

from tpmap.site.privacy import mask_text


class MaskNidFilter(logging.Filter):
    """Replace every 13-digit number in a log record with its masked form."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not hide the record
            message = str(record.msg)
        masked = mask_text(message)
        if masked != message:
            record.msg = masked
            record.args = ()
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        return True
