"""Every number on a portal page is the warehouse statistic (tpmap.warehouse.read.statistics.summary) or is
suppressed by the rule of tpmap.portal.publish."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from tpmap.core.indicators import DIMENSIONS, default_mpi_mapping
from tpmap.portal.publish import Count, rate, star_axis, suppressed
from tpmap.warehouse.read import public as portal_selectors
from tpmap.warehouse.read.statistics import summary

pytestmark = pytest.mark.usefixtures("portal_settings")
CARDS = (
    "households_surveyed",
    "persons_surveyed",
    "mpi_poor_households",
    "mpi_poor_persons",
    "target_persons",
)
CNT = re.compile(r'<span class="cnt(?: sup)?"[^>]*>([^<]*)</span>')


def shown(n: int | None) -> str:
    """A published count as a page shows it."""
    return "*" if n is None else f"{n:,}"


def page(client: Any, url: str) -> str:
    r = client.get(url)
    assert r.status_code == 200, url
    return str(r.content.decode())


def card(text: str, key: str) -> str:
    m = re.search(rf'data-key="{key}">\s*<span class="cnt[^"]*"[^>]*>([^<]*)</span>', text)
    assert m, key
    return html.unescape(m.group(1))


def areas_to_check(wh: Any) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for year in wh.years:
        out.append((year, "TH"))
        for level in ("province", "district"):
            out += [
                (year, r["code"]) for r in portal_selectors.level_stats(wh, year=year, level=level)
            ]
        subs = portal_selectors.level_stats(wh, year=year, level="subdistrict")
        out += [(year, r["code"]) for r in subs[:5]]
        villages = portal_selectors.level_stats(wh, year=year, level="village")
        out += [(year, r["code"]) for r in villages[:5]]
    return out


def url_of(year: int, code: str) -> str:
    return f"/open/{year}/" if code == "TH" else f"/open/{year}/{code}/"


def test_the_landing_page_opens_the_latest_year(client: Any, wh: Any) -> None:
    r = client.get("/open/")
    assert r.status_code == 302
    assert r["Location"] == f"/open/{wh.years[-1]}/"


def published(wh: Any, year: int, area: str, scope: str) -> dict[str, Any]:
    """The area's published counts, each checked against the warehouse statistic: equal
    when shown, and never shown when it is 1-4."""
    pub = portal_selectors.area_stats(wh, year=year, area=area, scope=scope)
    true = summary(wh, year=year, area=area, scope=scope)
    for key in CARDS:
        agree(pub[key], true[key])
    for d in DIMENSIONS:
        agree(pub[f"{d}_target_persons"], true["dimensions"][d]["target_persons"])
    for i, n in pub["indicators"].items():
        agree(n, true["indicators"][str(i)]["households"])
    if scope == "no_card":  # published side by side: their difference must not be small
        everyone = portal_selectors.area_stats(wh, year=year, area=area)
        for key in (*CARDS, *(f"{d}_target_persons" for d in DIMENSIONS)):
            if pub[key] is not None and everyone[key] is not None:
                assert not suppressed(everyone[key] - pub[key]), (area, key)
    return pub


def agree(shown_value: int | None, true_value: int) -> None:
    if shown_value is None:
        assert true_value != 0  # a zero is never hidden
    else:
        assert shown_value == true_value and not suppressed(true_value)


@pytest.mark.parametrize(("scope", "query"), [("all", ""), ("no_card", "?card=none")])
def test_every_number_on_an_area_page_is_the_warehouse_statistic_or_hidden(
    client: Any, wh: Any, scope: str, query: str
) -> None:
    checked = hidden = 0
    for year, code in areas_to_check(wh):
        s = published(wh, year, code, scope)
        text = page(client, url_of(year, code) + query)
        for key in CARDS:
            assert card(text, key) == shown(s[key]), (year, code, key)
        share = rate(s["target_persons"], s["persons_surveyed"])
        m = re.search(r'data-key="target_share">([^%]+)%', text)
        if share is None:
            assert m is None
        else:
            assert m and float(m.group(1)) == share == round(
                100 * s["target_persons"] / s["persons_surveyed"], 1
            )
        true_star = summary(wh, year=year, area=code, scope=scope)["star"]
        for d in DIMENSIONS:
            m = re.search(rf'data-star="{d}">([^<]+)<', text)
            axis = star_axis(s[f"{d}_target_persons"], s["target_persons"])
            if axis is None:
                assert m is None
                assert s[f"{d}_target_persons"] is None or s["target_persons"] is None
            else:
                # Pages round (2 decimals); the summary JSON keeps full precision.
                assert m and float(m.group(1)) == axis == round(true_star[d], 2)
        # Indicator bars, in the order of the year's MPI mapping.
        bars = text.split("ครัวเรือนที่ตกเกณฑ์รายตัวชี้วัด MPI", 1)[1].split("</ul>", 1)[0]
        mapping = default_mpi_mapping(wh.questionnaire(year))
        assert [html.unescape(v) for v in CNT.findall(bars)] == [
            shown(s["indicators"][i]) for i in mapping.indicators
        ]
        # Child areas: every row's counts are the child's own published counts.
        for child, cells in re.findall(r'<tr data-code="(\d+)">(.*?)</tr>', text, re.S):
            cs = published(wh, year, child, scope)
            assert f'href="{url_of(year, child)}{query}"' in cells
            assert [html.unescape(v) for v in CNT.findall(cells)] == [shown(cs[k]) for k in CARDS]
            pct = re.search(r'class="pct">([^%]+)%', cells)
            expected = rate(cs["target_persons"], cs["persons_surveyed"])
            assert (float(pct.group(1)) if pct else None) == expected
            hidden += sum(cs[k] is None for k in CARDS)
        # The trend: target persons of every year of the warehouse.
        trend = text.split("คนจนเป้าหมายแต่ละปี", 1)[1].split("</ul>", 1)[0]
        assert [html.unescape(v) for v in CNT.findall(trend)] == [
            shown(portal_selectors.area_stats(wh, year=y, area=code, scope=scope)["target_persons"])
            for y in wh.years
        ]
        checked += 1
    assert checked > 20 and hidden > 0


def test_the_child_table_sorts_on_published_values(client: Any, wh: Any) -> None:
    year = wh.years[-1]
    province = portal_selectors.level_stats(wh, year=year, level="province")[0]["code"]
    text = page(client, f"/open/{year}/{province}/?sort=persons_surveyed&dir=asc")
    codes = re.findall(r'<tr data-code="(\d+)">', text)
    persons = {
        r["code"]: r["persons_surveyed"]
        for r in portal_selectors.child_stats(wh, year=year, parent=province)
    }
    keys = [Count.of(persons[c]).sort_key for c in codes]
    assert keys == sorted(keys) and len(codes) == len(persons)
    by_name = re.findall(
        r'<tr data-code="(\d+)">', page(client, f"/open/{year}/{province}/?sort=name")
    )
    assert by_name == sorted(by_name)


def test_short_addresses_lead_to_the_portal_page(client: Any, wh: Any) -> None:
    year = wh.years[-1]
    for short, full in [
        (f"/{year}/75", f"/open/{year}/75/"),
        (f"/{year}/7501/", f"/open/{year}/7501/"),
        (f"/{year}", f"/open/{year}/"),
        (f"/{year}/75?card=none", f"/open/{year}/75/?card=none"),
        (f"/{year}/75?q=1100000000016", f"/open/{year}/75/"),  # nothing else is carried
    ]:
        r = client.get(short)
        assert (r.status_code, r["Location"]) == (301, full), short
    assert client.get(f"/{year}/123").status_code == 404


def test_unknown_years_and_areas_are_not_found(client: Any, wh: Any) -> None:
    assert client.get("/open/2500/").status_code == 404
    assert client.get(f"/open/{wh.years[-1]}/99/").status_code == 404
    assert client.get(f"/open/{wh.years[-1]}/123/").status_code == 404
    assert client.get(f"/open-data/{wh.years[-1]}/person.csv").status_code == 404
    assert client.get(f"/open-data/{wh.years[-1]}/province.csv?parent=7501").status_code == 404


def test_the_portal_reads_in_english_after_switching(client: Any, wh: Any) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/open/"})
    text = page(client, f"/open/{wh.years[-1]}/")
    assert 'lang="en"' in text
    assert "Target poor" in text and "Thailand" in text and "MPI-poor households" in text


@pytest.mark.parametrize(("scope", "query"), [("all", ""), ("no_card", "?card=none")])
def test_the_map_data_is_suppressed_like_the_pages(
    client: Any, wh: Any, scope: str, query: str
) -> None:
    year = wh.years[-1]
    data = client.get(f"/open/{year}/map.json{query}").json()
    assert data["scope"] == scope and len(data["provinces"]) == 2
    for code, p in data["provinces"].items():
        s = published(wh, year, code, scope)
        assert p["target_text"] == shown(s["target_persons"])
        assert p["target_persons"] == s["target_persons"]
        assert p["target_rate"] == rate(s["target_persons"], s["persons_surveyed"])
        assert p["url"] == f"/open/{year}/{code}/{query}"


def test_the_welfare_card_toggle_keeps_its_choice_across_links(client: Any, wh: Any) -> None:
    year = wh.years[-1]
    province = portal_selectors.level_stats(wh, year=year, level="province")[0]["code"]
    text = page(client, f"/open/{year}/{province}/?card=none")
    assert f'href="/open/{year}/{province}/" data-scope="all"' in text
    assert 'data-scope="no_card"' not in text  # the chosen side is not a link
    for y in wh.years:
        if y != year:
            assert f'href="/open/{y}/{province}/?card=none"' in text
    assert f'href="/open/{year}/?card=none"' in text  # breadcrumb
    assert "?sort=name&amp;card=none&amp;dir=" in text
    assert f"/open-data/{year}/district.csv?parent={province}&amp;card=none" in text
    everyone = page(client, f"/open/{year}/{province}/")
    assert f'href="/open/{year}/{province}/?card=none" data-scope="no_card"' in everyone
    # Households without a card are fewer; both counts come from the warehouse.
    assert (
        summary(wh, year=year, area=province, scope="no_card")["households_surveyed"]
        < summary(wh, year=year, area=province)["households_surveyed"]
    )


def table_of(content: bytes) -> list[dict[str, str]]:
    """An open-data CSV's rows by English column name (the files' headers are Thai)."""
    import csv
    import io

    from tpmap.portal.opendata import column_names

    header, *rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    names = column_names(header)
    return [dict(zip(names, row, strict=True)) for row in rows]


def test_open_data_of_households_without_a_card(client: Any, wh: Any) -> None:
    year = wh.years[-1]
    r = client.get(f"/open-data/{year}/province.csv?card=none")
    assert r.status_code == 200
    assert f'filename="tpmap-{year}-province-no-card.csv"' in r["Content-Disposition"]
    rows = table_of(r.content)
    stats = {
        x["code"]: x
        for x in portal_selectors.level_stats(wh, year=year, level="province", scope="no_card")
    }
    assert {row["area_code"] for row in rows} == set(stats) and rows
    for row in rows:
        assert row["scope"] == "no_card"
        want = published(wh, year, row["area_code"], "no_card")["households_surveyed"]
        assert want == stats[row["area_code"]]["households_surveyed"]
        assert row["households_surveyed"] == ("" if want is None else str(want))
    everyone = table_of(client.get(f"/open-data/{year}/province.csv").content)
    assert {r["scope"] for r in everyone} == {"all"}


def test_publication_rule() -> None:
    assert [str(Count.of(n)) for n in (0, None, 5, 1234)] == ["0", "*", "5", "1,234"]
    with pytest.raises(AssertionError):
        Count.of(3)  # the published tables never hold a small count
    assert suppressed(1) and suppressed(4) and not suppressed(0) and not suppressed(5)
    assert rate(None, 100) is None and rate(10, None) is None and rate(10, 0) is None
    assert rate(10, 40) == 25.0
    assert star_axis(0, 0) == 100.0 and star_axis(None, 50) is None
    assert star_axis(10, 40) == 75.0 and star_axis(None, 0) == 100.0


def test_a_warehouse_built_before_the_public_tables_says_no_data_yet(
    client: Any, settings: Any, portal_warehouse: Any, tmp_path: Any
) -> None:
    """Not a server error: the page says there is no data yet until the warehouse is
    rebuilt."""
    import shutil

    from tpmap.site import warehouse
    from tpmap.warehouse.layout import current_version

    old = tmp_path / "wh"
    shutil.copytree(portal_warehouse, old)
    version = current_version(old)
    assert version is not None
    for name in ("public_area_stats", "public_area_indicator_stats"):
        (version / f"{name}.parquet").unlink()
    settings.TPMAP_WAREHOUSE = old
    warehouse.reset()
    try:
        r = client.get("/open/2566/")
        assert r.status_code == 503 and "ยังไม่มีข้อมูลให้แสดง" in r.content.decode()
        assert client.get("/open-data/2566/province.csv").status_code == 503
    finally:
        warehouse.reset()


def test_open_data_workbooks_write_area_names_as_texts() -> None:
    import io
    import zipfile

    from openpyxl import load_workbook

    from tpmap.portal import opendata

    row: list[Any] = [1] * len(opendata.HEADER)
    name_at = opendata.HEADER.index("name_th")
    row[name_at] = "=1+2"
    content = opendata.to_xlsx([row])
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    ws = load_workbook(io.BytesIO(content))["area_stats"]
    name = ws.cell(row=2, column=name_at + 1)
    assert (name.value, name.data_type, name.quotePrefix) == ("=1+2", "s", True)
    assert ws.cell(row=2, column=1).value == 1


def test_transitions_between_years_are_published_counts_or_hidden(client: Any, wh: Any) -> None:
    """The trend's transitions (stayed, exited, entered, not re-surveyed, then per
    dimension exits and entries) are the published (suppressed) counts; the true counts
    are the summary JSON's."""
    assert len(wh.years) >= 2
    checked = 0
    for code in (
        "TH",
        *(r["code"] for r in portal_selectors.level_stats(wh, year=wh.years[-1], level="province")),
    ):
        text = page(client, url_of(wh.years[-1], code))
        section = text.split('id="transitions"', 1)[1].split("</section>", 1)[0]
        rows = portal_selectors.transition_trend(wh, area=code)
        assert [(r["from_year"], r["year"]) for r in rows] == list(
            zip(wh.years, wh.years[1:], strict=False)
        )
        expected: list[str] = []
        for r in rows:
            expected += [shown(r[k]) for k in ("exited", "stayed", "entered", "not_resurveyed")]
            for d in DIMENSIONS:
                expected += [shown(r[f"{d}_exited"]), shown(r[f"{d}_entered"])]
            true = summary(wh, year=r["year"], area=code)["transitions"]
            for k in ("exited", "stayed", "entered", "not_resurveyed"):
                assert r[k] in (None, true[k])
        assert [html.unescape(v) for v in CNT.findall(section)] == expected
        checked += 1
    # The welfare-card view has no transitions (they count every person).
    assert 'id="transitions"' not in page(client, url_of(wh.years[-1], "TH") + "?card=none")
    assert checked >= 2


def test_open_data_by_type_and_agency_with_the_years_groups(client: Any, wh: Any) -> None:
    """F5: the files carry, per area, the published persons by registry, type and agency and
    per group of the year's policy, under Thai headers the dictionary names in English."""
    from tpmap.portal.opendata import file_columns
    from tpmap.warehouse.layout import REGISTRY_COUNTS

    year = wh.years[-1]
    r = client.get(f"/open-data/{year}/province.csv")
    header = r.content.decode("utf-8-sig").splitlines()[0].split(",")
    groups = wh.group_ids(year)
    assert groups == ("1.1", "1.2", "2", "3.1", "3.2", "4")
    assert header[-7:] == [*(f"กลุ่ม {g}" for g in groups), "คอลัมน์ที่ปิดไว้"]
    assert "ผู้ถือบัตรสวัสดิการแห่งรัฐ (กระทรวงการคลัง)" in header
    assert header == [c.header_th for c in file_columns(groups)]
    rows = table_of(r.content)
    assert rows
    published_groups = portal_selectors.group_stats(
        wh, year=year, codes=[row["area_code"] for row in rows]
    )
    seen_hidden = False
    for row in rows:
        s = portal_selectors.area_stats(wh, year=year, area=row["area_code"])
        flagged = set(row["suppressed_columns"].split(";")) - {""}
        for c in REGISTRY_COUNTS:
            assert row[c] == ("" if s[c] is None else str(s[c])), c
            assert (s[c] is None) == (c in flagged)
        for g in groups:
            want = published_groups.get(row["area_code"], {}).get(g, 0)
            assert row[f"group_{g}"] == ("" if want is None else str(want))
            seen_hidden |= want is None
            # The true count is the summary's (first match); hidden only when small or
            # to protect a small one.
            true = summary(wh, year=year, area=row["area_code"])["groups"][g]
            assert want in (None, true)
    assert sum(int(row["card_holders"] or 0) for row in rows) > 0
    dictionary = client.get("/open-data/dictionary.csv").content.decode("utf-8-sig")
    assert "กลุ่ม <id>,group_<id>," in dictionary
    assert "ผู้ถือบัตรสวัสดิการแห่งรัฐ (กระทรวงการคลัง),card_holders," in dictionary
    assert seen_hidden or all(
        v is not None for v in published_groups.get(rows[0]["area_code"], {}).values()
    )
