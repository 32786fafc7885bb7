"""Crawl every public page and download of a small synthetic country: no personal data
(names, national IDs or their last 4 digits) and no count from 1 to 4 anywhere."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections import deque
from typing import Any

import pytest
from openpyxl import load_workbook

from tpmap.core.nid import mask
from tpmap.portal.opendata import HEADER, column_names
from tpmap.warehouse.read.public import COUNT_COLUMNS

pytestmark = [pytest.mark.usefixtures("portal_settings"), pytest.mark.db_free]
HREF = re.compile(r'(?:href|data-geo|data-stats)="(/(?:open|open-data)/[^"#]*)"')
CNT = re.compile(r'<span class="cnt(?: sup)?"[^>]*>([^<]*)</span>')
TOKEN = re.compile(r"[\u0e00-\u0e7fA-Za-z]+")
CSRF = re.compile(r"\b[A-Za-z0-9]{64}\b")  # Django's masked CSRF token
THIRTEEN_DIGITS = re.compile(r"(?<![\d.])\d{13}(?![\d])")


def crawl(client: Any) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    queue = deque(["/open/", "/open-data/"])
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        r = client.get(url, follow=True)
        assert r.status_code == 200, url
        seen[url] = r
        ctype = r["Content-Type"]
        if ctype.startswith("text/html"):
            for link in HREF.findall(r.content.decode()):
                link = link.replace("&amp;", "&")
                if "?sort=" in link:  # the same page in another order
                    continue
                if link not in seen:
                    queue.append(link)
    return seen


def as_text(r: Any) -> str:
    if r["Content-Type"].startswith("application/vnd.openxml"):
        wb = load_workbook(io.BytesIO(r.content), read_only=True)
        return "\n".join(
            "\t".join("" if v is None else str(v) for v in row)
            for ws in wb.worksheets
            for row in ws.iter_rows(values_only=True)
        )
    return str(r.content.decode("utf-8-sig"))


def table_rows(r: Any) -> list[dict[str, Any]]:
    if r["Content-Type"].startswith("text/csv"):
        rows: list[Any] = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    else:
        ws = load_workbook(io.BytesIO(r.content), read_only=True)["area_stats"]
        rows = list(ws.iter_rows(values_only=True))
    # Thai headers: their English names come from the dictionary.
    names = column_names(list(rows[0]))
    assert set(HEADER) <= set(names)
    return [dict(zip(names, row, strict=True)) for row in rows[1:]]


def test_no_public_page_or_download_shows_personal_data_or_a_small_count(
    client: Any, secrets_of: dict[str, set[str]]
) -> None:
    pages = crawl(client)
    kinds = {u.rsplit(".", 1)[-1] if "open-data/2" in u else "" for u in pages}
    assert {"csv", "xlsx"} <= kinds
    assert any(re.fullmatch(r"/open/\d{4}/\d{8}/", u) for u in pages)  # villages reached
    masked = {mask(n) for n in secrets_of["nids"]}
    downloads = 0
    for url, r in pages.items():
        text = as_text(r)
        if url.endswith("provinces.geojson"):
            continue  # province outlines: coordinates only, no statistics
        words = TOKEN.findall(text)
        pairs = {f"{a} {b}" for a, b in itertools.pairwise(words)}
        assert not pairs & secrets_of["names"], url
        assert not set(words) & secrets_of["last_names"], url
        assert not THIRTEEN_DIGITS.search(text), url
        assert not any(m in text for m in masked), url
        # A random CSRF token may begin with the letters "nid": it is not personal data.
        assert not re.search(r"\bnid", CSRF.sub("", text), re.I), url
        ctype = r["Content-Type"]
        if ctype.startswith("text/html"):
            for value in CNT.findall(text):
                assert value == "*" or int(value.replace(",", "")) not in range(1, 5), url
        elif ctype.startswith("application/json"):
            for p in json.loads(text)["provinces"].values():
                assert p["target_persons"] not in range(1, 5), url
        else:
            if "/open-data/2" not in url:
                continue
            downloads += 1
            for row in table_rows(r):
                flagged = set(str(row["suppressed_columns"] or "").split(";")) - {""}
                for c in COUNT_COLUMNS:
                    v = row[c]
                    if v in ("", None):
                        assert c in flagged, (url, c)
                    else:
                        assert int(v) not in range(1, 5), (url, c)
                if row["target_rate_pct"] in ("", None):
                    assert "target_rate_pct" in flagged or not int(row["persons_surveyed"] or 0)
    assert downloads >= 20
    # The generated people are there to be hidden: the check is not vacuous.
    assert len(secrets_of["names"]) > 100 and len(secrets_of["nids"]) > 100
