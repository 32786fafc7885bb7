"""Helpers of the committees tests: PDFs (real, fake, broken) and ready-made committees.

Personas are those of tests/web_kit.py: ``prov_admin`` (Ubon 34), ``district`` (the chief
of Mueang Ubon 3401), ``other_district`` (CD officer of 3402), ``team`` (the operations
team of Nai Mueang 340101), ``mentor``, ``other_admin`` (Yasothon 35), ``national``."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from tpmap.committees import services
from tpmap.committees.models import Committee, Order
from tpmap.site.officers import Act


def real_pdf(pages: int = 1) -> bytes:
    """A small real PDF drawn by fpdf2 (no text: no font needed)."""
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.rect(10, 10, 50, 20)
    return bytes(pdf.output())


def fake_pdf() -> bytes:
    """A file that starts like a PDF and ends like one, with nothing readable between."""
    return b"%PDF-1.7\n" + b"garbage " * 100 + b"\n%%EOF\n"


def jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "JPEG")
    return out.getvalue()


def committee(officer: Any, area: str) -> Committee:
    return services.committee_create(Act(officer), data=services.CommitteeInput(area_code=area))


def order(officer: Any, c: Committee, signed_on: date, number: str = "1/2567") -> Order:
    return services.order_upload(
        Act(officer, today=date(2026, 12, 1)),
        committee=c,
        data=services.OrderInput(
            number=number, signed_on=signed_on, content=real_pdf(), original_name="order.pdf"
        ),
    )
