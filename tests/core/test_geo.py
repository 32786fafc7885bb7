from __future__ import annotations

import numpy as np
import shapely

from tpmap.core import areas, geo


def test_there_is_one_shape_per_province_of_the_catalog() -> None:
    shapes = geo.province_shapes()
    assert len(shapes) == 77
    assert set(shapes) == {p.code for p in areas.provinces()}
    for code, ps in shapes.items():
        assert ps.geometry.is_valid and not ps.geometry.is_empty, code
        assert ps.name_th == areas.admin_area(code).name_th  # type: ignore[union-attr]


def test_random_points_fall_inside_their_province_and_the_contract_box() -> None:
    rng = np.random.default_rng(7)
    for code in geo.province_shapes():
        lat, lon = geo.random_points_in_province(code, 40, rng)
        assert lat.shape == lon.shape == (40,)
        assert np.all(shapely.contains_xy(geo.province_shape(code).geometry, lon, lat)), code
        assert np.all((lat >= 5.6) & (lat <= 20.5)), code
        assert np.all((lon >= 97.3) & (lon <= 105.7)), code


def test_random_points_are_deterministic_for_a_seed() -> None:
    a = geo.random_points_in_province("34", 100, np.random.default_rng(1))
    b = geo.random_points_in_province("34", 100, np.random.default_rng(1))
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])


def test_jittered_points_stay_inside_the_province() -> None:
    rng = np.random.default_rng(3)
    lat, lon = geo.random_points_in_province("75", 200, rng)  # a small coastal province
    jlat, jlon = geo.jitter_in_province("75", lat, lon, 0.05, rng)
    assert np.all(geo.contains("75", jlat, jlon))


def test_bangkok_points_are_near_bangkok() -> None:
    lat, lon = geo.random_points_in_province("10", 50, np.random.default_rng(0))
    assert np.all((lat > 13.4) & (lat < 14.0) & (lon > 100.3) & (lon < 101.0))
