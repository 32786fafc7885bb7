from __future__ import annotations

from django.urls import path, re_path

from tpmap.dashboard.analytics import views as analytics
from tpmap.dashboard.monitor import views as monitor
from tpmap.dashboard.reports import views as reports

app_name = "dashboard"

urlpatterns = [
    path("monitor/", monitor.dashboard, name="monitor"),
    path("reports/", reports.index, name="reports"),
    path("analytics/", analytics.index, name="analytics"),
    path("analytics/views/", analytics.save, name="analytics_save"),
    path("analytics/views/<int:pk>/", analytics.open_view, name="analytics_view"),
    path("analytics/views/<int:pk>/delete/", analytics.delete, name="analytics_delete"),
    re_path(
        r"^reports/(?P<kind>[a-z]+)/(?P<area>TH|[0-9]{2,8})\.(?P<fmt>xlsx|pdf)$",
        reports.download,
        name="report_download",
    ),
]
