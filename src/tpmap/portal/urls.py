from __future__ import annotations

from django.urls import path, re_path, register_converter

from tpmap.portal import pivot, views


class _TextConverter:
    """A path part kept as text once its regex matched."""

    regex: str

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class AreaCodeConverter(_TextConverter):
    """2, 4, 6 or 8 digits: province, district, subdistrict, village."""

    regex = "[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{8}"


class FormatConverter(_TextConverter):
    regex = "csv|xlsx"


register_converter(AreaCodeConverter, "areacode")
register_converter(FormatConverter, "datafmt")

app_name = "portal"
urlpatterns = [
    path("open/", views.landing, name="landing"),
    # The short addresses of tpmap.in.th (/2566/3401): the same page under /open/.
    re_path(
        r"^(?P<year>25[0-9]{2})(?:/(?P<code>[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{8}))?/?$",
        views.short_address,
    ),
    path("open/about/", views.about, name="about"),
    path("open/pivot/", pivot.page, name="pivot"),
    path("open/provinces.geojson", views.provinces_geojson, name="provinces_geojson"),
    path("open/<int:year>/", views.area, name="country"),
    path("open/<int:year>/map.json", views.map_data, name="map_data"),
    path("open/<int:year>/<areacode:code>/", views.area, name="area"),
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/dictionary.csv", views.dictionary, name="dictionary"),
    path("open-data/<int:year>/<slug:level>.<datafmt:fmt>", views.download, name="download"),
]
