from __future__ import annotations

from django.urls import path, re_path

from tpmap.committees import views

app_name = "committees"

urlpatterns = [
    path("committees/", views.committee_list, name="list"),
    path("committees/<int:pk>/", views.committee_detail, name="detail"),
    path("committees/<int:pk>/members/", views.member_add, name="member_add"),
    path(
        "committees/<int:pk>/members/<int:member_pk>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("committees/<int:pk>/orders/", views.order_upload, name="order_upload"),
    path("committees/<int:pk>/reports/", views.report_new, name="report_new"),
    path("committees/<int:pk>/consolidated/", views.consolidated, name="consolidated"),
    re_path(
        r"^committees/(?P<pk>[0-9]+)/consolidated\.(?P<fmt>xlsx|pdf)$",
        views.consolidated_download,
        name="consolidated_download",
    ),
    path("committees/reports/<int:pk>/", views.report_detail, name="report"),
    # Public: the portal's URL space, served by this app (the portal never reads Logbook data).
    path("open/committees/", views.public_index, name="public_index"),
    re_path(r"^open/committees/(?P<area>[0-9]{2,6})/$", views.public_area, name="public_area"),
    path("open/committees/orders/<int:pk>.pdf", views.public_order, name="public_order"),
]
