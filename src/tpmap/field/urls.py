from __future__ import annotations

from django.urls import path

from tpmap.field import views

app_name = "field"
urlpatterns = [
    path("", views.shell, name="shell"),
    path("token/", views.token, name="token"),
    path("logout/", views.logout_page, name="logout"),
    path("sw.js", views.service_worker, name="sw"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
]
