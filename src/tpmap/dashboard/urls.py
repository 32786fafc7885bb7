from __future__ import annotations

from django.urls import path, re_path

from tpmap.dashboard.monitor import views as monitor
from tpmap.dashboard.reports import views as reports

app_name = "dashboard"

urlpatterns = [
    path("monitor/", monitor.dashboard, name="monitor"),
    path("reports/", reports.index, name="reports"),
    re_path(
        r"^reports/(?P<kind>[a-z]+)/(?P<area>TH|[0-9]{2,8})\.(?P<fmt>xlsx|pdf)$",
        reports.download,
        name="report_download",
    ),
]
