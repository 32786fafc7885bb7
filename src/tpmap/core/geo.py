"""Province shapes (Natural Earth admin-1, simplified; see scripts/refresh_province_shapes.py)
and vectorised random points inside a province.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

# The contract's bounding box for coordinates (CONTRACTS.md section 1).
LAT_MIN, LAT_MAX = 5.6, 20.5
LON_MIN, LON_MAX = 97.3, 105.7


@dataclass(frozen=True, slots=True)
class ProvinceShape:
    code: str
    name_th: str
    name_en: str
    geometry: BaseGeometry

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(min_lon, min_lat, max_lon, max_lat)."""
        b = self.geometry.bounds
        return (float(b[0]), float(b[1]), float(b[2]), float(b[3]))


def provinces_geojson() -> dict[str, Any]:
    """The raw GeoJSON FeatureCollection (properties: code, name_th, name_en)."""
    path = resources.files("tpmap.core") / "data" / "provinces.geojson"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def province_shapes() -> dict[str, ProvinceShape]:
    out: dict[str, ProvinceShape] = {}
    for feat in provinces_geojson()["features"]:
        props = feat["properties"]
        geom = shape(feat["geometry"])
        shapely.prepare(geom)
        out[str(props["code"])] = ProvinceShape(
            str(props["code"]), str(props["name_th"]), str(props["name_en"]), geom
        )
    return out


def province_shape(code: str) -> ProvinceShape:
    try:
        return province_shapes()[code]
    except KeyError:
        raise KeyError(f"no shape for province {code!r}") from None


def contains(code: str, lat: NDArray[np.float64], lon: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Which points lie inside the province (and inside the contract's bounding box)."""
    geom = province_shape(code).geometry
    inside: NDArray[np.bool_] = np.asarray(shapely.contains_xy(geom, lon, lat), dtype=np.bool_)
    return inside & (lat >= LAT_MIN) & (lat <= LAT_MAX) & (lon >= LON_MIN) & (lon <= LON_MAX)


def random_points_in_province(
    code: str, n: int, rng: np.random.Generator
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """``n`` uniform random points inside the province: (lat, lon) arrays.

    Rejection sampling in the bounding box, vectorised: each round draws enough candidates
    for the points still missing given the shape's fill ratio of its box.
    """
    ps = province_shape(code)
    min_lon, min_lat, max_lon, max_lat = ps.bounds
    box_area = (max_lon - min_lon) * (max_lat - min_lat)
    fill = max(ps.geometry.area / box_area, 0.02) if box_area > 0 else 1.0
    lat = np.empty(n, dtype=np.float64)
    lon = np.empty(n, dtype=np.float64)
    done = 0
    while done < n:
        want = n - done
        m = int(want / fill * 1.2) + 16
        cand_lon = rng.uniform(min_lon, max_lon, m)
        cand_lat = rng.uniform(min_lat, max_lat, m)
        ok = contains(code, cand_lat, cand_lon)
        take = min(int(ok.sum()), want)
        lat[done : done + take] = cand_lat[ok][:take]
        lon[done : done + take] = cand_lon[ok][:take]
        done += take
    return lat, lon


def jitter_in_province(
    code: str,
    lat: NDArray[np.float64],
    lon: NDArray[np.float64],
    scale: float,
    rng: np.random.Generator,
    tries: int = 4,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Move each point by a normal offset of ``scale`` degrees, keeping it inside the province:
    a moved point that falls outside is redrawn up to ``tries`` times, then left where it was
    (the anchor points must be inside)."""
    out_lat = lat.copy()
    out_lon = lon.copy()
    todo = np.arange(lat.shape[0])
    for _ in range(tries):
        if todo.size == 0:
            break
        cand_lat = lat[todo] + rng.normal(0.0, scale, todo.size)
        cand_lon = lon[todo] + rng.normal(0.0, scale, todo.size)
        ok = contains(code, cand_lat, cand_lon)
        out_lat[todo[ok]] = cand_lat[ok]
        out_lon[todo[ok]] = cand_lon[ok]
        todo = todo[~ok]
    return out_lat, out_lon
