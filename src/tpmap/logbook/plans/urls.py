"""The plan's URLs, included once by tpmap.logbook.urls (names in the ``logbook`` space)."""

from __future__ import annotations

from django.urls import path

from tpmap.logbook.household.access import household_form
from tpmap.logbook.plans import views

HOUSEHOLD = "households/<int:year>/<str:household_id>/"

urlpatterns = [
    path(f"{HOUSEHOLD}plan/", household_form, {"page": views.PLAN}, name="plan"),
    path(
        f"{HOUSEHOLD}plan/actions/new/",
        household_form,
        {"page": views.ACTION_NEW},
        name="plan_action_new",
    ),
    path(
        f"{HOUSEHOLD}plan/analysis/", household_form, {"page": views.ANALYSIS}, name="plan_analysis"
    ),
    path(f"{HOUSEHOLD}plan/stage/", household_form, {"page": views.STAGE}, name="plan_stage"),
    path(f"{HOUSEHOLD}plan.pdf", views.plan_print, name="plan_pdf"),
    path("plan-actions/<int:pk>/edit/", views.action_edit, name="plan_action_edit"),
    path("plan-actions/<int:pk>/delete/", views.action_delete, name="plan_action_delete"),
]
