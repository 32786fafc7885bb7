"""Places of areas from the survey: where the surveyed households of each child area lie
(the mean of their coordinates), for maps of areas without bundled shapes."""

from __future__ import annotations

from tpmap.core import areas as area_catalog
from tpmap.warehouse.read.base import Warehouse


def child_area_points(
    wh: Warehouse, *, year: int, parent: str
) -> dict[str, tuple[float, float, int]]:
    """For each child area of ``parent`` (codes cut to the child level's width): the mean
    latitude and longitude of its surveyed households with coordinates, and how many there
    are. One grouped query; no household is given back on its own."""
    wh.require_year(year)
    level = area_catalog.level_of(parent)
    width = area_catalog.CHILD_CODE_LENGTH.get(level) if level else None
    if width is None:
        return {}
    where = ["year = ?", "latitude IS NOT NULL", "longitude IS NOT NULL"]
    params: list[object] = [width, year]
    if parent != area_catalog.COUNTRY_CODE:
        low, high = area_catalog.code_range(parent)
        where.append("village_code >= ? AND village_code < ?")
        params += [low, high]
    rows = wh.engine.fetchall(
        "SELECT substr(village_code, 1, ?) AS child, avg(latitude), avg(longitude), count(*) "
        f"FROM households WHERE {' AND '.join(where)} GROUP BY child ORDER BY child",
        params,
    )
    return {str(c): (float(lat), float(lon), int(n)) for c, lat, lon, n in rows}
