from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from tpmap.accounts import views

app_name = "accounts"
urlpatterns = [
    path("manage/", views.account_list, name="list"),
    path("manage/new/", views.account_new, name="new"),
    path("manage/<int:pk>/toggle/", views.account_toggle, name="toggle"),
    path("manage/<int:pk>/reset/", views.account_reset, name="reset"),
    path("manage/<int:pk>/unlock/", views.account_unlock, name="unlock"),
    path("audit/", views.audit_log, name="audit"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_done.html"),
        name="password_done",
    ),
]
