from __future__ import annotations

from django.urls import path, re_path

from tpmap.reports import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.index, name="index"),
    re_path(
        r"^reports/(?P<kind>[a-z]+)/(?P<area>TH|[0-9]{2,8})\.(?P<fmt>xlsx|pdf)$",
        views.download,
        name="download",
    ),
]
