"""Is an upload a real PDF? Its first bytes are the PDF header, its end carries the
end-of-file marker, and pypdf reads its page tree. The name and the browser's content
type prove nothing, so neither is asked."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_ORDER_BYTES = 10 * 1024 * 1024  # a scanned order of a few pages is well under this
HEADER = b"%PDF-"
EOF_MARK = b"%%EOF"
TAIL = 2048  # pdf writers may add a few bytes (a newline, padding) after %%EOF

# pypdf logs every repair it makes of a damaged file; the check reports the outcome itself.
logging.getLogger("pypdf").setLevel(logging.ERROR)


@dataclass(frozen=True, slots=True)
class CleanPdf:
    content: bytes
    pages: int
    original_name: str


def _shape_error(content: bytes) -> str | None:
    if not content:
        return _("กรุณาแนบไฟล์คำสั่ง (PDF)")
    if len(content) > MAX_ORDER_BYTES:
        return _("ไฟล์ใหญ่เกิน %(mb)s MB") % {"mb": MAX_ORDER_BYTES // (1024 * 1024)}
    if not content.startswith(HEADER) or EOF_MARK not in content[-TAIL:]:
        return _("ไฟล์นี้ไม่ใช่ไฟล์ PDF")
    return None


def pdf_error(content: bytes) -> str | None:
    """Why ``content`` is not an acceptable order PDF (None: it is one)."""
    checked = clean_pdf(content)
    return checked if isinstance(checked, str) else None


def _pages(content: bytes) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            return 0
        return len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return 0


def clean_pdf(content: bytes, original_name: str = "") -> CleanPdf | str:
    """The checked PDF, or the Thai message saying why it is refused. The cheap checks of
    its first and last bytes come first; pypdf reads it once."""
    error = _shape_error(content)
    if error is not None:
        return error
    pages = _pages(content)
    if pages < 1:
        return _("ไฟล์ PDF นี้เสียหายหรืออ่านไม่ได้")
    return CleanPdf(content=content, pages=pages, original_name=original_name[:200])
