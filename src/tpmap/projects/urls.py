from __future__ import annotations

from django.urls import path, re_path

from tpmap.projects import views

app_name = "projects"
urlpatterns = [
    path("projects/", views.project_list, name="list"),
    path("projects/new/", views.project_form, name="new"),
    path("projects/<int:pk>/", views.project_detail, name="detail"),
    path("projects/<int:pk>/edit/", views.project_form, name="edit"),
    re_path(
        r"^projects/(?P<pk>[0-9]{1,9})/emenscr\.(?P<fmt>json|xlsx)$",
        views.project_export,
        name="export",
    ),
]
