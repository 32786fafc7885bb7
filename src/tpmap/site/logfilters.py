"""Logging that never carries a full national ID."""

from __future__ import annotations

import logging

from tpmap.core.nid import mask_url_text as mask_text

# Formats a traceback as the handlers would, so it is masked before any of them does.
_FORMATTER = logging.Formatter()


class MaskNidFilter(logging.Filter):
    """Replace every NID in a log record with its masked form: the message (request lines
    with percent-encoded query strings decoded first), the traceback and the stack. Put on
    every handler (settings.LOGGING, the gunicorn configuration): a filter on a handler
    also sees the records that propagate from other loggers."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not hide the record
            message = str(record.msg)
        masked = mask_text(message)
        if masked != message:
            record.msg = masked
            record.args = ()
        if record.exc_info and not record.exc_text:
            # Formatter.format reuses exc_text when set: the handler prints this one.
            record.exc_text = _FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info)
        return True
