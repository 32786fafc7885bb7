from __future__ import annotations

from django.urls import path

from tpmap.logbook import views

app_name = "logbook"
urlpatterns = [
    path("", views.home, name="home"),
    path("households/", views.search, name="search"),
    path("households/areas/", views.area_options, name="area_options"),
    path("households/<int:year>/<str:household_id>/", views.household, name="household"),
    path(
        "households/<int:year>/<str:household_id>/problems/new/",
        views.problem_new,
        name="problem_new",
    ),
    path(
        "households/<int:year>/<str:household_id>/activities/new/",
        views.activity_new,
        name="activity_new",
    ),
    path("households/<int:year>/<str:household_id>/folder/", views.classify, name="classify"),
    path("households/<int:year>/<str:household_id>/pin/", views.pin, name="pin"),
    path("households/<int:year>/<str:household_id>/mentor/", views.mentor, name="mentor"),
    path("mentors/<int:pk>/remove/", views.mentor_remove, name="mentor_remove"),
    path("problems/<int:pk>/edit/", views.problem_edit, name="problem_edit"),
    path("problems/<int:pk>/delete/", views.problem_delete, name="problem_delete"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("map/", views.area_map, name="map"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("photos/<int:pk>/thumb/", views.photo, {"thumb": True}, name="photo_thumb"),
]
