from __future__ import annotations

from django.urls import include, path

from tpmap.logbook.additions import views as additions
from tpmap.logbook.assessments.views import ASSESSMENT
from tpmap.logbook.checks import views as checks
from tpmap.logbook.corrections import views as corrections
from tpmap.logbook.corrections.views import CORRECTION
from tpmap.logbook.folder.views import FOLDER
from tpmap.logbook.household import views as household
from tpmap.logbook.household.access import household_form
from tpmap.logbook.mentors import views as mentors
from tpmap.logbook.mentors.views import MENTOR
from tpmap.logbook.pins import views as pins
from tpmap.logbook.pins.views import PIN
from tpmap.logbook.records import views as records
from tpmap.logbook.records.activities import ACTIVITIES
from tpmap.logbook.records.problems import PROBLEMS
from tpmap.logbook.search import views as search
from tpmap.logbook.visits.views import VISITS
from tpmap.logbook.worklists import views as worklists

HOUSEHOLD = "households/<int:year>/<str:household_id>/"
problems, activities = {"kind": PROBLEMS}, {"kind": ACTIVITIES}
visits = {"kind": VISITS}


def page(spec: object) -> dict[str, object]:
    return {"page": spec}


app_name = "logbook"
urlpatterns = [
    path("", household.home, name="home"),
    path("households/", search.search, name="search"),
    path("households/areas/", search.area_options, name="area_options"),
    path(HOUSEHOLD, household.household, name="household"),
    path(
        f"{HOUSEHOLD}problems/new/",
        household_form,
        page(records.new_page(PROBLEMS)),
        name="problem_new",
    ),
    path(
        f"{HOUSEHOLD}activities/new/",
        household_form,
        page(records.new_page(ACTIVITIES)),
        name="activity_new",
    ),
    path(f"{HOUSEHOLD}folder/", household_form, page(FOLDER), name="classify"),
    path(f"{HOUSEHOLD}pin/", household_form, page(PIN), name="pin"),
    path(f"{HOUSEHOLD}mentor/", household_form, page(MENTOR), name="mentor"),
    path(f"{HOUSEHOLD}visit/", household_form, page(CORRECTION), name="correction_new"),
    path(f"{HOUSEHOLD}assessment/", household_form, page(ASSESSMENT), name="assessment"),
    path(
        "corrections/<int:pk>/reverse/", corrections.correction_reverse, name="correction_reverse"
    ),
    path("additions/", additions.addition_list, name="additions"),
    path("checks/", checks.checks, name="checks"),
    path("additions/new/", additions.addition_new, name="addition_new"),
    path("additions/<int:pk>/", additions.addition_detail, name="addition"),
    path("additions/<int:pk>/decision/", additions.addition_decision, name="addition_decision"),
    path("mentors/<int:pk>/remove/", mentors.mentor_remove, name="mentor_remove"),
    path("problems/<int:pk>/edit/", records.record_edit, problems, name="problem_edit"),
    path("problems/<int:pk>/delete/", records.record_delete, problems, name="problem_delete"),
    path("activities/<int:pk>/edit/", records.record_edit, activities, name="activity_edit"),
    path("activities/<int:pk>/delete/", records.record_delete, activities, name="activity_delete"),
    path(
        f"{HOUSEHOLD}visits/new/", household_form, page(records.new_page(VISITS)), name="visit_new"
    ),
    path("visits/<int:pk>/edit/", records.record_edit, visits, name="visit_edit"),
    path("visits/<int:pk>/delete/", records.record_delete, visits, name="visit_delete"),
    path("my-households/", worklists.my_households, name="my_households"),
    path("work/", worklists.work_index, name="work"),
    path("work/<slug:slug>/", worklists.work_list, name="work_list"),
    path("settings/province/", worklists.province_settings, name="province_settings"),
    path("map/", pins.area_map, name="map"),
    path("photos/<int:pk>/", household.photo, name="photo"),
    path("photos/<int:pk>/thumb/", household.photo, {"thumb": True}, name="photo_thumb"),
    path("", include("tpmap.logbook.plans.urls")),  # F17 the household development plan
]
